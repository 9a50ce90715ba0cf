import { DAY_MS, problems, USAGE_DAYS, utcDay, type PatEventPage, type PatUsage, type UsageDay } from '../../contract/index.js';
import type { PatDatabase } from '../db/database.js';
import { findPat } from '../pats/pat.repository.js';
import type { UseRecorder } from '../usage/use-recorder.js';
import { readUsage } from '../usage/use.repository.js';
import { listEvents, toEvent } from './event.repository.js';

export interface ActivityServiceDeps {
  db: PatDatabase;
  /** Reads the stored counts with this instance's counts not yet written, so a PAT's usage includes its latest checks. */
  withPendingCounts: UseRecorder['withPendingCounts'];
  now: () => number;
}

/** What PATs did and what was done to them: their events and their daily use. */
export class ActivityService {
  constructor(private readonly deps: ActivityServiceDeps) {}

  /** A PAT's events, newest first; 404 when it is not the user's (or no longer exists). */
  async patEvents(userId: string, patId: string, offset: number, limit: number): Promise<PatEventPage> {
    await this.#own(userId, patId);
    const { total, rows } = await listEvents(this.deps.db, { userId, patId }, offset, limit);
    return { total, offset, limit, events: rows.map(toEvent) };
  }

  /** All the user's events, deleted PATs' included, newest first. */
  async userEvents(userId: string, offset: number, limit: number): Promise<PatEventPage> {
    const { total, rows } = await listEvents(this.deps.db, { userId }, offset, limit);
    return { total, offset, limit, events: rows.map(toEvent) };
  }

  /** The PAT's checks on each of the last `days` UTC days, today last. */
  async usage(userId: string, patId: string, days: number = USAGE_DAYS.default): Promise<PatUsage> {
    await this.#own(userId, patId);
    const today = Math.floor(this.deps.now() / DAY_MS);
    const window: UsageDay[] = Array.from({ length: days }, (_, index) => ({
      day: utcDay((today - days + 1 + index) * DAY_MS),
      allowed: 0,
      denied: 0,
    }));
    const byDay = new Map(window.map((day) => [day.day, day]));
    const { stored, pending } = await this.deps.withPendingCounts(patId, () => readUsage(this.deps.db, patId, window[0]!.day));
    for (const counted of [...stored, ...pending]) {
      const day = byDay.get(counted.day);
      if (!day) continue;
      day.allowed += counted.allowed;
      day.denied += counted.denied;
    }
    const sum = (key: 'allowed' | 'denied') => window.reduce((total, day) => total + day[key], 0);
    return { pat_id: patId, days: window, allowed: sum('allowed'), denied: sum('denied') };
  }

  async #own(userId: string, patId: string): Promise<void> {
    if (!(await findPat(this.deps.db, userId, patId))) throw problems.patNotFound();
  }
}
