import { extname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { databaseFile, type PatDatabase } from '../db/database.js';
import { lastUseStatement, lastUseWriter, type LastUse } from '../pats/pat.repository.js';

/**
 * Keeps `last_used_at` and `last_used_ip` without slowing the answer: checks queue their last
 * uses here and go on; the queue is written in batches, one transaction each, by a thread with
 * a connection of its own when the database is a file (an UPDATE with its index and WAL pages
 * costs about as much as the read a miss does), in this thread otherwise.
 */
export interface LastUseRecorder {
  /** Queues a last use; a later one of the same PAT replaces it. */
  record(id: string, at: number, ip: string | null): void;
  /** The newest last use of `id` that is queued or being written, not yet in the database. */
  pending(id: string): number | undefined;
  /** Resolves once every last use recorded before the call is written (or its failure told). */
  flush(): Promise<void>;
  /** Writes what is queued, then stops the writer thread. */
  close(): Promise<void>;
}

interface BatchWriter {
  write(uses: LastUse[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The most last uses in one transaction. A full batch holds the write lock for about 60 ms
 * (bench: 100k PATs, 2 cores), which is how long a write of the answering thread, such as
 * creating a PAT, may wait for it during a burst; smaller batches cost more per row.
 */
const MAX_BATCH = 1_000;

export function createLastUseRecorder({ db, onError }: { db: PatDatabase; onError: (error: unknown) => void }): LastUseRecorder {
  const queued = new Map<string, LastUse>();
  const writing = new Map<string, LastUse>();
  let writer: Promise<BatchWriter> | undefined;
  let draining: Promise<void> | undefined;
  let scheduled = false;
  let closed = false;

  function schedule(): void {
    if (scheduled || draining) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      void drain();
    });
  }

  /** Writes batches until the queue is empty; one drain at a time, so one batch in flight. */
  function drain(): Promise<void> {
    draining ??= (async () => {
      writer ??= openWriter(db, onError);
      const { write } = await writer;
      while (queued.size > 0) {
        for (const [id, use] of queued) {
          if (writing.size === MAX_BATCH) break;
          writing.set(id, use);
          queued.delete(id);
        }
        try {
          await write([...writing.values()]);
        } catch (error) {
          onError(error);
        } finally {
          writing.clear();
        }
      }
    })().finally(() => {
      draining = undefined;
      if (queued.size > 0) schedule();
    });
    return draining;
  }

  async function flush(): Promise<void> {
    while (queued.size > 0 || draining) await drain();
  }

  return {
    record(id, at, ip) {
      if (closed) return;
      queued.set(id, { id, at, ip });
      schedule();
    },
    pending(id) {
      return queued.get(id)?.at ?? writing.get(id)?.at;
    },
    flush,
    async close() {
      await flush();
      closed = true;
      if (writer) await (await writer).stop();
    },
  };
}

/** A writer thread when `db` is a file another connection can open; this thread otherwise. */
async function openWriter(db: PatDatabase, onError: (error: unknown) => void): Promise<BatchWriter> {
  const inThread: BatchWriter = { write: lastUseWriter(db), stop: async () => {} };
  const file = await databaseFile(db);
  if (!file) return inThread;
  try {
    return threadWriter(file, lastUseStatement(db), inThread, onError);
  } catch (error) {
    onError(error);
    return inThread;
  }
}

/** The worker module next to this one: compiled (.js), or run from source under tsx (.ts). */
function startWorker(workerData: { file: string; sql: string }): Worker {
  const url = new URL(`./last-use.worker${extname(import.meta.url)}`, import.meta.url);
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

/** The worker's side is `last-use.worker.ts`. If the thread dies, its batch and all later ones are written here. */
function threadWriter(
  file: string,
  { sql, parameters }: ReturnType<typeof lastUseStatement>,
  fallback: BatchWriter,
  onError: (error: unknown) => void,
): BatchWriter {
  const worker = startWorker({ file, sql });
  // Keeps the process alive only while it writes or stops: an idle writer never holds up an exit.
  worker.unref();
  let dead = false;
  let waiting: { uses: LastUse[]; resolve: () => void; reject: (error: unknown) => void } | undefined;
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));

  function takeOver(error: unknown): void {
    if (dead) return;
    dead = true;
    onError(error);
    const batch = waiting;
    waiting = undefined;
    if (batch) fallback.write(batch.uses).then(batch.resolve, batch.reject);
  }

  worker.on('message', ({ error }: WorkerReply) => {
    worker.unref();
    const batch = waiting;
    waiting = undefined;
    if (error) batch?.reject(Object.assign(new Error(error.message), { code: error.code }));
    else batch?.resolve();
  });
  worker.on('error', takeOver);
  worker.on('exit', (code) => takeOver(new Error(`the last-use writer thread stopped (exit code ${code})`)));

  return {
    write(uses) {
      if (dead) return fallback.write(uses);
      return new Promise((resolve, reject) => {
        waiting = { uses, resolve, reject };
        worker.ref();
        worker.postMessage(uses.map(parameters));
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
