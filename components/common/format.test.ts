import { expect } from '@open-wc/testing';
import { strings } from '../i18n/strings.js';
import { PatLocale } from './format.js';

// The table formats a few hundred values per page from cached Intl formatters: the text must be
// what the plain calls write in the locale's language.
describe('PatLocale', () => {
  for (const lang of ['en-US', 'de', 'ar']) {
    const locale = new PatLocale(lang, strings);

    it(`number writes a number as toLocaleString('${lang}') does`, () => {
      for (const n of [0, 7, 1234, 1234567, -42, 3.5]) expect(locale.number(n), String(n)).to.equal(n.toLocaleString(lang));
    });

    it(`dateTime writes the medium date and short time of an ISO instant in ${lang}`, () => {
      for (const iso of ['2026-11-28T15:04:00.000Z', '2024-02-29T00:00:59.999Z']) {
        expect(locale.dateTime(iso), iso).to.equal(new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' }));
      }
    });

    it(`relative counts in the unit that reads naturally, in ${lang}`, () => {
      const now = Date.parse('2026-11-28T12:00:00Z');
      const at = (ms: number) => new Date(now + ms).toISOString();
      const relative = new Intl.RelativeTimeFormat(lang, { numeric: 'always' });
      expect(locale.relative(at(0), now)).to.equal(strings.now);
      expect(locale.relative(at(-2 * 86_400_000), now)).to.equal(relative.format(-2, 'day'));
      expect(locale.relative(at(30 * 86_400_000), now)).to.equal(relative.format(30, 'day'));
      expect(locale.relative(at(90 * 86_400_000), now)).to.equal(relative.format(3, 'month'));
      expect(locale.relative(at(5 * 3_600_000), now)).to.equal(relative.format(5, 'hour'));
    });
  }

  it('list joins items as the language does', () => {
    expect(new PatLocale('en', strings).list(['a', 'b', 'c'])).to.equal('a, b, and c');
    expect(new PatLocale('de', strings).list(['a', 'b', 'c'])).to.equal('a, b und c');
    expect(new PatLocale('en', strings).list(['a'])).to.equal('a');
  });

  it('utcDay writes a UTC day as that date, whatever the time zone', () => {
    const locale = new PatLocale('en-US', strings);
    expect(locale.utcDay('2026-11-28')).to.equal('Nov 28, 2026');
    expect(locale.utcDay('2027-01-01')).to.equal('Jan 1, 2027');
  });

  it('patEnd says how a PAT ends, once: revoked wins over its expiry', () => {
    const locale = new PatLocale('en', strings);
    const now = Date.parse('2026-11-28T12:00:00Z');
    const revoked = { revoked: true, revoked_at: '2026-11-28T11:59:00Z', expires_at: '2026-12-28T12:00:00Z' };
    expect(locale.patEnd(revoked, now)).to.deep.equal({ at: revoked.revoked_at, text: 'Revoked 1 minute ago', revoked: true });
    expect(locale.patEnd({ ...revoked, revoked: false, revoked_at: null }, now).text).to.equal('Expires in 30 days');
    expect(locale.patEnd({ revoked: false, revoked_at: null, expires_at: '2026-11-25T12:00:00Z' }, now).text).to.equal(
      'Expired 3 days ago',
    );
  });
});
