/**
 * Events page: every corpus event in a table (type and mode, date and its precision, actor → target,
 * place, dead and injured, independent sources, the evidence sentence linked into its article), sortable,
 * filtered by type, entity, place and dates, paged with the total; exports of exactly what is
 * filtered as CSV (ACLED-like), GeoJSON or JSON.
 */
import { ApiError, download, get } from '../api.ts';
import { articleHref, empty, entityHref, filterParams, h, routeParams, setRouteParams, thousands } from '../dom.ts';
import { entityInput, pageOf, pager } from './list.ts';

/** Events per page. */
export const EVENTS_PAGE = 50;
/** Characters of an evidence sentence shown in the table (the link opens the whole). */
const EVIDENCE_CHARS = 180;

interface Party {
  id: string;
  name: string;
}
interface EventRow {
  id: number;
  type: string;
  mode: string | null;
  date: string | null;
  place: { id: string; name: string } | null;
  actors: Party[];
  targets: Party[];
  dead: string | null;
  injured: string | null;
  sources: number;
  mentions: Array<{ article: number; text: string; start: number; title: string | null }>;
}

/** Columns that sort, with their API key and first direction. */
const SORTS: Array<[string, string, 'asc' | 'desc']> = [
  ['Type', 'type', 'asc'],
  ['Date', 'date', 'desc'],
  ['Place', 'place', 'asc'],
  ['Dead', 'dead', 'desc'],
  ['Injured', 'injured', 'desc'],
  ['Sources', 'sources', 'desc'],
];

/** What a date's form says of its precision (TimeML values as the corpus stores them). */
export function datePrecision(date: string): string {
  if (/^\d{4}-\d{2}-\d{2}T/.test(date)) return 'time';
  if (/^\d{4}-\d{2}-\d{2}$/.test(date)) return 'day';
  if (/^\d{4}-W\d{2}/.test(date)) return 'week';
  if (/^\d{4}-\d{2}$/.test(date)) return 'month';
  if (/^\d{4}-Q\d$/.test(date)) return 'quarter';
  if (/^\d{4}$/.test(date)) return 'year';
  if (/^\d{3}X?$/.test(date)) return 'decade';
  return 'other';
}

function parties(list: Party[]): Array<Node | string> {
  const out: Array<Node | string> = [];
  list.forEach((p, i) => {
    if (i) out.push(', ');
    out.push(h('a', { href: entityHref(p.id) }, p.name));
  });
  return out;
}

function row(e: EventRow): HTMLElement {
  const m = e.mentions[0];
  const evidence = m
    ? h(
        'a',
        { href: articleHref(m.article, m.start), class: 'evidence-link', title: m.title ?? `article ${m.article}` },
        m.text.length > EVIDENCE_CHARS ? `${m.text.slice(0, EVIDENCE_CHARS)}…` : m.text,
      )
    : h('span', { class: 'muted' }, 'none');
  return h(
    'tr',
    { 'data-event': e.id },
    h('td', {}, h('b', {}, e.type), e.mode ? h('span', { class: 'muted' }, ` ${e.mode}`) : null),
    h(
      'td',
      { class: 'nowrap' },
      e.date ?? h('span', { class: 'muted' }, 'undated'),
      e.date ? h('span', { class: 'precision' }, ` ${datePrecision(e.date)}`) : null,
    ),
    h(
      'td',
      {},
      ...(e.actors.length ? parties(e.actors) : [h('span', { class: 'muted' }, '?')]),
      ' → ',
      ...(e.targets.length ? parties(e.targets) : [h('span', { class: 'muted' }, '?')]),
    ),
    h('td', {}, e.place ? h('a', { href: entityHref(e.place.id) }, e.place.name) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'num dead' }, e.dead ?? '—'),
    h('td', { class: 'num injured' }, e.injured ?? '—'),
    h('td', { class: 'num', title: 'independent sources (a syndicated copy counts once)' }, e.sources),
    h(
      'td',
      { class: 'evidence' },
      evidence,
      e.mentions.length > 1 ? h('span', { class: 'muted' }, ` +${e.mentions.length - 1} more`) : null,
    ),
  );
}

export async function eventsPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = filterParams(p, 'type', 'entity', 'place', 'since', 'until');
  const sort = p.get('sort') ?? 'date';
  const order = p.get('order') ?? (sort === 'date' ? 'desc' : (SORTS.find((s) => s[1] === sort)?.[2] ?? 'desc'));
  const { offset } = pageOf(EVENTS_PAGE);
  const [types, res] = await Promise.all([
    get<{ types: Array<{ type: string; events: number }> }>('/api/event-types'),
    get<{ total: number; events: EventRow[] }>('/api/events', {
      ...f,
      sort,
      order,
      offset,
      limit: EVENTS_PAGE,
    }).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 400) return err;
      throw err;
    }),
  ]);

  const type = h(
    'select',
    { name: 'type', id: 'f-type', 'aria-label': 'Event type' },
    h('option', { value: '' }, 'all types'),
    ...types.types.map((t) =>
      h('option', { value: t.type, selected: f.type.toUpperCase() === t.type }, `${t.type} (${t.events})`),
    ),
  );
  const [entity, entityList] = entityInput('entity', f.entity, 'actor, target or place');
  const [place, placeList] = entityInput('place', f.place, 'place', 'GPE,LOC');
  const dateInput = (name: string, value: string) =>
    h('input', {
      type: 'text',
      name,
      id: `f-${name}`,
      value,
      placeholder: 'YYYY[-MM[-DD]]',
      inputmode: 'numeric',
      size: 11,
      'aria-label': name === 'since' ? 'Since' : 'Until',
    });
  const since = dateInput('since', f.since);
  const until = dateInput('until', f.until);
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Filter events' },
    type,
    entity,
    entityList,
    place,
    placeList,
    h('label', {}, 'Since ', since),
    h('label', {}, 'Until ', until),
    h('button', { type: 'submit' }, 'Filter'),
    Object.values(f).some(Boolean) ? h('a', { href: '#/events', class: 'clear' }, 'Clear') : null,
  );
  const value = (el: HTMLElement) => (el as HTMLInputElement).value.trim();
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setRouteParams('#/events', {
      type: value(type),
      entity: value(entity),
      place: value(place),
      since: value(since),
      until: value(until),
      sort: sort === 'date' ? undefined : sort,
      order: p.get('order') ?? undefined,
    });
  });
  const title = h('h1', {}, 'Events');
  if (res instanceof ApiError) {
    root.replaceChildren(title, form, h('p', { class: 'error', role: 'alert' }, res.message));
    return;
  }

  const status = h('span', { class: 'status', role: 'status', 'aria-live': 'polite' });
  const exportButton = (label: string, format: string, ext: string) =>
    h(
      'button',
      {
        type: 'button',
        class: `export export-${format}`,
        onclick: () => {
          status.textContent = `Preparing ${label}…`;
          download('/api/events', { ...f, sort, order, format }, `sitrep-events.${ext}`).then(
            () => (status.textContent = ''),
            (err: Error) => (status.textContent = `Export failed: ${err.message}`),
          );
        },
      },
      label,
    );
  const exports = h(
    'p',
    { class: 'exports' },
    `Export the ${thousands(res.total)} events filtered: `,
    exportButton('CSV', 'csv', 'csv'),
    exportButton('GeoJSON', 'geojson', 'geojson'),
    exportButton('JSON', 'json', 'json'),
    status,
  );

  const sortHead = ([label, key, first]: [string, string, 'asc' | 'desc']) => {
    const active = sort === key;
    const next = active ? (order === 'asc' ? 'desc' : 'asc') : first;
    return h(
      'th',
      { scope: 'col', 'aria-sort': active ? (order === 'asc' ? 'ascending' : 'descending') : null },
      h(
        'button',
        {
          type: 'button',
          class: 'sort',
          'data-sort': key,
          onclick: () => setRouteParams('#/events', { ...f, sort: key, order: next }),
        },
        label,
        active ? (order === 'asc' ? ' ▲' : ' ▼') : '',
      ),
    );
  };
  const [typeCol, dateCol, placeCol, deadCol, injuredCol, sourcesCol] = SORTS.map(sortHead);
  const table = res.events.length
    ? h(
        'div',
        { class: 'table-wrap' },
        h(
          'table',
          { class: 'events-table' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              typeCol,
              dateCol,
              h('th', { scope: 'col' }, 'Actor → target'),
              placeCol,
              deadCol,
              injuredCol,
              sourcesCol,
              h('th', { scope: 'col' }, 'Evidence'),
            ),
          ),
          h('tbody', {}, ...res.events.map(row)),
        ),
      )
    : empty(
        res.total
          ? 'No events on this page.'
          : Object.values(f).some(Boolean)
            ? 'No events match these filters.'
            : 'No events in the corpus yet: ingest articles that report some.',
      );
  root.replaceChildren(
    h(
      'div',
      { class: 'events-page' },
      title,
      form,
      exports,
      table,
      pager(res.total, offset, res.events.length, EVENTS_PAGE, 'events'),
    ),
  );
}
