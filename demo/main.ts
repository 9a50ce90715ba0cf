/**
 * The demo portal. Under `npm run dev` the API is MSW's mock (no server); every build (`npm start`)
 * is served by the real server and signs in through its demo login route.
 */
import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import type { DemoUser } from '../contract/demo.js';

setBasePath('/shoelace');

const provider = document.querySelector('pat-api-provider')!;
const userMenu = document.querySelector('pat-user-menu')!;
const userSwitch = document.querySelector<HTMLSelectElement>('#user-switch')!;
const themeToggle = document.querySelector<HTMLButtonElement>('#theme-toggle')!;
const notice = document.querySelector<HTMLElement>('#notice')!;

function showNotice(text: string) {
  notice.textContent = text;
  notice.hidden = false;
}

function applyTheme(dark: boolean) {
  document.documentElement.classList.toggle('sl-theme-dark', dark);
  themeToggle.setAttribute('aria-pressed', String(dark));
  localStorage.setItem('pat-kit-demo-theme', dark ? 'dark' : 'light');
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
  return response.json() as Promise<T>;
}

/** Signs `user` in through the demo login route (the mock answers it too). */
async function signIn(user: DemoUser) {
  const login = await json<{ access_token: string }>(
    await fetch('/api/demo/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: user.id }),
    }),
  );
  provider.token = login.access_token;
  userMenu.name = user.name;
  userMenu.email = user.email;
}

async function start() {
  applyTheme(
    localStorage.getItem('pat-kit-demo-theme') === 'dark' ||
      (!localStorage.getItem('pat-kit-demo-theme') && matchMedia('(prefers-color-scheme: dark)').matches),
  );
  themeToggle.addEventListener('click', () => applyTheme(!document.documentElement.classList.contains('sl-theme-dark')));

  // A build-time flag, not the mode: a development build served by the real server must not mock it.
  if (__PAT_KIT_MOCKS__) {
    const { startMockWorker } = await import('../mocks/browser.js');
    await startMockWorker('default');
  }

  let users: DemoUser[] = [];
  try {
    users = (await json<{ users: DemoUser[] }>(await fetch('/api/demo/users'))).users;
    await signIn(users[0]!);
  } catch {
    showNotice('Demo sign-in is off on this server (PAT_DEMO or production): embed the elements in your own portal, which signs users in.');
  }
  userSwitch.replaceChildren(...users.map((user) => new Option(user.name, user.id)));
  userSwitch.addEventListener('change', async () => {
    await signIn(users.find((user) => user.id === userSwitch.value)!);
    location.hash = '/pats';
  });
  userMenu.addEventListener('pat-navigate', () => (location.hash = '/pats'));

  // The elements load once signed in, so their first requests carry the token.
  await import('../components/index.js');
}

void start();
