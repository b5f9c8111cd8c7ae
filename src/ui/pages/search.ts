/**
 * Search: words (a word ending in * is a prefix) plus filters (entity, type, place, dates); the count
 * of matches, each hit with its publisher and day, snippets marking the matches, paged.
 */
import { get } from '../api.ts';
import { TYPE_LABEL, articleHref, empty, filterParams, h, routeParams, setRouteParams, thousands } from '../dom.ts';
import { pageOf, pager } from './list.ts';

/** Hits per page. */
const HITS_PAGE = 50;

interface Hit {
  article: number;
  title: string | null;
  published: string | null;
  publisher: string | null;
  snippet: string;
}

export async function searchPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = filterParams(p, 'q', 'entity', 'type', 'place', 'since', 'until');
  const q = h('input', {
    type: 'search',
    name: 'q',
    value: f.q,
    placeholder: 'Search the corpus… (syri* for words starting so)',
    'aria-label': 'Search words',
    id: 'q',
  });
  const entity = h('input', {
    type: 'text',
    name: 'entity',
    value: f.entity,
    placeholder: 'entity',
    'aria-label': 'Entity',
  });
  const place = h('input', {
    type: 'text',
    name: 'place',
    value: f.place,
    placeholder: 'place',
    'aria-label': 'Place',
  });
  const type = h(
    'select',
    { name: 'type', 'aria-label': 'Entity type' },
    h('option', { value: '' }, 'any type'),
    ...Object.keys(TYPE_LABEL).map((t) => h('option', { value: t, selected: f.type === t }, TYPE_LABEL[t]!)),
  );
  const since = h('input', { type: 'date', name: 'since', value: f.since, 'aria-label': 'Since' });
  const until = h('input', { type: 'date', name: 'until', value: f.until, 'aria-label': 'Until' });
  const form = h(
    'form',
    { class: 'filters search', role: 'search' },
    q,
    entity,
    place,
    type,
    h('label', {}, 'Since ', since),
    h('label', {}, 'Until ', until),
    h('button', { type: 'submit' }, 'Search'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setRouteParams('#/search', {
      q: q.value.trim(),
      entity: entity.value.trim(),
      place: place.value.trim(),
      type: type.value,
      since: since.value,
      until: until.value,
    });
  });
  const results = h('div', { class: 'results', 'aria-live': 'polite' });
  root.replaceChildren(h('h1', {}, 'Search'), form, results);
  q.focus();
  if (!Object.values(f).some(Boolean)) {
    results.appendChild(empty('Type words to search, or set a filter.'));
    return;
  }
  results.appendChild(h('p', { class: 'loading', role: 'status' }, 'Searching…'));
  const { offset } = pageOf(HITS_PAGE);
  const res = await get<{ total: number; results: Hit[] }>('/api/search', { ...f, offset, limit: HITS_PAGE });
  if (!res.results.length) {
    results.replaceChildren(empty(res.total ? 'No more matches.' : 'No articles match.'));
    return;
  }
  results.replaceChildren(
    h('p', { class: 'result-count' }, `${thousands(res.total)} article${res.total === 1 ? '' : 's'} match`),
    h(
      'ol',
      { class: 'items hits', start: offset + 1 },
      ...res.results.map((r) =>
        h(
          'li',
          {},
          h('a', { href: articleHref(r.article) }, r.title ?? `Article ${r.article}`),
          h(
            'span',
            { class: 'muted hit-meta' },
            ` ${r.publisher ?? 'unknown publisher'} · ${r.published ?? 'undated'}`,
          ),
          r.snippet ? snippet(r.snippet) : null,
        ),
      ),
    ),
    ...(res.total > HITS_PAGE ? [pager(res.total, offset, res.results.length, HITS_PAGE, 'articles')] : []),
  );
}

/** The search snippet with its `[match]` markers turned into <mark> elements (as text, never HTML). */
function snippet(text: string): HTMLElement {
  const p = h('p', { class: 'snippet' });
  for (const part of text.split(/(\[[^\]]*\])/)) {
    if (/^\[[^\]]*\]$/.test(part)) p.appendChild(h('mark', {}, part.slice(1, -1)));
    else if (part) p.appendChild(document.createTextNode(part));
  }
  return p;
}
