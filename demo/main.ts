/**
 * The demo portal. Under `npm run dev` the API is MSW's mock (no server); every build (`npm start`)
 * is served by the real server and signs in through its demo login route.
 */
import { setBasePath } from '@shoelace-style/shoelace/dist/utilities/base-path.js';
import '@shoelace-style/shoelace/dist/components/menu-item/menu-item.js';
import type { DemoEntity, DemoUser } from '../contract/demo.js';
import { DEMO_TEXT, DEMO_LANGUAGES, type DemoLanguage } from './text.js';

setBasePath('/shoelace');

const provider = document.querySelector('pat-api-provider')!;
const manager = document.querySelector('pat-manager')!;
const userMenu = document.querySelector('pat-user-menu')!;
const userSwitch = document.querySelector<HTMLSelectElement>('#user-switch')!;
const langSwitch = document.querySelector<HTMLSelectElement>('#lang-switch')!;
const themeToggle = document.querySelector<HTMLButtonElement>('#theme-toggle')!;
const home = document.querySelector<HTMLElement>('#home')!;
const pageTitle = document.querySelector<HTMLElement>('#page-title')!;
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

function language(): DemoLanguage {
  const lang = document.documentElement.lang;
  return (DEMO_LANGUAGES as readonly string[]).includes(lang) ? (lang as DemoLanguage) : 'en';
}

/** The page's own words; the elements follow `<html lang dir>` by themselves. */
function applyLanguage(lang: DemoLanguage) {
  document.documentElement.lang = lang;
  document.documentElement.dir = lang === 'ar' ? 'rtl' : 'ltr';
  langSwitch.value = lang;
  localStorage.setItem('pat-kit-demo-lang', lang);
  const text = DEMO_TEXT[lang];
  for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) node.textContent = text[node.dataset.text as keyof typeof text];
  userSwitch.setAttribute('aria-label', text.user);
  langSwitch.setAttribute('aria-label', text.language);
  showPage();
}

/** The portal's home, or its token pages (where pat-manager routes by the hash). */
function showPage() {
  const tokens = location.hash.startsWith('#/pats');
  home.hidden = tokens;
  manager.hidden = !tokens;
  const text = DEMO_TEXT[language()];
  pageTitle.textContent = tokens ? text.settings : text.home;
  document.title = `${tokens ? text.pats : text.home} · Acme Console`;
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

/** The demo portal's entities by name, for the scope editor and the scopes table. */
async function findEntities(entityType: string, query: string): Promise<DemoEntity[]> {
  const params = new URLSearchParams({ type: entityType, q: query });
  return (await json<{ entities: DemoEntity[] }>(await fetch(`/api/demo/entities?${params}`))).entities;
}

async function start() {
  applyTheme(
    localStorage.getItem('pat-kit-demo-theme') === 'dark' ||
      (!localStorage.getItem('pat-kit-demo-theme') && matchMedia('(prefers-color-scheme: dark)').matches),
  );
  themeToggle.addEventListener('click', () => applyTheme(!document.documentElement.classList.contains('sl-theme-dark')));
  const saved = localStorage.getItem('pat-kit-demo-lang') ?? '';
  applyLanguage((DEMO_LANGUAGES as readonly string[]).includes(saved) ? (saved as DemoLanguage) : 'en');
  langSwitch.addEventListener('change', () => applyLanguage(langSwitch.value as DemoLanguage));
  addEventListener('hashchange', showPage);

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
    showNotice(DEMO_TEXT[language()].noDemo);
  }
  userSwitch.replaceChildren(...users.map((user) => new Option(user.name, user.id)));
  userSwitch.addEventListener('change', async () => {
    await signIn(users.find((user) => user.id === userSwitch.value)!);
    location.hash = '/pats';
  });
  userMenu.addEventListener('pat-navigate', () => (location.hash = '/pats'));
  manager.entityLookup = findEntities;

  // The elements load once signed in, so their first requests carry the token.
  await import('../components/index.js');
}

void start();
