/**
 * The world map of the timeline page: country outlines (or a graticule), the places the matching
 * articles name (green, sized by articles) and the matching events (red, sized by sources). Points
 * that would stack at the current zoom are drawn as one cluster with its count; tapping a cluster
 * zooms in on it, or lists its events when they share a spot. Zoom and pan by wheel, drag, pinch or
 * the buttons; a legend names every mark.
 */
import { project, ringsPath, topoRings } from '../charts.ts';
import { clear, entityHref, h, s, setRouteParams, routeParams } from '../dom.ts';
import { cluster, panZoom, type View } from '../viewport.ts';
import type { MapPlace, TimelineEvent as EventRow } from '../../server/api-map.ts';

/** A place as `/api/places` returns it. */
export type { MapPlace };

/** Deepest zoom (a city's streets are not drawn anyway). */
const MAX_ZOOM = 64;
/** Points closer than this many screen pixels are drawn as one cluster (whose mark is narrower). */
const CLUSTER_PX = 26;

type Pt<T> = { x: number; y: number; weight: number; item: T };
/** What a map point stands for. */
type Item = { place?: MapPlace; event?: EventRow };

/**
 * The map, its zoom buttons and its legend. `pick` is called with the events a tap chose (one, or
 * the events of a cluster that share a spot, to list); a place's details go to `panel`.
 */
export function drawMap(
  world: unknown,
  places: MapPlace[],
  events: EventRow[],
  W: number,
  pick: (list: EventRow[], asList?: boolean) => void,
  panel: HTMLElement,
): HTMLElement {
  const H = W / 2;
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'map',
    role: 'group',
    'aria-label': `World map of ${places.length} places and ${events.length} events`,
  }) as SVGSVGElement;
  svg.appendChild(s('rect', { x: 0, y: 0, width: W, height: H, class: 'sea' }));
  const grid = s('g', { class: 'graticule' });
  for (let lon = -180; lon <= 180; lon += 30)
    grid.appendChild(s('line', { x1: project(lon, 90, W)[0], x2: project(lon, -90, W)[0], y1: 0, y2: H }));
  for (let lat = -60; lat <= 60; lat += 30)
    grid.appendChild(s('line', { x1: 0, x2: W, y1: project(0, lat, W)[1], y2: project(0, lat, W)[1] }));
  svg.appendChild(grid);
  const shapes = world ? topoRings(world as Parameters<typeof topoRings>[0]) : null;
  if (shapes) {
    const g = s('g', { class: 'land' });
    for (const c of shapes) g.appendChild(s('path', { d: ringsPath(c.rings, W) }, s('title', {}, c.name)));
    svg.appendChild(g);
  }
  const layer = s('g', { class: 'points' });
  svg.appendChild(layer);

  // Places and events are clustered together, so that no mark covers another.
  const maxA = Math.max(1, ...places.map((p) => p.articles));
  const pts: Array<Pt<Item>> = [
    ...places.map((p): Pt<Item> => {
      const [x, y] = project(p.geo.lon, p.geo.lat, W);
      return { x, y, weight: p.articles / maxA, item: { place: p } };
    }),
    ...events.map((e): Pt<Item> => {
      const [x, y] = project(e.place!.lon!, e.place!.lat!, W);
      return { x, y, weight: 1 + e.sources, item: { event: e } };
    }),
  ];

  const draw = (v: View) => {
    clear(layer);
    const u = 1 / v.k; // drawing units per screen pixel
    const scaled = pts.map((p) => ({ ...p, x: p.x * v.k, y: p.y * v.k }));
    for (const c of cluster(scaled, CLUSTER_PX)) {
      const at = { x: c.x * u, y: c.y * u };
      const one = c.items.length === 1 ? c.items[0]! : undefined;
      if (one?.place) layer.appendChild(placeDot(one.place, at, u, maxA, () => showPlace(panel, one.place!)));
      else if (one?.event) layer.appendChild(eventDot(one.event, at, u, () => pick([one.event!])));
      else {
        const evs = c.items.flatMap((i) => (i.event ? [i.event] : []));
        const pls = c.items.flatMap((i) => (i.place ? [i.place] : []));
        const list = () => {
          if (evs.length) pick(evs, true);
          if (pls.length) showPlaces(panel, pls, evs.length > 0);
        };
        layer.appendChild(clusterMark(evs.length, pls.length, at, u, () => zoomOrList(c, list)));
      }
    }
  };
  /** A cluster whose points are apart at a deeper zoom is zoomed into; one whose points share a spot is listed. */
  const zoomOrList = (c: { x: number; y: number; items: Item[] }, list: () => void) => {
    const v = zoom.view;
    const { x, y } = { x: c.x / v.k, y: c.y / v.k };
    const spread = Math.max(...pts.filter((p) => c.items.includes(p.item)).map((p) => Math.hypot(p.x - x, p.y - y)));
    if (spread * MAX_ZOOM < CLUSTER_PX || v.k >= MAX_ZOOM) list();
    else zoom.centreOn(x, y, Math.min(MAX_ZOOM, Math.max(v.k * 2, (CLUSTER_PX * 1.5) / Math.max(spread, 1e-6))));
  };
  const zoom = panZoom(svg, W, H, MAX_ZOOM, draw);
  draw(zoom.view);
  return h('div', { class: 'map-wrap' }, zoom.controls('Map zoom'), svg, legend(places.length, events.length));
}

function placeDot(p: MapPlace, at: { x: number; y: number }, u: number, maxA: number, onTap: () => void) {
  const dot = s('circle', {
    cx: at.x.toFixed(2),
    cy: at.y.toFixed(2),
    r: ((3 + 5 * Math.sqrt(p.articles / maxA)) * u).toFixed(3),
    class: 'place-dot',
    tabindex: 0,
    role: 'button',
    'aria-label': `${p.name}, named in ${plural(p.articles, 'article')}`,
  });
  dot.appendChild(s('title', {}, `${p.name} · ${plural(p.articles, 'article')}`));
  tappable(dot, onTap);
  return dot;
}

function eventDot(e: EventRow, at: { x: number; y: number }, u: number, onTap: () => void) {
  const dot = s('circle', {
    cx: at.x.toFixed(2),
    cy: at.y.toFixed(2),
    r: (Math.min(8, 4 + e.sources) * u).toFixed(3),
    class: 'event-dot',
    tabindex: 0,
    role: 'button',
    'data-event': e.id,
    'aria-label': `${e.type} in ${e.place!.name}, ${e.date ?? 'undated'}`,
  });
  dot.appendChild(s('title', {}, `${e.type} · ${e.place!.name} · ${e.date ?? 'undated'}`));
  tappable(dot, onTap);
  return dot;
}

/** Points close together: one mark with their count, red when events are among them. */
function clusterMark(events: number, places: number, at: { x: number; y: number }, u: number, onTap: () => void) {
  const n = events + places;
  const what = [events ? plural(events, 'event') : '', places ? plural(places, 'place') : ''].filter(Boolean);
  const g = s('g', {
    class: `cluster ${events ? 'event-cluster' : 'place-cluster'}`,
    tabindex: 0,
    role: 'button',
    'data-events': events,
    'data-places': places,
    'aria-label': `${what.join(' and ')} close together: zoom in or list them`,
  });
  const r = Math.min(CLUSTER_PX / 2 - 1, 8 + 1.5 * Math.log2(n)) * u;
  g.appendChild(s('circle', { cx: at.x.toFixed(2), cy: at.y.toFixed(2), r: r.toFixed(3) }));
  g.appendChild(
    s(
      'text',
      { x: at.x.toFixed(2), y: (at.y + 3.8 * u).toFixed(2), 'text-anchor': 'middle', 'font-size': (11 * u).toFixed(3) },
      String(n),
    ),
  );
  g.appendChild(s('title', {}, what.join(', ')));
  tappable(g, onTap);
  return g;
}

/** Click, tap, Enter or Space. */
function tappable(el: SVGElement, fn: () => void): void {
  el.addEventListener('click', fn);
  el.addEventListener('keydown', (ev) => {
    const k = (ev as KeyboardEvent).key;
    if (k === 'Enter' || k === ' ') {
      ev.preventDefault();
      fn();
    }
  });
}

function showPlace(panel: HTMLElement, p: MapPlace): void {
  clear(panel);
  const events = h('button', { type: 'button', class: 'link' }, `Events at ${p.name}`);
  events.addEventListener('click', () => {
    const params = Object.fromEntries(routeParams());
    setRouteParams('#/timeline', { ...params, place: p.id, event: undefined });
  });
  panel.append(
    h('h2', {}, p.name),
    h(
      'p',
      { class: 'meta' },
      `${p.type === 'GPE' ? 'Country or city' : 'Place'} · named in ${plural(p.articles, 'matching article')}`,
    ),
    h('p', {}, h('a', { href: entityHref(p.id) }, `Open ${p.name}`), ' · ', events),
  );
}

/** Places close together, listed after what the panel shows (the events among them) or alone. */
function showPlaces(panel: HTMLElement, list: MapPlace[], after: boolean): void {
  if (!after) clear(panel);
  panel.append(
    h(after ? 'h3' : 'h2', {}, `${plural(list.length, 'place')} here`),
    h(
      'ul',
      { class: 'plain' },
      ...list.map((p) =>
        h(
          'li',
          {},
          h('a', { href: entityHref(p.id) }, p.name),
          h('span', { class: 'muted' }, ` · ${p.articles} articles`),
        ),
      ),
    ),
  );
}

function legend(places: number, events: number): HTMLElement {
  const item = (cls: string, text: string) =>
    h('li', {}, h('span', { class: `key ${cls}`, 'aria-hidden': 'true' }), text);
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Map legend' },
    item('key-place', `Place named in the matching articles (${places}); bigger: more articles`),
    item('key-event', `Event (${events}); bigger: more independent sources`),
    item(
      'key-cluster',
      'Places and events close together, with their count (red: events among them); tap to zoom in or list',
    ),
  );
}

const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
