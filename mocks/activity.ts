/**
 * What the mock store keeps of PATs' activity, as the server does (server/events/,
 * server/usage/): every PAT's events, newest first, kept after the PAT is deleted until the
 * retention period has passed since; its daily counts of allowed and denied checks; and the
 * client addresses it was used from (the first use from each is a `new_address` event).
 */
import {
  DAY_MS,
  DEFAULT_EVENT_RETENTION,
  parseDuration,
  USAGE_DAYS,
  utcDay,
  type PatEvent,
  type PatEventDetails,
  type PatEventKind,
  type PatEventPage,
  type PatUsage,
  type UsageDay,
} from '../contract/index.js';

/** Who did something, and from where: as an event records it. */
export interface EventSource {
  actor: string;
  ip: string | null;
  userAgent: string | null;
}

/** An event as the log keeps it: its owner beside it, and its place in the order of recording. */
interface LoggedEvent extends PatEvent {
  user_id: string;
  seq: number;
}

/** The longest user agent an event keeps (the server's). */
const USER_AGENT_MAX = 512;

function retentionMs(): number {
  const parsed = parseDuration(DEFAULT_EVENT_RETENTION);
  if (!parsed.ok) throw new Error(`DEFAULT_EVENT_RETENTION: ${parsed.reason}`);
  return parsed.ms;
}

export class ActivityLog {
  readonly #newId: () => string;
  readonly #retentionMs = retentionMs();
  #events: LoggedEvent[] = [];
  #seq = 0;
  /** PAT id → UTC day → its checks. */
  readonly #usage = new Map<string, Map<string, { allowed: number; denied: number }>>();
  /** PAT id → the client addresses it was used from. */
  readonly #addresses = new Map<string, Set<string>>();

  constructor(newId: () => string) {
    this.#newId = newId;
  }

  /** Records that `kind` happened to `pat` at `at` (epoch ms). */
  record(
    pat: { id: string; user_id: string; name: string },
    kind: PatEventKind,
    at: number,
    source: EventSource,
    details: PatEventDetails = {},
  ): void {
    this.#events.push({
      id: this.#newId(),
      user_id: pat.user_id,
      pat_id: pat.id,
      pat_name: pat.name,
      kind,
      at: new Date(at).toISOString(),
      actor: source.actor,
      ip: source.ip,
      user_agent: source.userAgent ? source.userAgent.slice(0, USER_AGENT_MAX) : null,
      details,
      seq: this.#seq++,
    });
  }

  /**
   * A page of the user's events (of one PAT, with `patId`), newest first; events at the same
   * instant newest recorded first. Deleted PATs' events older than the retention go first.
   */
  page(userId: string, patId: string | undefined, offset: number, limit: number, now: number): PatEventPage {
    this.#sweep(now);
    const events = this.#events
      .filter((event) => event.user_id === userId && (patId === undefined || event.pat_id === patId))
      .sort((a, b) => (a.at === b.at ? b.seq - a.seq : a.at < b.at ? 1 : -1));
    return {
      total: events.length,
      offset,
      limit,
      events: events.slice(offset, offset + limit).map(({ user_id: _user, seq: _seq, ...event }) => structuredClone(event)),
    };
  }

  /** Forgets the events of the PATs deleted more than the retention period before `now`. */
  #sweep(now: number): void {
    const cutoff = new Date(now - this.#retentionMs).toISOString();
    const gone = new Set(this.#events.filter((event) => event.kind === 'deleted' && event.at < cutoff).map((event) => event.pat_id));
    if (gone.size > 0) this.#events = this.#events.filter((event) => !gone.has(event.pat_id));
  }

  /** Counts a check of the PAT on the UTC day of `at`. */
  count(patId: string, at: number, allowed: boolean, times = 1): void {
    let days = this.#usage.get(patId);
    if (!days) this.#usage.set(patId, (days = new Map()));
    const day = utcDay(at);
    const counts = days.get(day) ?? { allowed: 0, denied: 0 };
    counts[allowed ? 'allowed' : 'denied'] += times;
    days.set(day, counts);
  }

  /** The PAT's checks on each of the last `days` UTC days, today last, days without checks as zeros. */
  usage(patId: string, days: number = USAGE_DAYS.default, now: number): PatUsage {
    const today = Math.floor(now / DAY_MS);
    const counted = this.#usage.get(patId);
    const window: UsageDay[] = Array.from({ length: days }, (_, index) => {
      const day = utcDay((today - days + 1 + index) * DAY_MS);
      return { day, allowed: 0, denied: 0, ...counted?.get(day) };
    });
    const sum = (key: 'allowed' | 'denied') => window.reduce((total, day) => total + day[key], 0);
    return { pat_id: patId, days: window, allowed: sum('allowed'), denied: sum('denied') };
  }

  /** Notes a use of the PAT from `ip`; true when it is the first from there. */
  firstUseFrom(patId: string, ip: string): boolean {
    let addresses = this.#addresses.get(patId);
    if (!addresses) this.#addresses.set(patId, (addresses = new Set()));
    if (addresses.has(ip)) return false;
    addresses.add(ip);
    return true;
  }

  /** A deleted PAT's counts and addresses go with it; its events stay for the retention period. */
  forget(patId: string): void {
    this.#usage.delete(patId);
    this.#addresses.delete(patId);
  }
}
