// The last-use writer thread (see last-use-recorder.ts): runs the UPDATE it was given for each
// parameter list of a batch, in one transaction on a connection of its own, and answers {} or
// { error }; null closes the connection and ends the thread. No kysely here: a small heap.
import { parentPort, workerData } from 'node:worker_threads';
import { CHECKPOINT_PAGES, openConnection } from '../db/connection.js';

const { file, sql } = workerData as { file: string; sql: string };
const port = parentPort!;
const sqlite = openConnection(file, { checkpointPages: CHECKPOINT_PAGES.writerThread });
const update = sqlite.prepare(sql);
const writeAll = sqlite.transaction((batch: unknown[][]) => {
  for (const parameters of batch) update.run(parameters);
});

port.on('message', (batch: unknown[][] | null) => {
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
