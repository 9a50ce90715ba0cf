// The use writer thread (see use-recorder.ts): writes each batch it is sent with the statements
// of use-batch.ts, in one transaction on a connection of its own, and answers {} or { error };
// null closes the connection and ends the thread. No kysely here: a small heap.
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { CHECKPOINT_PAGES, openConnection } from '../db/connection.js';
import { forEachUseRow, SQLITE_USE_STATEMENTS, type UseBatch } from './use-batch.js';

const { file } = workerData as { file: string };

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
const prepared = new Map(Object.entries(SQLITE_USE_STATEMENTS).map(([name, sql]) => [name, sqlite.prepare(sql)]));
const writeAll = sqlite.transaction((batch: UseBatch) => {
  forEachUseRow(batch, (statement, parameters) => prepared.get(statement)!.run(parameters));
});

port.on('message', (batch: UseBatch | null) => {
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
