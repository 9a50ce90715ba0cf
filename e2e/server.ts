import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { freePort } from '../server/test/harness.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium.mjs';

const root = new URL('..', import.meta.url).pathname;

/** Runs a command to completion in `cwd` and returns what it printed; fails with its output. `env` adds to this process's environment. */
export async function output(command: string, args: string[], cwd = root, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let all = '';
  child.stdout!.on('data', (chunk) => {
    stdout += chunk;
    all += chunk;
  });
  child.stderr!.on('data', (chunk) => (all += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}):\n${all}`);
  return stdout;
}

/** Runs a command in the repository to completion, failing with its output. */
export async function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<void> {
  await output(command, args, root, env);
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The standalone server (server/main.ts from source, as `npm start` runs it compiled) on a throw-away
 * database and a free port. `env` overrides its environment (e.g. PAT_STATIC_DIR).
 */
export async function startStandalone(env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'pat-kit-e2e-'));
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PAT_DB: join(dir, 'e2e.db'),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if ((await fetch(`${url}/api/demo/users`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 20_000) throw new Error(`server did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Signs `user` in through the demo login of the server at `base`: their access token. */
export async function demoToken(base: string, user = 'alice'): Promise<string> {
  const login = await fetch(`${base}/api/demo/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  if (!login.ok) throw new Error(`demo login as ${user}: ${login.status}`);
  return ((await login.json()) as { access_token: string }).access_token;
}
