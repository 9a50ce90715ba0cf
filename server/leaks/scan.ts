import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { secretPatId, type LeakReportAnswer, type LeakReportEntry } from '../../contract/index.js';
import { LEAK_SIGNATURE_HEADER, leakReportSignature } from './leak-signature.js';

/**
 * Finds PAT Kit secrets in files: by their format, then by their checksum, so a random string
 * of the same shape passes its CRC32 checksum one time in four billion. What `npm run scan` runs.
 */

/** A secret as it can stand in text: not glued to more letters or digits on either side. */
const CANDIDATE = /(?<![0-9A-Za-z_])pat_[0-9A-Za-z]{22}_[0-9A-Za-z]{49}(?![0-9A-Za-z_])/g;

/** Folders no scan wants: dependencies and version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Files larger than this are not read (a secret lives in source, config and logs, not in images). */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

export interface FoundSecret {
  /** The file's path: the scanned path, and below it for a folder. */
  file: string;
  /** 1-based. */
  line: number;
  column: number;
  secret: string;
}

/** The PAT secrets in `text` whose checksum holds, with their 1-based columns. */
export function findSecrets(text: string): { secret: string; column: number }[] {
  const found: { secret: string; column: number }[] = [];
  for (const match of text.matchAll(CANDIDATE)) {
    if (secretPatId(match[0])) found.push({ secret: match[0], column: match.index + 1 });
  }
  return found;
}

/** Every file under `path` (or `path` itself), folders in name order, skipping SKIPPED_FOLDERS. */
async function* filesUnder(path: string): AsyncGenerator<string> {
  const info = await stat(path);
  if (info.isFile()) {
    yield path;
    return;
  }
  if (!info.isDirectory()) return;
  const entries = (await readdir(path, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.isDirectory() && SKIPPED_FOLDERS.has(entry.name)) continue;
    if (entry.isDirectory() || entry.isFile()) yield* filesUnder(join(path, entry.name));
  }
}

/** The secrets in the files under `root`, read line by line (a secret never spans lines). */
export async function* scanPath(root: string): AsyncGenerator<FoundSecret> {
  for await (const path of filesUnder(root)) {
    if ((await stat(path)).size > MAX_FILE_BYTES) continue;
    const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
    let line = 0;
    for await (const text of lines) {
      line++;
      if (!text.includes('pat_')) continue;
      for (const { secret, column } of findSecrets(text)) yield { file: path, line, column, secret };
    }
  }
}

/** A secret as a scan prints it: enough to tell which PAT (its id part), never enough to use it. */
export function maskSecret(secret: string): string {
  return `${secret.slice(0, 27)}…${secret.slice(-4)}`;
}

/** POSTs the found secrets to a server's `/pats/leaked` (at `apiUrl`, e.g. `https://host/api`), 100 a report. */
export async function reportSecrets(
  apiUrl: string,
  key: string,
  entries: readonly LeakReportEntry[],
): Promise<LeakReportAnswer['results']> {
  const results: LeakReportAnswer['results'] = [];
  for (let start = 0; start < entries.length; start += 100) {
    const body = JSON.stringify(entries.slice(start, start + 100));
    const response = await fetch(`${apiUrl.replace(/\/+$/, '')}/pats/leaked`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        [LEAK_SIGNATURE_HEADER]: leakReportSignature(body, key),
        'user-agent': 'pat-kit-scan',
      },
      body,
    });
    if (!response.ok) throw new Error(`the server answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    results.push(...((await response.json()) as LeakReportAnswer).results);
  }
  return results;
}
