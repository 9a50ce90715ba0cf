import { DAY_MS, formatDuration, SYSTEM_ACTOR } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import { advanceExpiryNotice, expiryCandidates, idleMsOf, type ExpiryCandidate } from '../pats/pat.repository.js';
import type { Journal, JournalEntry } from './journal.js';

/** The notices, latest stage first: an expiry notice `days` before, for a PAT that lives longer than that. */
const NOTICES = [
  { stage: 2, days: 1 },
  { stage: 1, days: 7 },
] as const;

/** How many PATs one transaction of the scan takes. */
const SCAN_BATCH = 500;

/**
 * What a PAT is owed now: its `expired` event (stage 3) once it stopped working (`ends_at`: its
 * expiry, or sooner its idle limit), else the latest notice whose time has come. A notice missed
 * (the server was down) is not sent late once a later one is due, and a PAT that lives no longer
 * than a notice's lead never gets that notice (a 1-day PAT is not "expiring in 7 days" at birth).
 * An end by the idle limit is told as such: a use before it keeps the PAT working.
 */
export function owed(
  pat: Pick<ExpiryCandidate, 'issued_at' | 'expires_at' | 'ends_at' | 'max_idle_ms' | 'expiry_notice'>,
  now: number,
): { stage: number; entry?: Omit<JournalEntry, 'pat' | 'at'> } {
  const endsAt = Date.parse(pat.ends_at);
  // ISO-8601 UTC times order as text.
  const idle = pat.ends_at < pat.expires_at ? { idleExpiresAt: pat.ends_at } : {};
  const system = { actor: SYSTEM_ACTOR, ip: null, userAgent: null, ...idle };
  if (endsAt <= now) {
    const maxIdle = idleMsOf(pat.max_idle_ms);
    const details =
      idle.idleExpiresAt && maxIdle !== null
        ? { expires_at: pat.expires_at, reason: 'idle' as const, idle_expires_at: idle.idleExpiresAt, max_idle: formatDuration(maxIdle) }
        : { expires_at: pat.expires_at };
    return { stage: 3, entry: { ...system, kind: 'expired', details } };
  }
  const lifetime = endsAt - Date.parse(pat.issued_at);
  for (const { stage, days } of NOTICES) {
    if (endsAt - now > days * DAY_MS) continue;
    return { stage, entry: lifetime > days * DAY_MS ? { ...system, daysLeft: days } : undefined };
  }
  return { stage: pat.expiry_notice };
}

/**
 * Records the PATs that expired (their `expired` event and notification) and sends the expiry
 * notices that came due, each once: the PAT's `expiry_notice` moves on in the transaction that
 * writes them. Returns how many PATs moved on.
 */
export async function scanExpiries(db: PatDatabase, journal: Journal, now: number): Promise<number> {
  const at = {
    now: new Date(now).toISOString(),
    inDay: new Date(now + DAY_MS).toISOString(),
    inWeek: new Date(now + 7 * DAY_MS).toISOString(),
  };
  let moved = 0;
  for (;;) {
    let notified = 0;
    const batch = await db.transaction().execute(async (trx) => {
      const candidates = await expiryCandidates(trx, at, SCAN_BATCH);
      const entries: JournalEntry[] = [];
      for (const pat of candidates) {
        const { stage, entry } = owed(pat, now);
        if (stage === pat.expiry_notice || !(await advanceExpiryNotice(trx, pat, stage))) continue;
        moved++;
        if (entry) entries.push({ ...entry, pat, at: now });
      }
      notified = await journal.write(trx, entries);
      return candidates.length;
    });
    if (notified > 0) journal.notified();
    if (batch < SCAN_BATCH) return moved;
  }
}
