// The Chromium the browser tests drive: CHROME_PATH, or the usual places of a Chromium or Chrome,
// or Debian's chromium package installed with apt-get (as root). Otherwise one line saying what
// to install or set.
import { aptInstall, findExecutable } from './system.mjs';

/**
 * The flags every headless Chromium of the tests and the bench runs with: no sandbox (the tests
 * run as root), and none of its background traffic, which a closed network answers with errors.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** The Chromium to launch: the one `npm test` found (it sets CHROME_PATH), else Debian's. */
export function chromiumPath() {
  return process.env.CHROME_PATH ?? '/usr/bin/chromium';
}

const HOW =
  'Chromium is needed for the browser tests: install it (Debian/Ubuntu: apt-get install chromium) or set CHROME_PATH to a Chromium or Chrome executable';

function find() {
  if (process.env.CHROME_PATH) return findExecutable([process.env.CHROME_PATH]);
  return findExecutable(
    [
      '/usr/bin/chromium',
      '/usr/bin/chromium-browser',
      '/usr/bin/google-chrome',
      '/usr/bin/google-chrome-stable',
      '/snap/bin/chromium',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    ],
    ['chromium', 'chromium-browser', 'google-chrome'],
  );
}

/** The path of a Chromium executable; throws an Error whose message is the one line to show. */
export function findChromium() {
  if (process.env.CHROME_PATH && !find()) throw new Error(`CHROME_PATH names ${process.env.CHROME_PATH}, which does not exist. ${HOW}`);
  const found = find() ?? (aptInstall('chromium', 'Chromium') ? find() : undefined);
  if (!found) throw new Error(HOW);
  return found;
}
