/**
 * Home: counts, recent articles, most-mentioned entities, articles and events per month, and a box to
 * analyse an article.
 */
import type { Analysis } from '../../model/analysis.ts';
import { get, post } from '../api.ts';
import { bars } from '../charts.ts';
import { TYPE_LABEL, articleHref, empty, entityHref, h, section } from '../dom.ts';
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

/** The last analysis made from the paste box (shown at #/analysis without storing it). */
let lastAnalysis: Analysis | undefined;

export function analysisPage(root: HTMLElement): void {
  if (!lastAnalysis) {
    root.replaceChildren(empty('Nothing analysed yet: paste an article on the home page.'));
    return;
  }
  renderAnalysis(root, lastAnalysis);
  root.prepend(
    h(
      'p',
      { class: 'notice' },
      'Analysed, not stored. Entity links open their corpus pages where the corpus knows them.',
    ),
  );
}

export async function homePage(root: HTMLElement): Promise<void> {
  const [stats, recent, top] = await Promise.all([
    get<Stats>('/api/stats'),
    get<{ articles: ArticleRow[] }>('/api/articles', { limit: 15 }),
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
    ].map(([k, v]) => h('span', { class: 'stat' }, h('b', {}, Number(v).toLocaleString('en')), ` ${k}`)),
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
        section('Recent articles', null, recentList),
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
    placeholder: 'Paste the text (or HTML) of a news article…',
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
  const body = () => {
    const v = text.value;
    if (!v.trim()) throw new Error('Paste or upload an article first.');
    const isHtml = /^\s*</.test(v) && /<\/(p|div|html|body|article)>/i.test(v);
    return {
      ...(isHtml ? { html: v } : { text: v }),
      ...(title.value.trim() ? { title: title.value.trim() } : {}),
      ...(published.value ? { published: published.value } : {}),
    };
  };
  const run = (store: boolean) => async (ev: Event) => {
    ev.preventDefault();
    status.textContent = store ? 'Analysing and storing…' : 'Analysing…';
    try {
      if (store) {
        const res = await post<{ results: Array<{ article?: number; error?: string }> }>('/api/ingest', body());
        const r = res.results[0]!;
        if (r.error) throw new Error(r.error);
        location.hash = articleHref(r.article!);
      } else {
        lastAnalysis = await post<Analysis>('/api/analyze', body());
        location.hash = '#/analysis';
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
