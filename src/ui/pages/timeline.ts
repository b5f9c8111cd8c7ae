/**
 * Timeline of events and an offline world map of places and events, filtered together; clicking
 * an event shows its evidence sentences, each linked to the place in the article.
 */
import { get } from '../api.ts';
import { dateMs, datePeriod, monthTicks, project, ringsPath, topoRings } from '../charts.ts';
import { articleHref, clear, empty, entityHref, h, routeParams, s, setRouteParams } from '../dom.ts';
import type { CorpusEventRow } from '../../corpus/corpus.ts';

/** A corpus event as `/api/events` returns it. */
type EventRow = CorpusEventRow;
interface PlaceRow {
  id: string;
  name: string;
  type: string;
  articles: number;
  geo: { lat: number; lon: number } | null;
}

const TL_WIDTH = 960;
const TL_HEIGHT = 170;
const MAP_WIDTH = 960;
/** Places fetched for the map (the most-mentioned). */
const MAP_PLACES = 300;

/** Map shapes are fetched once per page load. */
let worldShapes: Promise<ReturnType<typeof topoRings> | null> | undefined;
function loadWorld() {
  worldShapes ??= fetch('/vendor/world.json')
    .then((r) => (r.ok ? r.json() : null))
    .then((t) => (t ? topoRings(t) : null))
    .catch(() => null);
  return worldShapes;
}

export async function timelinePage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const f = {
    type: p.get('type') ?? '',
    entity: p.get('entity') ?? '',
    place: p.get('place') ?? '',
    since: p.get('since') ?? '',
    until: p.get('until') ?? '',
  };
  const inputs = {
    type: h('input', {
      type: 'text',
      name: 'type',
      value: f.type,
      placeholder: 'e.g. PROTEST',
      'aria-label': 'Event type',
      class: 'narrow',
    }),
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
  const tl = h('div', { class: 'timeline-stage' });
  const map = h('div', { class: 'map-stage' });
  const detail = h(
    'div',
    { class: 'panel evidence', 'aria-live': 'polite' },
    empty('Choose an event on the timeline or the map to see its evidence.'),
  );
  root.replaceChildren(
    h('h1', {}, 'Timeline & map'),
    form,
    h('h2', { class: 'sub' }, 'Events over time'),
    tl,
    h('div', { class: 'map-row' }, h('div', {}, h('h2', { class: 'sub' }, 'Places and events'), map), detail),
  );

  const [events, places, world] = await Promise.all([
    get<{ events: EventRow[] }>('/api/events', { ...f, limit: 1000 }).then((r) => r.events),
    get<{ entities: PlaceRow[] }>('/api/entities', { type: 'GPE,LOC', limit: MAP_PLACES }).then((r) => r.entities),
    loadWorld(),
  ]);
  const show = (e: EventRow) => showEvidence(detail, e);
  tl.appendChild(drawTimeline(events, show));
  if (!events.length) tl.appendChild(empty('No events match these filters.'));
  map.appendChild(drawMap(world, places, events, show));
  const wanted = Number(p.get('event'));
  const pre = events.find((e) => e.id === wanted);
  if (pre) show(pre);
}

function showEvidence(box: HTMLElement, e: EventRow): void {
  clear(box);
  box.appendChild(h('h2', {}, h('code', {}, e.type), ` ${e.date ?? 'undated'}`));
  // who did it to whom, kept apart: "Israel → Syrian forces"
  const names = (list: EventRow['actors']) =>
    list.length ? list.flatMap((x, i) => [i ? ', ' : '', h('a', { href: entityHref(x.id) }, x.name)]) : ['?'];
  const parties = e.actors.length || e.targets.length ? [' · ', ...names(e.actors), ' → ', ...names(e.targets)] : [];
  box.appendChild(
    h(
      'p',
      { class: 'meta' },
      e.place ? h('a', { href: entityHref(e.place.id) }, e.place.name) : 'no place',
      ' · ',
      `${e.sources} source${e.sources === 1 ? '' : 's'}`,
      e.dead ? ` · ${e.dead} dead` : '',
      ...parties,
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

/** Events on a time axis, one lane per event type. */
function drawTimeline(events: EventRow[], onPick: (e: EventRow) => void): SVGElement {
  const dated = events.filter((e) => e.date && !Number.isNaN(dateMs(e.date)));
  const pad = { l: 110, r: 20, t: 10, b: 28 };
  const svg = s('svg', {
    viewBox: `0 0 ${TL_WIDTH} ${TL_HEIGHT}`,
    class: 'timeline',
    role: 'img',
    'aria-label': `Timeline of ${dated.length} dated events`,
  });
  const now = Date.now();
  // the axis holds every event whole: a month-precision event from its first day to its last
  const from = (d: string) => datePeriod(d)?.start ?? dateMs(d);
  const to = (d: string) => datePeriod(d)?.end ?? dateMs(d);
  let t0 = dated.length ? Math.min(...dated.map((e) => from(e.date!))) : now - 180 * 864e5;
  let t1 = dated.length ? Math.max(...dated.map((e) => to(e.date!))) : now;
  const span = Math.max(t1 - t0, 30 * 864e5);
  t0 -= span * 0.03;
  t1 = t0 + span * 1.06;
  const x = (t: number) => pad.l + ((t - t0) / (t1 - t0)) * (TL_WIDTH - pad.l - pad.r);
  const lanes = [...new Set(dated.map((e) => e.type))].sort().slice(0, 8);
  const laneH = (TL_HEIGHT - pad.t - pad.b) / Math.max(1, lanes.length);
  const axisY = TL_HEIGHT - pad.b;
  svg.appendChild(s('line', { x1: pad.l, x2: TL_WIDTH - pad.r, y1: axisY, y2: axisY, class: 'axis' }));
  for (const tk of monthTicks(t0, t1, 9)) {
    svg.appendChild(s('line', { x1: x(tk.t), x2: x(tk.t), y1: pad.t, y2: axisY + 4, class: 'grid' }));
    svg.appendChild(s('text', { x: x(tk.t), y: TL_HEIGHT - 8, class: 'tick', 'text-anchor': 'middle' }, tk.label));
  }
  lanes.forEach((l, i) =>
    svg.appendChild(
      s('text', { x: pad.l - 8, y: pad.t + laneH * (i + 0.5) + 4, class: 'tick', 'text-anchor': 'end' }, l),
    ),
  );
  for (const e of dated) {
    const lane = lanes.indexOf(e.type);
    if (lane < 0) continue;
    const cy = pad.t + laneH * (lane + 0.5);
    const r = Math.min(9, 3 + e.sources);
    const common = { tabindex: 0, role: 'button', 'aria-label': `${e.type} ${e.date}` };
    const title = s('title', {}, `${e.type} ${e.date}${e.place ? ` · ${e.place.name}` : ''} · ${e.sources} sources`);
    // a date the text gives only to the month (or week, or year) is that whole span, not a point
    const period = datePeriod(e.date!);
    const dot = period
      ? s(
          'rect',
          {
            x: x(period.start).toFixed(1),
            y: (cy - r).toFixed(1),
            width: Math.max(2 * r, x(period.end) - x(period.start)).toFixed(1),
            height: 2 * r,
            rx: r,
            class: 'event-dot event-span',
            ...common,
          },
          title,
        )
      : s('circle', { cx: x(dateMs(e.date!)).toFixed(1), cy: cy.toFixed(1), r, class: 'event-dot', ...common }, title);
    pickable(dot, () => onPick(e));
    svg.appendChild(dot);
  }
  return svg;
}

function pickable(el: SVGElement, fn: () => void): void {
  el.addEventListener('click', fn);
  el.addEventListener('keydown', (ev) => {
    const k = (ev as KeyboardEvent).key;
    if (k === 'Enter' || k === ' ') {
      ev.preventDefault();
      fn();
    }
  });
}

/** The world (country outlines when shipped, else a graticule), places as grey dots, events as red ones. */
function drawMap(
  world: ReturnType<typeof topoRings> | null,
  places: PlaceRow[],
  events: EventRow[],
  onPick: (e: EventRow) => void,
): SVGElement {
  const W = MAP_WIDTH;
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${W / 2}`,
    class: 'map',
    role: 'img',
    'aria-label': 'World map of places and events',
  });
  svg.appendChild(s('rect', { x: 0, y: 0, width: W, height: W / 2, class: 'sea' }));
  const grid = s('g', { class: 'graticule' });
  for (let lon = -180; lon <= 180; lon += 30)
    grid.appendChild(s('line', { x1: project(lon, 90, W)[0], x2: project(lon, -90, W)[0], y1: 0, y2: W / 2 }));
  for (let lat = -60; lat <= 60; lat += 30)
    grid.appendChild(s('line', { x1: 0, x2: W, y1: project(0, lat, W)[1], y2: project(0, lat, W)[1] }));
  svg.appendChild(grid);
  if (world) {
    const g = s('g', { class: 'land' });
    for (const c of world) g.appendChild(s('path', { d: ringsPath(c.rings, W) }, s('title', {}, c.name)));
    svg.appendChild(g);
  }
  const maxA = Math.max(1, ...places.map((p) => p.articles));
  const pg = s('g', { class: 'places' });
  for (const p of places) {
    if (!p.geo) continue;
    const [px, py] = project(p.geo.lon, p.geo.lat, W);
    const a = s('a', { href: entityHref(p.id), 'aria-label': `${p.name}, ${p.articles} articles` });
    a.appendChild(
      s(
        'circle',
        {
          cx: px.toFixed(1),
          cy: py.toFixed(1),
          r: (2 + 6 * Math.sqrt(p.articles / maxA)).toFixed(1),
          class: 'place-dot',
        },
        s('title', {}, `${p.name} · ${p.articles} articles`),
      ),
    );
    pg.appendChild(a);
  }
  svg.appendChild(pg);
  const eg = s('g', { class: 'events' });
  for (const e of events) {
    if (!e.place || e.place.lat === null || e.place.lon === null) continue;
    const [px, py] = project(e.place.lon, e.place.lat, W);
    const dot = s(
      'circle',
      {
        cx: px.toFixed(1),
        cy: py.toFixed(1),
        r: Math.min(8, 3 + e.sources),
        class: 'event-dot',
        tabindex: 0,
        role: 'button',
        'aria-label': `${e.type} in ${e.place.name}`,
      },
      s('title', {}, `${e.type} · ${e.place.name} · ${e.date ?? 'undated'}`),
    );
    pickable(dot, () => onPick(e));
    eg.appendChild(dot);
  }
  svg.appendChild(eg);
  return svg;
}
