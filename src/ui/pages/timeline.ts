/**
 * Timeline of events and a world map of places and events, both under one set of filters (event
 * type, entity, place, dates); choosing an event, by click, tap or keyboard, shows who did what to
 * whom with its evidence sentences, each linked to the place in the article. Every event type gets
 * a lane, the axis spans exactly what is shown (the filter's dates when given), and a filter that
 * names nothing is refused with the server's message instead of drawing an empty axis.
 */
import { ApiError, get } from '../api.ts';
import { dateMs, datePeriod, filterPeriod, timeTicks } from '../charts.ts';
import { articleHref, clear, empty, entityHref, h, routeParams, s, setRouteParams, thousands } from '../dom.ts';
import { drawMap, type MapPlace } from './map.ts';
import { textWidth } from '../viewport.ts';
import type { CorpusEventRow } from '../../corpus/corpus.ts';
import type { Timeline, TimelineEvent } from '../../server/api-map.ts';

/** An event with its evidence, as `/api/timeline/:id` returns it. */
type EventRow = CorpusEventRow;
const LANE_H = 22;
const PAD = { r: 16, t: 6, b: 26 };
/** Narrowest drawing: below it the timeline scrolls sideways. */
const MIN_WIDTH = 340;

const FILTERS = ['type', 'entity', 'place', 'since', 'until'] as const;
type Filters = Record<(typeof FILTERS)[number], string>;

export async function timelinePage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = Object.fromEntries(FILTERS.map((k) => [k, (p.get(k) ?? '').trim()])) as Filters;
  const typeSelect = h('select', { name: 'type', 'aria-label': 'Event type' }, h('option', { value: '' }, 'All types'));
  const inputs = {
    type: typeSelect,
    entity: h('input', {
      type: 'text',
      name: 'entity',
      value: f.entity,
      placeholder: 'entity',
      'aria-label': 'Entity',
    }),
    place: h('input', { type: 'text', name: 'place', value: f.place, placeholder: 'place', 'aria-label': 'Place' }),
    since: h('input', { type: 'date', name: 'since', value: f.since, 'aria-label': 'Since' }),
    until: h('input', { type: 'date', name: 'until', value: f.until, 'aria-label': 'Until' }),
  };
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Event filters' },
    ...Object.entries(inputs).map(([k, el]) => h('label', {}, `${k[0]!.toUpperCase()}${k.slice(1)} `, el)),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    setRouteParams('#/timeline', Object.fromEntries(Object.entries(inputs).map(([k, el]) => [k, el.value.trim()])));
  });
  const summary = h('p', { class: 'meta tl-summary', role: 'status' });
  const tl = h('div', { class: 'timeline-stage' });
  const map = h('div', { class: 'map-stage' }, h('p', { class: 'loading', role: 'status' }, 'Loading the map…'));
  const detail = h(
    'div',
    { class: 'panel evidence', 'aria-live': 'polite' },
    empty('Choose an event on the timeline or the map (click, tap, or Tab then the arrow keys) to see its evidence.'),
  );
  const body = h(
    'div',
    {},
    summary,
    h('h2', { class: 'sub' }, 'Events over time'),
    tl,
    h('div', { class: 'map-row' }, h('div', {}, h('h2', { class: 'sub' }, 'Places and events'), map), detail),
  );
  root.replaceChildren(h('h1', {}, 'Timeline & map'), form, body);

  const query = { ...f, type: f.type.toUpperCase() };
  // The timeline draws as soon as its events come; the places and the map's shapes are asked for
  // once it is on screen (the server reads one query at a time, and counting the places of every
  // matching article is the slower one; the shapes are 100 KB to read: the timeline must not wait
  // behind either).
  const typesP = get<{ types: Array<{ type: string; events: number }> }>('/api/event-types').catch(() => null);
  let t: Timeline;
  try {
    t = await get<Timeline>('/api/timeline', { ...query, limit: p.get('limit') ?? undefined });
  } catch (err) {
    if (!(err instanceof ApiError) || err.status !== 400) throw err;
    // A filter naming nothing (an unknown type, entity or place, a date that does not exist).
    body.replaceChildren(h('p', { class: 'notice error', role: 'alert' }, `Nothing drawn: ${err.message}`));
    fillTypes(typeSelect, (await typesP)?.types ?? [], f.type);
    return;
  }
  const types = (await typesP)?.types ?? [];
  fillTypes(typeSelect, types, f.type);
  let asked = 0;
  const select = (list: TimelineEvent[], asList = false, picked?: TimelineEvent) => {
    for (const el of root.querySelectorAll('.selected')) el.classList.remove('selected');
    for (const e of list)
      for (const el of root.querySelectorAll(`[data-event="${e.id}"]`)) el.classList.add('selected');
    const one = picked ?? (list.length === 1 && !asList ? list[0] : undefined);
    if (!one) return showMany(detail, list, (e) => select([e], false, e));
    const mine = ++asked;
    detail.replaceChildren(h('p', { class: 'loading', role: 'status' }, `${one.type} ${one.date ?? ''}…`));
    get<EventRow>(`/api/timeline/${one.id}`)
      .then((full) => mine === asked && showEvidence(detail, full))
      .catch((err: Error) => mine === asked && detail.replaceChildren(h('p', { class: 'error' }, err.message)));
  };
  const { events } = t;
  const dated = events.filter((e) => e.date && !Number.isNaN(dateMs(e.date)));
  const located = events.filter((e) => e.place && e.place.lat !== null && e.place.lon !== null);
  const n = (k: number, what: string) => `${thousands(k)} ${what}${k === 1 ? '' : 's'}`;
  summary.replaceChildren(
    `${n(t.total, 'event')} match · ${thousands(t.dated)} dated`,
    dated.length < t.dated ? ` (the latest ${thousands(dated.length)} drawn as dots, all of them shaded by month)` : '',
    t.total > t.dated ? `, ${thousands(t.total - t.dated)} undated` : '',
    ` · ${thousands(t.located)} at a place on the map`,
    located.length < t.located ? ` (the latest ${thousands(located.length)} drawn)` : '',
  );
  const order = types.map((x) => x.type);
  const width = Math.max(MIN_WIDTH, tl.clientWidth || 960);
  tl.appendChild(drawTimeline(dated, t, order, f, width, (e) => select([e], false, e)));
  if (!t.total) tl.appendChild(empty('No events match these filters.'));
  const pre = events.find((e) => e.id === Number(p.get('event')));
  if (pre) select([pre], false, pre);
  await painted();
  const [{ places }, world] = await Promise.all([get<{ places: MapPlace[] }>('/api/places', query), loadWorld()]);
  map.replaceChildren(drawMap(world, places, located, Math.max(300, map.clientWidth || 960), select, detail));
}

/** Settles once what was drawn so far is on screen (the frame after next). */
const painted = () => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));

/** The type list: every PLOVER type with its corpus count; an unknown one asked for stays visible. */
function fillTypes(sel: HTMLSelectElement, types: Array<{ type: string; events: number }>, chosen: string): void {
  const up = chosen.toUpperCase();
  for (const t of types) sel.appendChild(h('option', { value: t.type }, `${t.type} (${t.events})`));
  if (up && !types.some((t) => t.type === up)) sel.appendChild(h('option', { value: up }, `${up} (unknown)`));
  sel.value = up;
}

/** Map shapes are fetched once per page load. */
let worldShapes: Promise<unknown> | undefined;
function loadWorld(): Promise<unknown> {
  worldShapes ??= fetch('/vendor/world.json')
    .then((r) => (r.ok ? r.json() : null))
    .catch(() => null);
  return worldShapes;
}

const names = (list: EventRow['actors']) =>
  list.length ? list.flatMap((x, i) => [i ? ', ' : '', h('a', { href: entityHref(x.id) }, x.name)]) : ['unnamed'];

/** The event panel: what happened, who did it to whom, where, how sure, and the evidence. */
export function showEvidence(box: HTMLElement, e: EventRow): void {
  clear(box);
  box.appendChild(
    h('h2', {}, h('code', {}, e.type), e.mode ? ` ${e.mode}` : '', ` · ${e.date ?? 'undated'}`, precisionOf(e.date)),
  );
  const row = (label: string, ...value: Array<Node | string>) => [h('dt', {}, label), h('dd', {}, ...value)];
  box.appendChild(
    h(
      'dl',
      { class: 'facts' },
      ...row('Who → whom', ...names(e.actors), ' → ', ...names(e.targets)),
      ...row('Where', e.place ? h('a', { href: entityHref(e.place.id) }, e.place.name) : 'no place named'),
      ...row('Sources', `${e.sources} independent source${e.sources === 1 ? '' : 's'}`),
      ...(e.dead ? row('Dead', String(e.dead)) : []),
      ...(e.injured ? row('Injured', String(e.injured)) : []),
    ),
  );
  box.appendChild(
    h(
      'ol',
      { class: 'items' },
      ...e.mentions.map((m) =>
        h(
          'li',
          {},
          h('blockquote', {}, m.text),
          h('a', { href: articleHref(m.article) }, m.title ?? `Article ${m.article}`),
          h('span', { class: 'muted' }, ` ${m.published ?? ''}`),
        ),
      ),
    ),
  );
}

/** Several events at one spot: a list to choose from. */
function showMany(box: HTMLElement, list: TimelineEvent[], pick: (e: TimelineEvent) => void): void {
  clear(box);
  box.appendChild(h('h2', {}, `${list.length} events here`));
  const ul = h('ul', { class: 'plain pick-list' });
  for (const e of [...list].sort((a, b) => (b.date ?? '').localeCompare(a.date ?? ''))) {
    const b = h(
      'button',
      { type: 'button', class: 'link' },
      h('code', {}, e.type),
      ` ${e.date ?? 'undated'}`,
      e.place ? ` · ${e.place.name}` : '',
      e.actors.length ? ` · ${e.actors.map((a) => a.name).join(', ')}` : '',
    );
    b.addEventListener('click', () => pick(e));
    ul.appendChild(h('li', {}, b));
  }
  box.appendChild(ul);
}

function precisionOf(date: string | null): string {
  if (!date) return '';
  if (/^\d{4}-\d{2}-\d{2}/.test(date)) return '';
  if (/W/.test(date)) return ' (that week)';
  if (/Q/.test(date)) return ' (that quarter)';
  if (/^\d{4}-\d{2}$/.test(date)) return ' (that month)';
  if (/X$/.test(date)) return ' (that decade)';
  return ' (that year)';
}

/**
 * Events on a time axis, one lane per event type the filter matches (in the codebook's order, each
 * labelled with its count); a date the text gives only to the month, week or year is a span over
 * that period. When more events are dated than drawn, every lane is shaded by how many of its
 * events fall in each month (or year), so none goes unseen. The axis runs from the filter's `since`
 * to its `until` when given. One event takes Tab; the arrow keys move through the others in time
 * (left, right) and across lanes (up, down).
 */
function drawTimeline(
  dated: TimelineEvent[],
  t: Timeline,
  order: string[],
  f: Filters,
  W: number,
  onPick: (e: TimelineEvent) => void,
): SVGElement {
  const counts = new Map(t.types.map((x) => [x.type, x.events]));
  const rank = (x: string) => (order.includes(x) ? order.indexOf(x) : order.length);
  const lanes = [...counts.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const laneLabel = (x: string) => `${x} (${thousands(counts.get(x)!)})`;
  const padL = Math.ceil(Math.max(60, ...lanes.map((x) => textWidth(laneLabel(x)))) + 14);
  const H = PAD.t + Math.max(1, lanes.length) * LANE_H + PAD.b;
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    class: 'timeline',
    role: 'group',
    'aria-label': `Timeline of ${t.dated} dated events in ${lanes.length} types`,
  });
  const periods = t.periods
    .map(([type, period, n]) => ({ type, n, p: datePeriod(period) }))
    .filter((x): x is { type: string; n: number; p: { start: number; end: number } } => !!x.p);
  const from = (d: string) => datePeriod(d)?.start ?? dateMs(d);
  const to = (d: string) => datePeriod(d)?.end ?? dateMs(d);
  const starts = [...dated.map((e) => from(e.date!)), ...periods.map((x) => x.p.start)];
  const ends = [...dated.map((e) => to(e.date!)), ...periods.map((x) => x.p.end)];
  const now = Date.now();
  let t0 = starts.length ? Math.min(...starts) : now - 180 * 864e5;
  let t1 = ends.length ? Math.max(...ends) : now;
  const span = Math.max(t1 - t0, 30 * 864e5);
  t0 -= span * 0.03;
  t1 = t0 + span * 1.06;
  // the filter's dates are the axis's ends: nothing drawn before "since" or past "until"
  const since = f.since ? filterPeriod(f.since) : null;
  const until = f.until ? filterPeriod(f.until) : null;
  if (since) t0 = since.start;
  if (until) t1 = until.end;
  if (since && !until) t1 = Math.max(t1, t0 + 30 * 864e5);
  if (until && !since) t0 = Math.min(t0, t1 - 30 * 864e5);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  svg.setAttribute('data-from', iso(t0));
  svg.setAttribute('data-to', iso(t1 - 1));
  svg.setAttribute('aria-label', `${svg.getAttribute('aria-label')}, from ${iso(t0)} to ${iso(t1 - 1)}`);
  const x = (t: number) => padL + ((Math.min(t1, Math.max(t0, t)) - t0) / (t1 - t0)) * (W - padL - PAD.r);
  const axisY = H - PAD.b;
  lanes.forEach((l, i) => {
    const y = PAD.t + LANE_H * i;
    if (i % 2) svg.appendChild(s('rect', { x: 0, y, width: W, height: LANE_H, class: 'lane-band' }));
    svg.appendChild(
      s('text', { x: padL - 8, y: y + LANE_H / 2 + 4, class: 'tick lane', 'text-anchor': 'end' }, laneLabel(l)),
    );
  });
  // Every dated event, drawn or not, as a histogram in its lane: its month's (or year's) events
  // spread over the pixels the period covers, bars as tall as the log of their count.
  const BAR = 2;
  const bins = lanes.map(() => new Float64Array(Math.ceil(W / BAR)));
  for (const { type, n, p } of periods) {
    const lane = lanes.indexOf(type);
    if (lane < 0 || p.end <= t0 || p.start >= t1) continue;
    const [b0, b1] = [
      Math.floor(x(p.start) / BAR),
      Math.max(Math.floor(x(p.start) / BAR), Math.ceil(x(p.end) / BAR) - 1),
    ];
    for (let b = b0; b <= b1; b++) bins[lane]![b]! += n / (b1 - b0 + 1);
  }
  const top = Math.log1p(Math.max(0, ...bins.map((l) => Math.max(0, ...l))));
  bins.forEach((l, lane) => {
    let d = '';
    const base = PAD.t + LANE_H * (lane + 1) - 2;
    l.forEach((n, b) => {
      if (n > 0)
        d += `M${b * BAR},${base}v${(-(LANE_H - 4) * Math.max(0.15, Math.log1p(n) / top)).toFixed(1)}h${BAR}V${base}z`;
    });
    if (d)
      svg.appendChild(
        s(
          'path',
          { d, class: 'lane-density' },
          s('title', {}, `${lanes[lane]}: events by month, the latest drawn as dots`),
        ),
      );
  });
  svg.appendChild(s('line', { x1: padL, x2: W - PAD.r, y1: axisY, y2: axisY, class: 'axis' }));
  for (const tk of timeTicks(t0, t1, Math.max(2, Math.floor((W - padL - PAD.r) / 84)))) {
    svg.appendChild(s('line', { x1: x(tk.t), x2: x(tk.t), y1: PAD.t, y2: axisY + 4, class: 'grid' }));
    svg.appendChild(s('text', { x: x(tk.t), y: H - 8, class: 'tick', 'text-anchor': 'middle' }, tk.label));
  }
  const dots: Array<{ el: SVGElement; e: TimelineEvent; lane: number; t: number }> = [];
  for (const e of dated) {
    const lane = lanes.indexOf(e.type);
    const cy = PAD.t + LANE_H * (lane + 0.5);
    const r = Math.min(8, 3 + e.sources);
    const where = e.place ? `, ${e.place.name}` : '';
    const label = `${e.type} ${e.date}${where}, ${e.sources} source${e.sources === 1 ? '' : 's'}`;
    const common = { tabindex: -1, role: 'button', 'aria-label': label, 'data-event': e.id };
    const period = datePeriod(e.date!);
    // a span at least as wide as a dot, kept inside the axis
    const spanW = period ? Math.max(2 * r, x(period.end) - x(period.start)) : 0;
    const dot = period
      ? s('rect', {
          x: Math.max(padL, Math.min(x(period.start), W - PAD.r - spanW)).toFixed(1),
          y: (cy - r).toFixed(1),
          width: spanW.toFixed(1),
          height: 2 * r,
          rx: r,
          class: 'event-dot event-span',
          ...common,
        })
      : s('circle', { cx: x(dateMs(e.date!)).toFixed(1), cy: cy.toFixed(1), r, class: 'event-dot', ...common });
    dot.appendChild(s('title', {}, label));
    svg.appendChild(dot);
    dots.push({ el: dot, e, lane, t: dateMs(e.date!) });
  }
  rovingFocus(svg, dots, onPick);
  return svg;
}

/**
 * One dot in the tab order; arrow keys, Home and End move the focus among the others; a click or a
 * tap focuses a dot, and a focused dot is picked (one listener each on the drawing, not per dot).
 */
function rovingFocus<D extends { el: SVGElement; e: TimelineEvent; lane: number; t: number }>(
  svg: SVGElement,
  dots: D[],
  onPick: (e: TimelineEvent) => void,
): void {
  if (!dots.length) return;
  const byEl = new Map<Element, D>(dots.map((d) => [d.el, d]));
  svg.addEventListener('click', (ev) => {
    const d = byEl.get((ev.target as Element).closest('.event-dot')!);
    if (d) d.el.focus();
  });
  svg.addEventListener('focusin', (ev) => {
    const d = byEl.get(ev.target as Element);
    if (!d) return;
    current.el.setAttribute('tabindex', '-1');
    d.el.setAttribute('tabindex', '0');
    current = d;
    onPick(d.e);
  });
  const inTime = [...dots].sort((a, b) => a.t - b.t || a.lane - b.lane);
  inTime[0]!.el.setAttribute('tabindex', '0');
  let current = inTime[0]!;
  const move = (to: D | undefined) => to?.el.focus();
  const nearestIn = (lane: number) =>
    dots.filter((d) => d.lane === lane).sort((a, b) => Math.abs(a.t - current.t) - Math.abs(b.t - current.t))[0];
  svg.addEventListener('keydown', (ev) => {
    const i = inTime.indexOf(current);
    const key = (ev as KeyboardEvent).key;
    let target: D | undefined;
    if (key === 'ArrowRight') target = inTime[i + 1];
    else if (key === 'ArrowLeft') target = inTime[i - 1];
    else if (key === 'ArrowDown') target = nearestIn(current.lane + 1);
    else if (key === 'ArrowUp') target = nearestIn(current.lane - 1);
    else if (key === 'Home') target = inTime[0];
    else if (key === 'End') target = inTime[inTime.length - 1];
    else return;
    ev.preventDefault();
    move(target);
  });
}
