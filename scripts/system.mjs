// The system parts the tests need, found or installed: Debian's packages through apt-get when
// the tests run as root on Debian or Ubuntu. Never a silent skip: what cannot be had is one
// clear line saying what to install or set.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

/**
 * Installs a Debian package with apt-get when running as root where apt-get exists; says so in
 * one line first. True when it was installed.
 */
export function aptInstall(pkg, what) {
  if (!isRoot() || !existsSync('/usr/bin/apt-get')) return false;
  console.log(`${what} is not installed: installing Debian's ${pkg} package with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
  const get = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', pkg], { stdio: ['ignore', 'ignore', 'inherit'], env });
  return Boolean(get && get.status === 0);
}

/** The first of `paths` that exists, or the first of `commands` found on the PATH. */
export function findExecutable(paths, commands = []) {
  const found = paths.find((path) => path && existsSync(path));
  if (found) return found;
  for (const command of commands) {
    const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
    if (result.status === 0 && result.stdout.trim()) return result.stdout.trim();
  }
  return undefined;
}
