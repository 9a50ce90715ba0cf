import { secretPatId, SYSTEM_ACTOR, type LeakOutcome, type LeakReportEntry } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import type { Journal } from '../events/journal.js';
import { credentialReader, findPat, notifyChanged, revokeLeaked } from '../pats/pat.repository.js';
import { digestsEqual, type TokenHasher } from '../tokens/token.js';

/** The shortest leak report key accepted: as guessable as a 190-bit random key, written in base64. */
export const LEAK_KEY_MIN = 32;

export interface LeakServiceDeps {
  db: PatDatabase;
  hashToken: TokenHasher;
  journal: Journal;
  /** Told, after the commit, of the PATs a report revoked. */
  changed: (patIds: string[]) => void;
  now: () => number;
}

/** Who sent a report, as the `leaked` events record it. */
export interface Reporter {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Leak reports: each reported secret that is a live PAT's is revoked at once, with a `leaked`
 * event on its timeline and a `pat.leaked` notification. A secret is checked offline first (its
 * format and checksum), then by its digest, as authorize does; the answer tells what became of
 * it, never whose it was.
 */
export class LeakService {
  readonly #readCredential;

  constructor(private readonly deps: LeakServiceDeps) {
    this.#readCredential = credentialReader(deps.db);
  }

  async report(entries: readonly LeakReportEntry[], reporter: Reporter): Promise<LeakOutcome[]> {
    const outcomes: LeakOutcome[] = [];
    for (const entry of entries) outcomes.push(await this.#reportOne(entry, reporter));
    return outcomes;
  }

  async #reportOne({ token, url = '', source = '' }: LeakReportEntry, reporter: Reporter): Promise<LeakOutcome> {
    const id = secretPatId(token);
    if (!id) return 'unknown';
    const credential = await this.#readCredential(id);
    if (!credential || !digestsEqual(this.deps.hashToken(token), credential.token_hash)) return 'unknown';
    const now = this.deps.now();
    if (credential.revoked || Date.parse(credential.expires_at) <= now) return 'already_inactive';
    const at = new Date(now).toISOString();
    let notified = 0;
    const revoked = await this.deps.db.transaction().execute(async (trx) => {
      // Only the report that revokes it records it: a repeat, or a race with another, is already_inactive.
      if (!(await revokeLeaked(trx, id, at, { url, source }))) return false;
      await notifyChanged(trx, [id]);
      const pat = (await findPat(trx, credential.user_id, id))!;
      notified = await this.deps.journal.write(trx, [
        { pat, at: now, actor: SYSTEM_ACTOR, ip: reporter.ip, userAgent: reporter.userAgent, kind: 'leaked', details: { url, source } },
      ]);
      return true;
    });
    if (!revoked) return 'already_inactive';
    this.deps.changed([id]);
    if (notified > 0) this.deps.journal.notified();
    return 'revoked';
  }
}
