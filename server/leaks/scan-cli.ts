#!/usr/bin/env node
/**
 * `npm run scan -- <path>…` (`pat-kit-scan` once installed): lists the PAT Kit secrets in the
 * files under each path, masked, one per line as `file:line:column  pat_…`. With `--report
 * <API URL>` and the key in PAT_LEAK_REPORT_KEY, it also reports them to that server, which
 * revokes the live ones. Exit status: 0 none found, 1 found (and, if asked, reported), 2 usage
 * or failure.
 */
import { existsSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LeakReportEntry } from '../../contract/index.js';
import { maskSecret, reportSecrets, scanPath } from './scan.js';

const USAGE = 'usage: pat-kit-scan [--report <API URL, e.g. https://host/api>] [--source <name>] <path>…';

interface Options {
  paths: string[];
  report?: string;
  source: string;
}

function parseArguments(args: string[]): Options | string {
  const options: Options = { paths: [], source: 'pat-kit-scan' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--report' || arg === '--source') {
      const value = args[++i];
      if (!value) return `${arg} needs a value`;
      if (arg === '--report') options.report = value;
      else options.source = value;
    } else if (arg.startsWith('--')) return `unknown option ${arg}`;
    else options.paths.push(arg);
  }
  return options.paths.length > 0 ? options : 'name at least one path';
}

export async function main(args: string[], env: NodeJS.ProcessEnv = process.env, out = console.log, err = console.error): Promise<number> {
  const options = parseArguments(args);
  if (typeof options === 'string') {
    err(`pat-kit-scan: ${options}\n${USAGE}`);
    return 2;
  }
  const key = env.PAT_LEAK_REPORT_KEY;
  if (options.report && !key) {
    err('pat-kit-scan: --report needs the leak report key in PAT_LEAK_REPORT_KEY');
    return 2;
  }
  const found: LeakReportEntry[] = [];
  try {
    for (const path of options.paths) {
      if (!existsSync(path)) {
        err(`pat-kit-scan: no such file or folder: ${path}`);
        return 2;
      }
      for await (const secret of scanPath(path)) {
        const where = `${secret.file}:${secret.line}:${secret.column}`;
        out(`${where}  ${maskSecret(secret.secret)}`);
        found.push({ token: secret.secret, url: where, source: options.source });
      }
    }
    out(found.length === 0 ? 'No PAT Kit secrets found.' : `${found.length} PAT Kit secret${found.length === 1 ? '' : 's'} found.`);
    if (options.report && found.length > 0) {
      const results = await reportSecrets(options.report, key!, found);
      const counts = { revoked: 0, already_inactive: 0, unknown: 0 };
      for (const { status } of results) counts[status]++;
      out(
        `Reported: ${counts.revoked} revoked now, ${counts.already_inactive} already inactive, ${counts.unknown} unknown to that server.`,
      );
    }
  } catch (error) {
    err(`pat-kit-scan: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  return found.length > 0 ? 1 : 0;
}

const invoked = process.argv[1] && existsSync(process.argv[1]) ? pathToFileURL(realpathSync(process.argv[1])).href : undefined;
if (invoked === import.meta.url) process.exitCode = await main(process.argv.slice(2));
