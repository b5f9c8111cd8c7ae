/**
 * Articles page: every current article of the corpus, newest first, paged with the total, filtered
 * by publisher (suggested from the corpus's), publication dates and story (the copies of one).
 */
import type { ArticleListRow as ArticleRow } from '../../server/queries.ts';
import { ApiError, get } from '../api.ts';
import { articleHref, empty, filterParams, h, routeParams, setRouteParams } from '../dom.ts';
import { pageOf, pager } from './list.ts';

/** Articles per page. */
export const ARTICLES_PAGE = 50;

export async function articlesPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = filterParams(p, 'publisher', 'since', 'until', 'story');
  const { offset } = pageOf(ARTICLES_PAGE);
  const [pubs, res] = await Promise.all([
    get<{ publishers: Array<{ publisher: string; articles: number }> }>('/api/publishers'),
    get<{ total: number; articles: ArticleRow[] }>('/api/articles', { ...f, offset, limit: ARTICLES_PAGE }).catch(
      (err: unknown) => {
        if (err instanceof ApiError && err.status === 400) return err;
        throw err;
      },
    ),
  ]);

  const publisher = h('input', {
    type: 'text',
    name: 'publisher',
    id: 'f-publisher',
    value: f.publisher,
    placeholder: 'publisher',
    list: 'publishers',
    autocomplete: 'off',
    'aria-label': 'Publisher',
  });
  const publishers = h(
    'datalist',
    { id: 'publishers' },
    ...pubs.publishers.map((x) => h('option', { value: x.publisher }, `${x.publisher} (${x.articles})`)),
  );
  const since = h('input', { type: 'date', name: 'since', id: 'f-since', value: f.since, 'aria-label': 'Since' });
  const until = h('input', { type: 'date', name: 'until', id: 'f-until', value: f.until, 'aria-label': 'Until' });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter articles' },
    publisher,
    publishers,
    h('label', {}, 'Since ', since),
    h('label', {}, 'Until ', until),
    f.story ? h('span', { class: 'badge' }, `story ${f.story}`) : null,
    h('button', { type: 'submit' }, 'Filter'),
    Object.values(f).some(Boolean) ? h('a', { href: '#/articles', class: 'clear' }, 'Clear') : null,
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setRouteParams('#/articles', {
      publisher: publisher.value.trim(),
      since: since.value,
      until: until.value,
      story: f.story,
    });
  });
  const title = h('h1', {}, 'Articles');
  if (res instanceof ApiError) {
    root.replaceChildren(title, form, h('p', { class: 'error', role: 'alert' }, res.message));
    return;
  }
  const list = res.articles.length
    ? h(
        'ol',
        { class: 'items article-list', start: offset + 1 },
        ...res.articles.map((a) =>
          h(
            'li',
            {},
            h('a', { href: articleHref(a.id) }, a.title ?? `Article ${a.id}`),
            h('span', { class: 'muted' }, ` ${[a.publisher, a.published ?? 'undated'].filter(Boolean).join(' · ')} · `),
            h('a', { href: `#/articles?story=${a.story}`, class: 'story-link muted' }, `story ${a.story}`),
          ),
        ),
      )
    : empty(
        res.total
          ? 'No articles on this page.'
          : Object.values(f).some(Boolean)
            ? 'No articles match these filters.'
            : 'No articles yet: analyse and store one on the home page, or run `sitrep ingest`.',
      );
  root.replaceChildren(
    h(
      'div',
      { class: 'articles-page' },
      title,
      form,
      pager(res.total, offset, res.articles.length, ARTICLES_PAGE, 'articles'),
      list,
    ),
  );
}
