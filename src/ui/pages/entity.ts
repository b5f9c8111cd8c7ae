/** Entity page: aliases, roles over time, mentions per day, quotes, claims, events, co-mentioned entities, articles. */
import { get } from '../api.ts';
import { claimBadges, type CorpusClaim } from './claims.ts';
import { bars } from '../charts.ts';
import { TYPE_LABEL, articleHref, empty, entityHref, h, section } from '../dom.ts';
import { clip } from './article.ts';

interface EntityReport {
  id: string;
  name: string;
  type: string;
  aliases: string[];
  roles: Array<{ role: string; since: string | null; article: number }>;
  articleCount: number;
  articles: Array<{ id: number; title: string | null; published: string | null; publisher: string | null }>;
  mentionsPerDay: Record<string, number>;
  quotes: Array<{ text: string; article: number; kind: string }>;
  claims: Array<{ text: string; article: number; sourceKind: string; hedged: boolean }>;
  events: Array<{ id: number; type: string; date: string | null; sources: number }>;
  related: Array<{ id: string; name: string; type: string; articles: number }>;
}

/** Items shown per list before "more" (long lists make the page slow and unreadable). */
const LIST_LIMIT = 50;

export async function entityPage(root: HTMLElement, id: string): Promise<void> {
  const e = await get<EntityReport>(`/api/entities/${encodeURIComponent(id)}`);

  const days = Object.entries(e.mentionsPerDay)
    .filter(([d]) => d !== 'undated')
    .sort();
  const byMonth = new Map<string, number>();
  for (const [d, n] of days) byMonth.set(d.slice(0, 7), (byMonth.get(d.slice(0, 7)) ?? 0) + n);
  const series = byMonth.size > 1 ? [...byMonth] : days;

  root.replaceChildren(
    h(
      'div',
      { class: 'entity' },
      h(
        'header',
        { class: `entity-head sw-${e.type}` },
        h('h1', {}, h('span', { class: 'swatch big' }), e.name),
        h(
          'p',
          { class: 'meta' },
          `${TYPE_LABEL[e.type] ?? e.type} · in ${e.articleCount} article${e.articleCount === 1 ? '' : 's'}`,
          ' · ',
          h('a', { href: `#/search?entity=${encodeURIComponent(e.id)}` }, 'search its articles'),
          ' · ',
          h('a', { href: `#/timeline?entity=${encodeURIComponent(e.id)}` }, 'its events'),
        ),
      ),
      h(
        'div',
        { class: 'grid' },
        section(
          'Also called',
          e.aliases.length,
          e.aliases.length
            ? h('ul', { class: 'chips' }, ...e.aliases.map((a) => h('li', {}, a)))
            : empty('No other names.'),
        ),
        section(
          'Roles over time',
          e.roles.length,
          e.roles.length
            ? h(
                'ul',
                { class: 'plain' },
                ...e.roles.map((r) =>
                  h(
                    'li',
                    {},
                    h('b', {}, r.role),
                    ' ',
                    h('span', { class: 'muted' }, 'since '),
                    h('a', { href: articleHref(r.article) }, r.since ?? 'undated'),
                  ),
                ),
              )
            : empty('No roles given.'),
        ),
        section(
          'Mentions over time',
          null,
          series.length ? bars(series, 520, 120, 'mentions') : empty('No dated mentions.'),
        ),
        section(
          'Co-mentioned',
          e.related.length,
          e.related.length
            ? h(
                'ul',
                { class: 'chips' },
                ...e.related.map((r) =>
                  h(
                    'li',
                    { class: `sw-${r.type}` },
                    h(
                      'a',
                      { href: entityHref(r.id) },
                      h('span', { class: 'swatch' }),
                      r.name,
                      h('span', { class: 'count' }, ` ${r.articles}`),
                    ),
                  ),
                ),
              )
            : empty('None.'),
        ),
        section(
          'Quotes',
          e.quotes.length,
          list(
            e.quotes,
            (q) =>
              h(
                'li',
                {},
                h('a', { href: articleHref(q.article) }, `“${clip(q.text, 220)}”`),
                h('span', { class: 'muted' }, ` (${q.kind})`),
              ),
            'No quotes.',
          ),
        ),
        section(
          'Claims',
          e.claims.length,
          list(
            e.claims,
            (c) =>
              h(
                'li',
                { 'data-claim-article': String(c.article), 'data-claim-text': c.text },
                h('span', { class: `badge claim-${c.sourceKind}` }, c.sourceKind),
                c.hedged ? h('span', { class: 'badge hedged-badge' }, 'hedged') : null,
                ' ',
                h('a', { href: articleHref(c.article) }, clip(c.text, 220)),
              ),
            'No claims.',
          ),
        ),
        section(
          'Events',
          e.events.length,
          list(
            e.events,
            (x) =>
              h(
                'li',
                {},
                h('code', {}, x.type),
                ` ${x.date ?? 'undated'} · ${x.sources} source${x.sources === 1 ? '' : 's'} `,
                h('a', { href: `#/timeline?entity=${encodeURIComponent(e.id)}&event=${x.id}` }, 'evidence'),
              ),
            'No events.',
          ),
        ),
        section(
          'Articles',
          e.articleCount,
          list(
            e.articles,
            (a) =>
              h(
                'li',
                {},
                h('a', { href: articleHref(a.id) }, a.title ?? `Article ${a.id}`),
                h('span', { class: 'muted' }, ` ${[a.publisher, a.published].filter(Boolean).join(' · ')}`),
              ),
            'No articles.',
          ),
        ),
      ),
    ),
  );
  // Corpus badges of the entity's claims ("2 independent sources", "disputed by …") come after the page.
  const hash = location.hash;
  void get<{ claims: CorpusClaim[] }>('/api/claims', { ...{ entity: e.id }, ready: 1 })
    .then(({ claims }) => {
      if (location.hash !== hash) return;
      for (const li of root.querySelectorAll<HTMLElement>('li[data-claim-article]')) {
        const article = Number(li.dataset.claimArticle);
        const hit = claims.find((x) => x.reports.some((r) => r.article === article && r.text === li.dataset.claimText));
        if (hit) li.append(' ', ...claimBadges(hit));
      }
    })
    .catch(() => undefined);
}

function list<T>(xs: T[], item: (x: T) => HTMLElement, none: string): HTMLElement {
  if (!xs.length) return empty(none);
  const ol = h('ol', { class: 'items' }, ...xs.slice(0, LIST_LIMIT).map(item));
  if (xs.length <= LIST_LIMIT) return ol;
  const more = h('button', { type: 'button', class: 'link' }, `Show all ${xs.length}`);
  more.addEventListener('click', () => {
    ol.replaceChildren(...xs.map(item));
    more.remove();
  });
  return h('div', {}, ol, more);
}
