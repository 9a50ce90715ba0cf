// The use writer thread (see use-recorder.ts): runs each [statement name, parameters] of a batch
// with the statements it was given, in one transaction on a connection of its own, and answers
// {} or { error }; null closes the connection and ends the thread. No kysely here: a small heap.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { CHECKPOINT_PAGES, openConnection } from '../db/connection.js';

const { file, statements } = workerData as { file: string; statements: Record<string, string> };

/**
 * Bookkeeping yields to answers: when the cores are busy, this thread gets the CPU after the
 * one that answers checks. On Linux a thread has its own nice value, set through its thread id
 * (`/proc/thread-self`); elsewhere the thread keeps the process's priority.
 */
function lowerThisThreadsPriority(): void {
  try {
    setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), 10);
  } catch {
    // Not Linux, or not allowed: the writes only compete on equal terms.
  }
}

lowerThisThreadsPriority();
const port = parentPort!;
const sqlite = openConnection(file, { checkpointPages: CHECKPOINT_PAGES.writerThread, synchronous: 'NORMAL' });
const prepared = new Map(Object.entries(statements).map(([name, sql]) => [name, sqlite.prepare(sql)]));
const writeAll = sqlite.transaction((batch: [string, unknown[]][]) => {
  for (const [name, parameters] of batch) prepared.get(name)!.run(parameters);
});

port.on('message', (batch: [string, unknown[]][] | null) => {
  if (batch === null) {
    sqlite.close();
    port.close();
    return;
  }
  try {
    writeAll(batch);
    port.postMessage({});
  } catch (error) {
    const { message, code } = error as { message?: string; code?: string };
    port.postMessage({ error: { message: message ?? String(error), code } });
  }
});
