/** The sitrep UI: a single page with hash routes, each route a page module. */
import { ApiError, setToken } from './api.ts';
import { h } from './dom.ts';
import { articlePage } from './pages/article.ts';
import { claimsPage } from './pages/claims.ts';
import { entityPage } from './pages/entity.ts';
import { graphPage } from './pages/graph.ts';
import { articlesPage } from './pages/articles.ts';
import { eventsPage } from './pages/events.ts';
import { analysisPage, homePage } from './pages/home.ts';
import { searchPage } from './pages/search.ts';
import { timelinePage } from './pages/timeline.ts';

type Page = (root: HTMLElement, arg: string) => Promise<void> | void;

const ROUTES: Array<[RegExp, Page, string]> = [
  [/^#?\/?$/, homePage, 'Home'],
  [/^#\/article\/([^/?]+)/, articlePage, 'Article'],
  [/^#\/analysis/, analysisPage, 'Analysis'],
  [/^#\/entity\/([^?]+)/, entityPage, 'Entity'],
  [/^#\/graph/, graphPage, 'Network'],
  [/^#\/timeline/, timelinePage, 'Timeline & map'],
  [/^#\/search/, searchPage, 'Search'],
  [/^#\/claims/, claimsPage, 'Claims'],
  [/^#\/events/, eventsPage, 'Events'],
  [/^#\/articles/, articlesPage, 'Articles'],
];

let seq = 0;

/**
 * Draw the page the address names. Each page draws into a view of its own, which a later route
 * replaces: the previous page leaves the screen at once (a loading line stands in until the new
 * one draws), and a page that finishes loading after the reader moved on draws nowhere.
 */
async function route(): Promise<void> {
  const root = document.getElementById('main')!;
  const hash = location.hash || '#/';
  const mine = ++seq;
  for (const a of document.querySelectorAll<HTMLAnchorElement>('header.top nav a')) {
    const target = a.getAttribute('href')!;
    a.toggleAttribute('aria-current', target === '#/' ? hash === '#/' : hash.startsWith(target));
  }
  const hit = ROUTES.map(([re, page, title]) => ({ m: re.exec(hash), page, title })).find((r) => r.m);
  document.body.dataset.page = hit ? hit.title.toLowerCase().split(' ')[0] : 'none';
  const view = h('div', { class: 'view' }, h('p', { class: 'loading', role: 'status' }, 'Loading…'));
  root.replaceChildren(view);
  root.setAttribute('aria-busy', 'true');
  try {
    if (!hit) {
      view.replaceChildren(h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/' }, 'Home')));
      return;
    }
    document.title = `${hit.title} · sitrep`;
    let arg = hit.m![1] ?? '';
    try {
      arg = decodeURIComponent(arg);
    } catch {
      /* keep as is */
    }
    await hit.page(view, arg);
  } catch (err) {
    if (mine !== seq) return;
    if (err instanceof ApiError && err.status === 401) view.replaceChildren(tokenForm());
    else
      view.replaceChildren(
        h('h1', {}, err instanceof ApiError && err.status === 404 ? 'Not found' : 'Something went wrong'),
        h('p', { class: 'error' }, (err as Error).message),
      );
  } finally {
    if (mine === seq) {
      root.removeAttribute('aria-busy');
      document.body.dataset.ready = String(mine);
    }
  }
}

/** Asked when the server wants a bearer token: kept for this tab only. */
function tokenForm(): HTMLElement {
  const input = h('input', { type: 'password', id: 'token', 'aria-label': 'Access token', autocomplete: 'off' });
  const form = h(
    'form',
    { class: 'panel' },
    h('h1', {}, 'Access token'),
    h('p', {}, 'This server needs its access token.'),
    input,
    h('button', { type: 'submit' }, 'Continue'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setToken(input.value.trim());
    void route();
  });
  return form;
}

window.addEventListener('hashchange', () => {
  void route().then(() => {
    if (!/[?&]at=/.test(location.hash)) window.scrollTo(0, 0);
  });
});
void route();
