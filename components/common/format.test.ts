import { expect } from '@open-wc/testing';
import { formatDateTime, formatNumber, formatRelative } from './format.js';

// The table formats a few hundred values per page from cached Intl formatters: the text must stay
// what the plain calls write.
describe('format', () => {
  it('formatNumber writes a number as toLocaleString() does', () => {
    for (const n of [0, 7, 1234, 1234567, -42, 3.5]) expect(formatNumber(n), String(n)).to.equal(n.toLocaleString());
  });

  it('formatDateTime writes the medium date and short time of an ISO instant', () => {
    for (const iso of ['2026-11-28T15:04:00.000Z', '2024-02-29T00:00:59.999Z']) {
      expect(formatDateTime(iso), iso).to.equal(new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' }));
    }
  });

  it('formatRelative counts in the unit that reads naturally', () => {
    const now = Date.parse('2026-11-28T12:00:00Z');
    const at = (ms: number) => new Date(now + ms).toISOString();
    const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });
    expect(formatRelative(at(0), now)).to.equal('now');
    expect(formatRelative(at(-2 * 86_400_000), now)).to.equal(relative.format(-2, 'day'));
    expect(formatRelative(at(30 * 86_400_000), now)).to.equal(relative.format(30, 'day'));
    expect(formatRelative(at(90 * 86_400_000), now)).to.equal(relative.format(3, 'month'));
    expect(formatRelative(at(5 * 3_600_000), now)).to.equal(relative.format(5, 'hour'));
  });
});
