/**
 * Home: counts, recent articles, most-mentioned entities, articles and events per month, and a box to
 * analyse an article.
 */
import type { Analysis } from '../../model/analysis.ts';
import { get, post } from '../api.ts';
import { bars } from '../charts.ts';
import {
  TYPE_LABEL,
  articleHref,
  empty,
  entityHref,
  h,
  routeParams,
  section,
  setRouteParams,
  thousands,
} from '../dom.ts';
import { renderAnalysis } from './article.ts';

interface Stats {
  counts: { articles: number; stories: number; entities: number; events: number };
  monthly: { articles: Array<[string, number]>; events: Array<[string, number]> };
}
interface ArticleRow {
  id: number;
  title: string | null;
  published: string | null;
  publisher: string | null;
}
interface EntityRow {
  id: string;
  name: string;
  type: string;
  articles: number;
}

/** What the paste box sends: an article's text or HTML, or a URL for the server to fetch. */
type PasteBody = { text?: string; html?: string; url?: string; title?: string; published?: string };

/** Session storage keys of pasted articles (`sitrep-paste:ID`) and how many of them are kept. */
const PASTE_PREFIX = 'sitrep-paste:';
const PASTES_KEPT = 3;

/** A text that is one web address and nothing else. */
export const isUrl = (v: string) => /^\s*https?:\/\/[^\s]+\s*$/i.test(v);

/**
 * Keep a pasted article for this tab under a new id (the address names it, so a reload finds it):
 * the body, and its analysis once made. Older pastes beyond PASTES_KEPT are dropped.
 */
function keepPaste(id: string, entry: { body: PasteBody; analysis?: Analysis }): void {
  const keys = Object.keys(sessionStorage)
    .filter((k) => k.startsWith(PASTE_PREFIX) && k !== PASTE_PREFIX + id)
    .sort();
  for (const k of keys.slice(0, Math.max(0, keys.length - PASTES_KEPT + 1))) sessionStorage.removeItem(k);
  try {
    sessionStorage.setItem(PASTE_PREFIX + id, JSON.stringify(entry));
  } catch {
    // Over the storage quota: keep the body alone (a reload analyses it again), or nothing.
    try {
      sessionStorage.setItem(PASTE_PREFIX + id, JSON.stringify({ body: entry.body }));
    } catch {
      /* not kept: a reload says so */
    }
  }
}

/**
 * The analysis page (`#/analysis?url=…` or `#/analysis?paste=ID`): what the paste box sent,
 * analysed without storing it. A URL is fetched and analysed again on each load; a pasted text is
 * kept for this tab, so a reload shows the same analysis.
 */
export async function analysisPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const url = p.get('url');
  const id = p.get('paste');
  let body: PasteBody | undefined;
  let analysis: Analysis | undefined;
  if (url) {
    body = { url, title: p.get('title') ?? undefined, published: p.get('published') ?? undefined };
  } else if (id) {
    const kept = sessionStorage.getItem(PASTE_PREFIX + id);
    if (kept) ({ body, analysis } = JSON.parse(kept) as { body: PasteBody; analysis?: Analysis });
  }
  if (!body) {
    root.replaceChildren(
      h('h1', {}, 'Analysis'),
      empty(
        id
          ? 'This pasted article is no longer held by this tab: paste it again on the home page.'
          : 'Nothing analysed yet: paste an article on the home page.',
      ),
      h('p', {}, h('a', { href: '#/' }, 'Home')),
    );
    return;
  }
  if (!analysis) {
    root.replaceChildren(h('p', { class: 'loading', role: 'status' }, url ? `Fetching ${url}…` : 'Analysing…'));
    analysis = await post<Analysis>('/api/analyze', body);
    if (id) keepPaste(id, { body, analysis });
  }
  renderAnalysis(root, analysis);
  root.prepend(
    h(
      'p',
      { class: 'notice' },
      url ? `Fetched from ${url} and analysed, not stored. ` : 'Analysed, not stored. ',
      'Entity links open their corpus pages where the corpus knows them.',
    ),
  );
}

export async function homePage(root: HTMLElement): Promise<void> {
  const [stats, recent, top] = await Promise.all([
    get<Stats>('/api/stats'),
    get<{ total: number; articles: ArticleRow[] }>('/api/articles', { limit: 15 }),
    get<{ entities: EntityRow[] }>('/api/entities', { limit: 24 }),
  ]);
  const c = stats.counts;
  const counts = h(
    'p',
    { class: 'counts' },
    ...[
      ['articles', c.articles],
      ['stories', c.stories],
      ['entities', c.entities],
      ['events', c.events],
    ].map(([k, v]) => h('span', { class: 'stat' }, h('b', {}, thousands(Number(v))), ` ${k}`)),
  );

  const recentList = recent.articles.length
    ? h(
        'ol',
        { class: 'items' },
        ...recent.articles.map((a) =>
          h(
            'li',
            {},
            h('a', { href: articleHref(a.id) }, a.title ?? `Article ${a.id}`),
            h('span', { class: 'muted' }, ` ${[a.publisher, a.published].filter(Boolean).join(' · ')}`),
          ),
        ),
      )
    : empty('No articles yet: analyse and store one below, or run `sitrep ingest`.');
  const topList = top.entities.length
    ? h(
        'ul',
        { class: 'chips' },
        ...top.entities.map((e) =>
          h(
            'li',
            { class: `sw-${e.type}` },
            h(
              'a',
              { href: entityHref(e.id), title: TYPE_LABEL[e.type] ?? e.type },
              h('span', { class: 'swatch' }),
              e.name,
              h('span', { class: 'count' }, ` ${e.articles}`),
            ),
          ),
        ),
      )
    : empty('No entities yet.');
  const series = stats.monthly.events.length ? stats.monthly.events : stats.monthly.articles;
  const over = section(
    stats.monthly.events.length ? 'Events per month' : 'Articles per month',
    null,
    series.length
      ? bars(series, 560, 140, stats.monthly.events.length ? 'events' : 'articles')
      : empty('Nothing dated yet.'),
  );

  root.replaceChildren(
    h(
      'div',
      { class: 'home' },
      h('div', { class: 'col' }, counts, analyseBox(), over),
      h(
        'div',
        { class: 'col' },
        section(
          'Recent articles',
          null,
          recentList,
          recent.total > recent.articles.length
            ? h('p', {}, h('a', { href: '#/articles', class: 'all-articles' }, `All ${recent.total} articles →`))
            : null,
        ),
        section('Most mentioned', null, topList),
      ),
    ),
  );
}

/** The paste/upload box: analyse only, or analyse and store. */
function analyseBox(): HTMLElement {
  const text = h('textarea', {
    id: 'paste',
    rows: 10,
    placeholder: 'Paste the text (or HTML) of a news article, or its web address…',
    'aria-label': 'Article text',
  });
  const title = h('input', { id: 'paste-title', type: 'text', placeholder: 'Title (optional)', 'aria-label': 'Title' });
  const published = h('input', { id: 'paste-published', type: 'date', 'aria-label': 'Publication day' });
  const file = h('input', {
    id: 'paste-file',
    type: 'file',
    accept: '.txt,.html,.htm,text/plain,text/html',
    'aria-label': 'Upload an article file',
  });
  const status = h('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (!f) return;
    void f.text().then((t) => {
      text.value = t;
      status.textContent = `Loaded ${f.name} (${Math.round(f.size / 1024)} KB).`;
    });
  });
  const body = (): PasteBody => {
    const v = text.value;
    if (!v.trim()) throw new Error('Paste or upload an article first.');
    const isHtml = /^\s*</.test(v) && /<\/(p|div|html|body|article)>/i.test(v);
    return {
      ...(isUrl(v) ? { url: v.trim() } : isHtml ? { html: v } : { text: v }),
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
      ...(published.value ? { published: published.value } : {}),
    };
  };
  const run = (store: boolean) => async (ev: Event) => {
    ev.preventDefault();
    try {
      const b = body();
      status.textContent = b.url
        ? `Fetching ${b.url}${store ? ' to store it' : ''}…`
        : store
          ? 'Analysing and storing…'
          : 'Analysing…';
      if (store) {
        const res = await post<{ results: Array<{ article?: number; error?: string }> }>('/api/ingest', b);
        const r = res.results[0]!;
        if (r.error) throw new Error(r.error);
        location.hash = articleHref(r.article!);
      } else if (b.url) {
        // The address holds the URL: a reload fetches and analyses it again.
        setRouteParams('#/analysis', { url: b.url, title: b.title, published: b.published });
      } else {
        const id = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
        keepPaste(id, { body: b });
        location.hash = `#/analysis?paste=${id}`;
      }
    } catch (err) {
      status.textContent = `Error: ${(err as Error).message}`;
    }
  };
  return h(
    'form',
    { class: 'panel analyse', 'aria-label': 'Analyse an article' },
    h('h2', {}, 'Analyse an article'),
    text,
    h('div', { class: 'row' }, title, published, file),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', id: 'analyse', onclick: run(false) }, 'Analyse'),
      h('button', { type: 'button', id: 'analyse-store', onclick: run(true) }, 'Analyse and store'),
    ),
    status,
  );
}
