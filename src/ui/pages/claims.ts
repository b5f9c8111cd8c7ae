/**
 * Claims page: claims merged across the corpus, each with how many independent sources make it,
 * its reports (publisher, day, source, a link to the sentence) and the reports that dispute it.
 * Also the badges the article and entity pages put beside a claim ("3 independent sources",
 * "disputed by …").
 */
import type { ClaimReport, CorpusClaim } from '../../corpus/claims.ts';
import { get } from '../api.ts';

export type { CorpusClaim };
import { articleHref, empty, entityHref, filterParams, h, routeParams, setRouteParams } from '../dom.ts';

/** Who a report rests on, linked to its entity where it has one. */
function sourceOf(r: ClaimReport): HTMLElement | string {
  const name = r.source.text ?? r.source.kind;
  return r.source.entity ? h('a', { href: entityHref(r.source.entity) }, name) : name;
}

/** "3 independent sources", "disputed by The Defence Ministry" (linked to the disputing sentence). */
export function claimBadges(c: CorpusClaim): HTMLElement[] {
  const out: HTMLElement[] = [];
  if (c.independentSources > 1)
    out.push(
      h(
        'a',
        { class: 'badge sources-badge', href: `#/claims?claim=${encodeURIComponent(c.id)}` },
        `${c.independentSources} independent sources`,
      ),
    );
  for (const d of c.disputes.slice(0, 3))
    out.push(
      h(
        'a',
        { class: 'badge disputed-badge', href: articleHref(d.article, d.start) },
        `disputed by ${d.source.text ?? d.publisher ?? 'another report'}`,
      ),
    );
  return out;
}

/** The corpus claim a claim of an article belongs to, by its span. */
export function claimAt(claims: CorpusClaim[], article: number, start: number): CorpusClaim | undefined {
  return claims.find((c) => c.reports.some((r) => r.article === article && r.start === start));
}

function reportItem(r: ClaimReport): HTMLElement {
  return h(
    'li',
    {},
    h('span', { class: `badge claim-${r.source.kind}` }, r.source.kind),
    ' ',
    h('b', {}, sourceOf(r)),
    h('span', { class: 'muted' }, ` · ${r.publisher ?? 'unknown publisher'} · ${r.published ?? 'undated'} · `),
    h('a', { href: articleHref(r.article, r.start) }, r.text),
  );
}

export async function claimsPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = filterParams(p, 'entity', 'disputed', 'claim');
  const entity = h('input', {
    type: 'text',
    name: 'entity',
    value: f.entity,
    placeholder: 'entity',
    'aria-label': 'Entity',
  });
  const disputed = h('input', { type: 'checkbox', name: 'disputed', checked: f.disputed === '1' });
  const form = h(
    'form',
    { class: 'filters' },
    entity,
    h('label', {}, disputed, ' disputed only'),
    h('button', { type: 'submit' }, 'Show'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setRouteParams('#/claims', { entity: entity.value.trim(), disputed: disputed.checked ? '1' : '' });
  });
  const results = h('div', { class: 'results', 'aria-live': 'polite' }, empty('Loading…'));
  root.replaceChildren(h('h1', {}, 'Claims'), form, results);
  const res = await get<{ claims: CorpusClaim[] }>('/api/claims', {
    entity: f.entity,
    disputed: f.disputed,
    limit: 200,
  });
  const claims = f.claim ? res.claims.filter((c) => c.id === f.claim) : res.claims;
  if (!claims.length) {
    results.replaceChildren(empty('No claims match.'));
    return;
  }
  results.replaceChildren(
    h(
      'ol',
      { class: 'items claims' },
      ...claims.map((c) =>
        h(
          'li',
          { id: `claim-${c.id}` },
          h('p', {}, h('b', {}, c.text), ' ', ...claimBadges(c)),
          h('p', { class: 'muted' }, `${c.reports.length} report${c.reports.length === 1 ? '' : 's'}`),
          h('ul', { class: 'plain' }, ...c.reports.map(reportItem)),
          c.disputes.length
            ? h(
                'div',
                {},
                h('p', { class: 'muted' }, 'Disputed by'),
                h('ul', { class: 'plain' }, ...c.disputes.map(reportItem)),
              )
            : null,
        ),
      ),
    ),
  );
}
