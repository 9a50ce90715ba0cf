import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { DAY_MS, utcDay } from '../../contract/index.js';
import { databaseFile, sqliteReadsOf, type PatDatabase } from '../db/database.js';
import type { EventIds } from '../events/event-id.js';
import type { AddressUse, LastUse, UseBatch, UseCount } from './use-batch.js';
import { useWriter } from './use.repository.js';

/**
 * Keeps what checks leave behind without slowing the answer: last uses (`last_used_at`,
 * `last_used_ip`), each PAT's daily counts of allowed and denied checks, and the client
 * addresses it is used from. Checks hand them over here and go on; they are written in
 * batches, one transaction each, by a thread with a connection of its own when the database is
 * a file (an UPDATE with its index and WAL pages costs about as much as the read a miss does),
 * in this thread otherwise. Counts wait up to `countsEveryMs` for a batch to ride with.
 */
export interface UseRecorder {
  /**
   * Queues a last use (of a PAT with an idle limit of `idleMs`, which it moves on); a later one of
   * the same PAT replaces it and stands for both (LastUse.since).
   */
  record(id: string, at: number, ip: string | null, idleMs?: number | null): void;
  /**
   * Counts a check of the PAT, allowed or denied, on the UTC day of `at`, in `holder` (the
   * cached PAT): a warm check adds to it without a lookup or an allocation.
   */
  count(holder: CountHolder, at: number, allowed: boolean): void;
  /** Queues a use from a client address this instance has not seen the PAT use (see AddressUse); `refused` off its allowlist. */
  address(id: string, at: number, ip: string, userAgent: string | null, refused: boolean): void;
  /** The last uses of `id` being written and queued, oldest first, not yet in the database; undefined for none. */
  pending(id: string): readonly LastUse[] | undefined;
  /**
   * Runs `read` (a read of the stored counts) so that it and the counts of `id` not yet written,
   * which it answers beside, add up to every check counted: no batch of counts lands in the
   * database while `read` runs unseen, or is counted twice.
   */
  withPendingCounts<T>(id: string, read: () => Promise<T>): Promise<{ stored: T; pending: UseCount[] }>;
  /** Resolves once everything recorded before the call is written (or its failure told). */
  flush(): Promise<void>;
  /** Writes what is queued, then stops the writer thread. */
  close(): Promise<void>;
}

interface BatchWriter {
  write(batch: UseBatch): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The most last uses in one transaction. A full batch holds the write lock for about 60 ms
 * (bench: 100k PATs, 2 cores), which is how long a write of the answering thread, such as
 * creating a PAT, may wait for it during a burst; smaller batches cost more per row.
 */
const MAX_BATCH = 1_000;

/**
 * Where a PAT's checks of one UTC day are counted until a batch takes them: the cached PAT
 * itself, so a check allocates nothing, or the counts a new day left behind. The day is a day
 * number since the epoch (a division per check, not a date format).
 */
export interface CountHolder {
  id: string;
  checksDay: number;
  allowedChecks: number;
  deniedChecks: number;
  /** Whether it is in the list of counts waiting for a batch (its counts are then the day's so far). */
  checksWaiting: boolean;
}

/** The most counts waiting in memory: past it they go with the next batch, not after countsEveryMs. */
const MAX_COUNTED = 20_000;

/** `YYYY-MM-DD` of a day number, remembered: the counts of one batch nearly all share a day. */
function dayNamer(): (day: number) => string {
  let last = NaN;
  let name = '';
  return (day) => {
    if (day !== last) {
      last = day;
      name = utcDay(day * DAY_MS);
    }
    return name;
  };
}

export function createUseRecorder({
  db,
  onError,
  eventId,
  countsEveryMs = 10_000,
}: {
  db: PatDatabase;
  onError: (error: unknown) => void;
  /** The ids of `new_address` events. */
  eventId: EventIds;
  countsEveryMs?: number;
}): UseRecorder {
  const queued = new Map<string, LastUse>();
  const writing = new Map<string, LastUse>();
  /** The counts not yet taken; one PAT may have several (another day, or a reloaded cache entry). */
  let counts: CountHolder[] = [];
  /** Whether the next batch takes the counts: countsEveryMs after the first one waiting, or a flush. */
  let countsDue = false;
  const dayName = dayNamer();
  /** The counts as rows, one per PAT and day (PostgreSQL's upsert may touch a row once a statement). */
  function rowsOf(taken: readonly CountHolder[]): UseCount[] {
    const rows = new Map<string, UseCount>();
    for (const { id, checksDay, allowedChecks, deniedChecks } of taken) {
      const key = `${checksDay}|${id}`;
      const row = rows.get(key);
      if (row) {
        row.allowed += allowedChecks;
        row.denied += deniedChecks;
      } else rows.set(key, { id, day: dayName(checksDay), allowed: allowedChecks, denied: deniedChecks });
    }
    return [...rows.values()];
  }
  /** The batch being written, and how many batches with counts have been handed to the writer. */
  let inFlight: Promise<void> | undefined;
  let countBatches = 0;
  const addresses: AddressUse[] = [];
  let writer: Promise<BatchWriter> | undefined;
  let draining: Promise<void> | undefined;
  let scheduled = false;
  let countsTimer: NodeJS.Timeout | undefined;
  let closed = false;

  function schedule(): void {
    if (scheduled || draining) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void drain();
    });
  }

  /**
   * The addresses waiting, and the counts when they are due, for one batch: as many of each as
   * last uses (a batch is one transaction, and holds the write lock while it runs).
   */
  function takeCounts(): { counts: UseCount[]; addresses: AddressUse[] } {
    const takenAddresses = addresses.splice(0, MAX_BATCH);
    if (!countsDue) return { counts: [], addresses: takenAddresses };
    const taken = counts.length > MAX_BATCH ? counts.splice(0, MAX_BATCH) : counts;
    if (taken === counts) {
      counts = [];
      countsDue = false;
      clearTimeout(countsTimer);
      countsTimer = undefined;
    }
    for (const count of taken) count.checksWaiting = false;
    return { counts: rowsOf(taken), addresses: takenAddresses };
  }

  /** Writes batches until nothing waits; one drain at a time, so one batch in flight. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      writer ??= openWriter(db, onError);
      const { write } = await writer;
      // Addresses, and counts when due, go with whichever batch is next; last uses keep the loop going.
      do {
        for (const [id, use] of queued) {
          if (writing.size === MAX_BATCH) break;
          writing.set(id, use);
          queued.delete(id);
        }
        const taken = takeCounts();
        if (writing.size === 0 && taken.counts.length === 0 && taken.addresses.length === 0) break;
        if (taken.counts.length > 0) countBatches++;
        inFlight = write({ lastUses: [...writing.values()], ...taken });
        try {
          await inFlight;
        } catch (error) {
          onError(error);
        } finally {
          inFlight = undefined;
          writing.clear();
        }
      } while (queued.size > 0 || addresses.length > 0 || countsDue);
    })().finally(() => {
      draining = undefined;
      if (queued.size > 0) schedule();
    });
    return draining;
  }

  async function flush(): Promise<void> {
    if (draining) await draining;
    countsDue = true;
    await drain();
  }

  /**
   * Counts wait countsEveryMs (a busy PAT's thousands of checks become one row's update), then
   * ride with the next batch of last uses or go on their own.
   */
  function countsWait(): void {
    if (counts.length >= MAX_COUNTED) {
      countsDue = true;
      schedule();
      return;
    }
    countsTimer ??= setTimeout(() => {
      countsTimer = undefined;
      countsDue = true;
      schedule();
    }, countsEveryMs).unref();
  }

  return {
    record(id, at, ip, idleMs = null) {
      if (closed) return;
      const replaced = queued.get(id);
      queued.set(id, { id, at, since: replaced?.since ?? at, ip, idleMs });
      schedule();
    },
    count(holder, at, allowed) {
      if (closed) return;
      const day = Math.floor(at / DAY_MS);
      if (!holder.checksWaiting || holder.checksDay !== day) {
        if (holder.checksWaiting) {
          // The day turned with the last one's counts waiting: they wait on as counts of their own.
          const { id, checksDay, allowedChecks, deniedChecks } = holder;
          counts.push({ id, checksDay, allowedChecks, deniedChecks, checksWaiting: true });
        } else {
          holder.checksWaiting = true;
          counts.push(holder);
        }
        holder.checksDay = day;
        holder.allowedChecks = 0;
        holder.deniedChecks = 0;
        countsWait();
      }
      if (allowed) holder.allowedChecks++;
      else holder.deniedChecks++;
    },
    address(id, at, ip, userAgent, refused) {
      if (closed) return;
      addresses.push({ id, at, ip, userAgent, refused, eventId: eventId(at) });
      schedule();
    },
    pending(id) {
      const inFlight = writing.get(id);
      const waiting = queued.get(id);
      if (!inFlight) return waiting && [waiting];
      return waiting ? [inFlight, waiting] : [inFlight];
    },
    async withPendingCounts(id, read) {
      // A batch that lands while `read` runs may or may not be seen by it: read again (a few
      // times at most, under a stream of batches) until none was handed over meanwhile.
      for (let attempt = 1; ; attempt++) {
        await inFlight?.catch(() => undefined);
        const before = countBatches;
        const stored = await read();
        if (countBatches === before || attempt === 3) {
          return { stored, pending: rowsOf(counts.filter((count) => count.id === id)) };
        }
      }
    },
    flush,
    async close() {
      await flush();
      closed = true;
      clearTimeout(countsTimer);
      if (writer) await (await writer).stop();
    },
  };
}

/** A writer thread when `db` is a file another connection can open; this thread otherwise. */
async function openWriter(db: PatDatabase, onError: (error: unknown) => void): Promise<BatchWriter> {
  const inThread: BatchWriter = { write: useWriter(db), stop: async () => {} };
  const file = await databaseFile(db);
  if (!file) return inThread;
  try {
    // The thread's commits are another connection's: this one's reads of the turn may predate them.
    const reads = sqliteReadsOf(db);
    return threadWriter(file, inThread, onError, () => reads?.end());
  } catch (error) {
    onError(error);
    return inThread;
  }
}

/** The worker module next to this one: compiled (.js), or run from source under tsx (.ts). */
function startWorker(workerData: { file: string }): Worker {
  const url = new URL(`./use-writer.worker${extname(import.meta.url)}`, import.meta.url);
  // It holds one batch at a time: a small heap, not the main thread's defaults.
  const resourceLimits = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 };
  if (!url.pathname.endsWith('.ts')) return new Worker(url, { workerData, resourceLimits });
  // Node 20 gives a worker none of the main thread's module hooks: it registers tsx's itself.
  const register = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const code = `import(${register}).then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(code, { eval: true, workerData, resourceLimits });
}

interface WorkerReply {
  error?: { message: string; code?: string };
}

/**
 * The worker's side is `use-writer.worker.ts`. If the thread dies, its batch and all later ones
 * are written here. `onWritten` is told of each batch the thread has written, before its writer
 * hears of it.
 */
function threadWriter(file: string, fallback: BatchWriter, onError: (error: unknown) => void, onWritten: () => void): BatchWriter {
  const worker = startWorker({ file });
  // Keeps the process alive only while it writes or stops: an idle writer never holds up an exit.
  worker.unref();
  let dead = false;
  let waiting: { batch: UseBatch; resolve: () => void; reject: (error: unknown) => void } | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  function takeOver(error: unknown): void {
    if (dead) return;
    dead = true;
    onError(error);
    const pending = waiting;
    waiting = undefined;
    if (pending) fallback.write(pending.batch).then(pending.resolve, pending.reject);
  }

  worker.on('message', ({ error }: WorkerReply) => {
    worker.unref();
    onWritten();
    const pending = waiting;
    waiting = undefined;
    if (error) pending?.reject(Object.assign(new Error(error.message), { code: error.code }));
    else pending?.resolve();
  });
  worker.on('error', takeOver);
  worker.on('exit', (code) => takeOver(new Error(`the use writer thread stopped (exit code ${code})`)));

  return {
    write(batch) {
      if (dead) return fallback.write(batch);
      return new Promise((resolve, reject) => {
        waiting = { batch, resolve, reject };
        worker.ref();
        worker.postMessage(batch);
      });
    },
    async stop() {
      if (dead) return;
      dead = true;
      worker.ref();
      worker.postMessage(null);
      await exited;
    },
  };
}
