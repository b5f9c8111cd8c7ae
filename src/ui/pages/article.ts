/**
 * Article view: the clean text with toggleable layers (entities by type, quotes and their
 * speakers, claims coloured by source kind with hedges marked, dates resolved on hover) and side
 * panels listing each layer. Highlighting splits the text at span offsets into text nodes: the
 * article is never parsed as HTML.
 */
import type { Analysis, Block } from '../../model/analysis.ts';
import { get } from '../api.ts';
import { claimAt, claimBadges, type CorpusClaim } from './claims.ts';
import { TYPE_LABEL, articleHref, empty, entityHref, h, routeParams, section } from '../dom.ts';

/** Layers a reader can switch on and off; entity types are layers of their own. */
const LAYERS: Array<{ key: string; label: string }> = [
  ...Object.keys(TYPE_LABEL).map((t) => ({ key: t, label: TYPE_LABEL[t]! })),
  { key: 'quotes', label: 'Quotes' },
  { key: 'claims', label: 'Claims' },
  { key: 'times', label: 'Dates' },
];

interface Mark {
  start: number;
  end: number;
  cls: string[];
  title?: string;
  /** Entity link target, for mention marks. */
  href?: string;
}

export interface StoredArticle {
  article: Analysis & { story: number; articleId: number };
  story: {
    id: number;
    original: number | null;
    articles: Array<{ id: number; title: string | null; published: string | null; publisher: string | null }>;
  } | null;
  links: Record<string, string>;
}

export async function articlePage(root: HTMLElement, id: string): Promise<void> {
  const data = await get<StoredArticle>(`/api/articles/${encodeURIComponent(id)}`);
  const at = Number(routeParams().get('at') ?? NaN);
  renderAnalysis(root, data.article, data.links, data.story);
  // The corpus's reading of this article's claims comes after: badges only, so the page does not wait
  // for them (merging a large corpus's claims takes seconds the first time) and does without them.
  const hash = location.hash;
  void get<{ claims: CorpusClaim[] }>('/api/claims', { ...{ article: id }, ready: 1 })
    .then(({ claims }) => {
      if (location.hash === hash) addClaimBadges(root, claims, data.article.articleId);
    })
    .catch(() => undefined);
  if (!Number.isNaN(at)) scrollToOffset(root, at);
}

/** Each claim of the claims panel with its corpus badges ("2 independent sources", "disputed by …"). */
function addClaimBadges(root: HTMLElement, claims: CorpusClaim[], article: number): void {
  for (const li of root.querySelectorAll<HTMLElement>('li[data-claim-start]')) {
    const c = claimAt(claims, article, Number(li.dataset.claimStart));
    if (c) li.append(' ', ...claimBadges(c));
  }
}

/** The layers of an analysis as marks over the text. */
function marksOf(a: Analysis, links: Record<string, string>): Mark[] {
  const marks: Mark[] = [];
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  for (const e of a.entities) {
    const target = links[e.id] ?? e.name;
    for (const m of e.mentions)
      marks.push({
        start: m.start,
        end: m.end,
        cls: ['ent', `ent-${e.type}`],
        title: `${e.type}: ${e.name}`,
        href: entityHref(target),
      });
  }
  for (const q of a.quotes) {
    const who = q.speaker ? names.get(q.speaker) : q.speakerText;
    marks.push({
      start: q.start,
      end: q.end,
      cls: ['quote'],
      title: `Quote (${q.kind}) — ${who ?? 'speaker unknown'}${q.cue ? `, “${q.cue}”` : ''}`,
    });
  }
  for (const c of a.claims) {
    marks.push({
      start: c.start,
      end: c.end,
      cls: ['claim', `claim-${c.source.kind}`, ...(c.hedged ? ['hedged'] : [])],
      title:
        `Claim — source: ${c.source.kind}` +
        `${c.source.text ? ` (${c.source.text})` : ''}${c.hedged ? ', hedged' : ''}`,
    });
    if (c.hedged && c.cue) {
      const i = a.text.slice(c.start, c.end).toLowerCase().indexOf(c.cue.toLowerCase());
      if (i >= 0)
        marks.push({ start: c.start + i, end: c.start + i + c.cue.length, cls: ['hedge'], title: `Hedge: ${c.cue}` });
    }
  }
  for (const t of a.times) marks.push({ start: t.start, end: t.end, cls: ['time'], title: `${t.kind}: ${t.value}` });
  return marks.filter((m) => m.end > m.start);
}

/** One block's text split at every mark boundary; each piece a text node in an element with the marks' classes. */
function renderBlock(a: Analysis, b: Block, marks: Mark[]): HTMLElement {
  const tag = b.kind === 'title' ? 'h1' : b.kind === 'heading' ? 'h2' : 'p';
  const el = h(tag, { class: `blk blk-${b.kind}` });
  const inside = marks.filter((m) => m.start < b.end && m.end > b.start);
  const cuts = new Set<number>([b.start, b.end]);
  for (const m of inside) {
    cuts.add(Math.max(b.start, m.start));
    cuts.add(Math.min(b.end, m.end));
  }
  const points = [...cuts].sort((x, y) => x - y);
  for (let i = 0; i + 1 < points.length; i++) {
    const s = points[i]!;
    const e = points[i + 1]!;
    const text = a.text.slice(s, e);
    const over = inside.filter((m) => m.start <= s && m.end >= e);
    if (!over.length) {
      el.appendChild(document.createTextNode(text));
      continue;
    }
    const link = over.find((m) => m.href);
    const piece = link ? h('a', { href: link.href! }) : h('span', {});
    piece.className = [...new Set(over.flatMap((m) => m.cls))].join(' ');
    piece.title = over
      .map((m) => m.title)
      .filter(Boolean)
      .join('\n');
    piece.dataset.s = String(s);
    piece.textContent = text;
    el.appendChild(piece);
  }
  return el;
}

export function scrollToOffset(root: HTMLElement, offset: number): void {
  const pieces = [...root.querySelectorAll<HTMLElement>('[data-s]')];
  let best: HTMLElement | undefined;
  for (const p of pieces)
    if (Number(p.dataset.s) <= offset && (!best || Number(p.dataset.s) >= Number(best.dataset.s))) best = p;
  if (!best) return;
  best.scrollIntoView({ block: 'center' });
  best.classList.add('flash');
  setTimeout(() => best!.classList.remove('flash'), 1600);
}

/** Render an analysis (stored or just analysed) into `root`. */
export function renderAnalysis(
  root: HTMLElement,
  a: Analysis,
  links: Record<string, string> = {},
  story: StoredArticle['story'] = null,
): void {
  const marks = marksOf(a, links);
  const textBox = h('article', { class: 'text', 'aria-label': 'Article text' });
  for (const l of LAYERS) textBox.classList.add(`layer-${l.key}`);
  const captions = h('aside', { class: 'captions', 'aria-label': 'Captions' });
  for (const b of a.blocks) (b.kind === 'caption' ? captions : textBox).appendChild(renderBlock(a, b, marks));

  const toggles = h('fieldset', { class: 'layers' }, h('legend', {}, 'Layers'));
  for (const l of LAYERS) {
    const box = h('input', { type: 'checkbox', checked: true, id: `layer-${l.key}`, 'data-layer': l.key });
    box.addEventListener('change', () => {
      for (const el of [textBox, captions]) el.classList.toggle(`layer-${l.key}`, box.checked);
    });
    toggles.appendChild(
      h('label', { class: `toggle sw-${l.key}`, for: `layer-${l.key}` }, box, h('span', { class: 'swatch' }), l.label),
    );
  }

  const src = a.source;
  const meta = h(
    'p',
    { class: 'meta' },
    [src.publisher, src.published, src.authors?.join(', ')].filter(Boolean).join(' · ') || 'No publisher or date',
    src.url
      ? h(
          'span',
          {},
          ' · ',
          h('a', { href: src.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, 'original'),
        )
      : null,
  );

  const jump = (offset: number) => (ev: Event) => {
    ev.preventDefault();
    scrollToOffset(textBox.parentElement ?? textBox, offset);
  };
  const names = new Map(a.entities.map((e) => [e.id, e.name]));
  /** A speaker or source: its words, linked to its entity's page where it resolved to one. */
  const sourceLink = (id: string | null | undefined, text: string | null): Node | string | null => {
    const name = id ? names.get(id) : undefined;
    if (!id || !name) return text;
    return h('a', { href: entityHref(links[id] ?? name), title: name }, text ?? name);
  };

  const entityPanel = section('Entities', a.entities.length);
  if (!a.entities.length) entityPanel.appendChild(empty('No entities found.'));
  for (const type of Object.keys(TYPE_LABEL)) {
    const list = a.entities.filter((e) => e.type === type).sort((x, y) => y.mentions.length - x.mentions.length);
    if (!list.length) continue;
    entityPanel.appendChild(h('h3', { class: `sw-${type}` }, h('span', { class: 'swatch' }), TYPE_LABEL[type]!));
    entityPanel.appendChild(
      h(
        'ul',
        { class: 'plain' },
        ...list.map((e) =>
          h(
            'li',
            {},
            h('a', { href: entityHref(links[e.id] ?? e.name) }, e.name),
            h('span', { class: 'count' }, ` ×${e.mentions.length}`),
            e.roles.length ? h('span', { class: 'muted' }, ` — ${e.roles.join(', ')}`) : null,
          ),
        ),
      ),
    );
  }
  const quotePanel = section(
    'Quotes',
    a.quotes.length,
    a.quotes.length
      ? h(
          'ol',
          { class: 'items' },
          ...a.quotes.map((q) =>
            h(
              'li',
              {},
              h('b', {}, sourceLink(q.speaker, q.speakerText) ?? 'Unknown speaker'),
              ` (${q.kind}) `,
              h('a', { href: '#', class: 'jump', onclick: jump(q.start) }, `“${clip(q.text, 160)}”`),
            ),
          ),
        )
      : empty('No quotes.'),
  );
  const claimPanel = section(
    'Claims',
    a.claims.length,
    a.claims.length
      ? h(
          'ol',
          { class: 'items' },
          ...a.claims.map((c) =>
            h(
              'li',
              { 'data-claim-start': String(c.start) },
              h('span', { class: `badge claim-${c.source.kind}` }, c.source.kind),
              c.hedged ? h('span', { class: 'badge hedged-badge' }, 'hedged') : null,
              ' ',
              c.source.text ? h('b', {}, sourceLink(c.source.entity, c.source.text), ': ') : null,
              h('a', { href: '#', class: 'jump', onclick: jump(c.start) }, clip(c.text, 180)),
            ),
          ),
        )
      : empty('No claims.'),
  );
  const timePanel = section(
    'Dates',
    a.times.length,
    a.times.length
      ? h(
          'ul',
          { class: 'plain' },
          ...a.times.map((t) =>
            h(
              'li',
              {},
              h('a', { href: '#', class: 'jump', onclick: jump(t.start) }, t.text),
              ' → ',
              h('code', {}, t.value),
            ),
          ),
        )
      : empty('No dates.'),
  );
  const eventPanel = section(
    'Events',
    a.events.length,
    a.events.length
      ? h(
          'ul',
          { class: 'plain' },
          ...a.events.map((e) =>
            h(
              'li',
              {},
              h('code', {}, e.type),
              ' ',
              h('a', { href: '#', class: 'jump', onclick: jump(e.start) }, clip(e.text, 140)),
              e.when ? ` (${e.when})` : '',
            ),
          ),
        )
      : empty('No events.'),
  );
  const removedPanel = section(
    'Removed from the text',
    a.removed.length,
    a.removed.length
      ? h(
          'ul',
          { class: 'plain removed' },
          ...a.removed.map((r) => h('li', {}, h('span', { class: 'badge' }, r.reason), ' ', clip(r.text, 200))),
        )
      : empty('Nothing removed.'),
  );
  const storyPanel =
    story && story.articles.length > 1
      ? section(
          'Same story',
          story.articles.length,
          h(
            'ul',
            { class: 'plain' },
            ...story.articles.map((x) =>
              h(
                'li',
                {},
                h('a', { href: articleHref(x.id) }, x.title ?? `Article ${x.id}`),
                h('span', { class: 'muted' }, ` ${x.publisher ?? ''} ${x.published ?? ''}`),
                x.id === story.original ? h('span', { class: 'badge' }, 'original') : null,
              ),
            ),
          ),
        )
      : null;

  root.replaceChildren(
    h(
      'div',
      { class: 'article-layout' },
      h(
        'div',
        { class: 'reading' },
        toggles,
        meta,
        textBox,
        captions.childNodes.length ? h('div', {}, h('h2', { class: 'sub' }, 'Captions'), captions) : null,
      ),
      h('div', { class: 'side' }, entityPanel, quotePanel, claimPanel, timePanel, eventPanel, storyPanel, removedPanel),
    ),
  );
}

export function clip(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 1) + '…' : s;
}

export { articleHref };
