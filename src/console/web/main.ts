/** The console shell: sign-in, navigation, and the page for the current address under /console. */
import { api, saveToken, savedToken, whenUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { field, form, input } from './ui.js';
import { accountsPage } from './pages/accounts.js';
import { agentsPage } from './pages/agents.js';
import { botsPage } from './pages/bots.js';
import { holidaysPage } from './pages/holidays.js';
import { invocationsPage } from './pages/invocations.js';
import { numberingPage } from './pages/numbering.js';
import { missesPage } from './pages/misses.js';
import { overviewPage } from './pages/overview.js';
import { outboundPage } from './pages/outbound.js';
import { playgroundPage } from './pages/playground.js';
import { reportsPage } from './pages/reports.js';
import { shortUrlsPage } from './pages/short-urls.js';

/** A page draws itself into `main` and may return a function that stops its timers. */
export type Page = (main: HTMLElement) => void | (() => void);

const base = '/console';
const pages: Array<{ path: string; title: string; page: Page }> = [
  { path: '/overview', title: 'Overview', page: overviewPage },
  { path: '/accounts', title: 'Accounts', page: accountsPage },
  { path: '/holidays', title: 'Holidays', page: holidaysPage },
  { path: '/outbound', title: 'Outbound', page: outboundPage },
  { path: '/agents', title: 'Agents', page: agentsPage },
  { path: '/bots', title: 'Bots', page: botsPage },
  { path: '/short-urls', title: 'Short URLs', page: shortUrlsPage },
  { path: '/reports', title: 'Reports', page: reportsPage },
  { path: '/numbering', title: 'Numbering', page: numberingPage },
  { path: '/invocations', title: 'Invocation log', page: invocationsPage },
  { path: '/misses', title: 'Misses', page: missesPage },
  { path: '/playground', title: 'Webhook playground', page: playgroundPage },
];

const root = document.getElementById('app') as HTMLElement;
let stopPage: (() => void) | undefined;

function currentPath(): string {
  const path = location.pathname.startsWith(base) ? location.pathname.slice(base.length) : '';
  // The landing page is the overview (docs/console.md).
  return path.replace(/\/$/, '') || '/overview';
}

function signIn(reason?: string): void {
  stopPage?.();
  stopPage = undefined;
  document.title = 'Sign in — flowhooks console';
  const token = input('token', { type: 'password', autocomplete: 'current-password', required: true });
  const signInForm = form({ label: 'Sign in', class: 'card' }, [
    h('h1', {}, 'flowhooks console'),
    h('p', {}, 'Sign in with the admin token (printed at first start, or FLOWHOOKS_ADMIN_TOKEN).'),
    field('Admin token', token),
    h('button', { type: 'submit' }, 'Sign in'),
  ], async (values) => {
    const candidate = values.token;
    if (!candidate) throw new Error('Enter the admin token.');
    try {
      await api('GET', '/api/accounts', undefined, candidate);
    } catch (error) {
      throw new Error(`That token was not accepted: ${error instanceof Error ? error.message : String(error)}`);
    }
    saveToken(candidate);
    shell();
  });
  replace(root, h('main', { class: 'sign-in' }, signInForm));
  if (reason) signInForm.querySelector('.notice')!.textContent = reason;
  token.focus();
}

function shell(): void {
  const nav = h('nav', { id: 'nav', 'aria-label': 'Console pages', class: 'nav' });
  const toggle = h('button', { type: 'button', class: 'nav-toggle', 'aria-expanded': 'false', 'aria-controls': 'nav' }, 'Menu');
  toggle.addEventListener('click', () => {
    const open = toggle.getAttribute('aria-expanded') !== 'true';
    toggle.setAttribute('aria-expanded', String(open));
    nav.classList.toggle('open', open);
  });
  const logout = h('button', { type: 'button', class: 'logout' }, 'Sign out');
  logout.addEventListener('click', () => {
    saveToken(null);
    signIn('Signed out.');
  });
  replace(
    nav,
    h('ul', {}, pages.map((entry) => h('li', {}, h('a', { href: `${base}${entry.path}`, 'data-path': entry.path }, entry.title)))),
  );
  nav.addEventListener('click', (event) => {
    const link = (event.target as Element).closest('a');
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    toggle.setAttribute('aria-expanded', 'false');
    nav.classList.remove('open');
    render(true);
  });
  const main = h('main', { id: 'main', tabindex: '-1' });
  replace(
    root,
    h('a', { href: '#main', class: 'skip' }, 'Skip to content'),
    h('header', { class: 'top' }, h('span', { class: 'brand' }, 'flowhooks console'), toggle, logout),
    h('div', { class: 'layout' }, nav, main),
  );
  render(false);
}

function render(moveFocus: boolean): void {
  const main = document.getElementById('main');
  if (!main) return;
  stopPage?.();
  stopPage = undefined;
  const path = currentPath();
  const entry = pages.find((candidate) => candidate.path === path);
  for (const link of document.querySelectorAll<HTMLAnchorElement>('#nav a')) {
    if (link.dataset.path === entry?.path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  if (!entry) {
    document.title = 'Not found — flowhooks console';
    replace(main, h('h1', {}, 'Page not found'), h('p', {}, `There is no console page at ${location.pathname}.`));
    return;
  }
  document.title = `${entry.title} — flowhooks console`;
  replace(main, h('h1', {}, entry.title));
  stopPage = entry.page(main) ?? undefined;
  if (moveFocus) main.focus();
}

whenUnauthorized(() => {
  if (savedToken()) {
    saveToken(null);
    signIn('The token is no longer accepted: sign in again.');
  }
});
window.addEventListener('popstate', () => render(true));

if (savedToken()) shell();
else signIn();
