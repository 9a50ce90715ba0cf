import { expect } from '@open-wc/testing';
import { strings } from '../i18n/strings.js';
import { ar } from '../i18n/translations/ar.js';
import { de } from '../i18n/translations/de.js';
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
    expect(locale.patEnd(revoked, now)).to.deep.equal({ at: revoked.revoked_at, text: 'Revoked 1 minute ago', revoked: true, idle: false });
    expect(locale.patEnd({ ...revoked, revoked: false, revoked_at: null }, now).text).to.equal('Expires in 30 days');
    expect(locale.patEnd({ revoked: false, revoked_at: null, expires_at: '2026-11-25T12:00:00Z' }, now).text).to.equal(
      'Expired 3 days ago',
    );
  });

  it('patEnd: an idle limit that ends a PAT first says so, and when; after its lifetime it is the lifetime again', () => {
    const locale = new PatLocale('en', strings);
    const now = Date.parse('2026-11-28T12:00:00Z');
    const pat = { revoked: false, revoked_at: null, expires_at: '2027-06-01T12:00:00Z', idle_expires_at: '2026-12-03T12:00:00Z' };
    expect(locale.patEnd(pat, now)).to.deep.equal({
      at: pat.idle_expires_at,
      text: 'Expires in 5 days if unused',
      revoked: false,
      idle: true,
    });
    const unused = { ...pat, idle_expires_at: '2026-11-18T12:00:00Z' };
    expect(locale.patEnd(unused, now)).to.deep.equal({
      at: unused.idle_expires_at,
      text: 'Expired (unused) 10 days ago',
      revoked: false,
      idle: true,
    });
    // An idle expiry at or after the lifetime's end (a server sends none then), none at all, or left out: the lifetime.
    for (const idle of [pat.expires_at, '2027-07-01T12:00:00Z', null, undefined]) {
      expect(locale.patEnd({ ...pat, idle_expires_at: idle }, now), String(idle)).to.deep.include({ at: pat.expires_at, idle: false });
    }
    // Revoked wins over both.
    expect(locale.patEnd({ ...unused, revoked: true, revoked_at: '2026-11-28T11:00:00Z' }, now)).to.deep.include({
      revoked: true,
      idle: false,
    });
    expect(new PatLocale('de', de).patEnd(pat, now).text).to.equal('Läuft in 5 Tagen ab, falls ungenutzt');
    expect(new PatLocale('de', de).patEnd(unused, now).text).to.equal('Abgelaufen (ungenutzt) vor 10 Tagen');
    const arabic = new PatLocale('ar', ar);
    expect(arabic.patEnd(pat, now).text).to.equal(ar.ends.expiresUnused(arabic.relative(pat.idle_expires_at, now)));
  });

  it('duration words an idle limit as written: days, weeks, a year, in the language; what no one unit says stays as it is', () => {
    const en = new PatLocale('en', strings);
    expect(['30d', '2w', '24h', '365d', '1y', '90d'].map((value) => en.duration(value))).to.deep.equal([
      '30 days',
      '2 weeks',
      '1 day',
      '1 year',
      '1 year',
      '90 days',
    ]);
    expect(en.duration('1d12h')).to.equal('1d12h');
    expect(new PatLocale('de', de).duration('30d')).to.equal('30 Tage');
    expect(new PatLocale('ar', ar).duration('30d')).to.equal(
      new Intl.NumberFormat('ar', { style: 'unit', unit: 'day', unitDisplay: 'long' }).format(30),
    );
    // A preset's own label stays in English; another language words it.
    expect(en.durationLabel({ value: '2w', label: 'Two weeks' })).to.equal('Two weeks');
    expect(new PatLocale('de', de).durationLabel({ value: '2w', label: 'Two weeks' })).to.equal('2 Wochen');
  });
});
