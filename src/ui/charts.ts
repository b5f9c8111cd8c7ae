/**
 * Hand-drawn SVG: bar charts, a time axis, a spring-layout network and an equirectangular world
 * map (TopoJSON decoded here: the format is small enough to read without a library).
 */
import { s } from './dom.ts';
import { isoWeekMonday } from '../nlp/times/calendar.ts';

/** Vertical bars for `[label, value]` pairs, labels thinned to fit. */
export function bars(data: Array<[string, number]>, width = 560, height = 140, label = 'count'): SVGElement {
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`,
    class: 'chart',
    role: 'img',
    'aria-label': `${label} by ${data.length ? 'period' : 'nothing yet'}`,
  });
  const pad = { l: 34, r: 6, t: 8, b: 22 };
  const max = Math.max(1, ...data.map((d) => d[1]));
  const w = (width - pad.l - pad.r) / Math.max(1, data.length);
  svg.appendChild(s('line', { x1: pad.l, x2: width - pad.r, y1: height - pad.b, y2: height - pad.b, class: 'axis' }));
  svg.appendChild(s('text', { x: pad.l - 4, y: pad.t + 8, class: 'tick', 'text-anchor': 'end' }, String(max)));
  svg.appendChild(s('text', { x: pad.l - 4, y: height - pad.b, class: 'tick', 'text-anchor': 'end' }, '0'));
  const every = Math.ceil(data.length / Math.max(1, Math.floor((width - pad.l) / 56)));
  data.forEach(([k, v], i) => {
    const bh = ((height - pad.t - pad.b) * v) / max;
    const x = pad.l + i * w;
    svg.appendChild(
      s(
        'rect',
        { x: x + 1, y: height - pad.b - bh, width: Math.max(1, w - 2), height: bh, class: 'bar' },
        s('title', {}, `${k}: ${v}`),
      ),
    );
    if (i % every === 0)
      svg.appendChild(s('text', { x: x + w / 2, y: height - 6, class: 'tick', 'text-anchor': 'middle' }, k));
  });
  return svg;
}

// ---- force-directed layout -----------------------------------------------------------------

export interface LayoutNode {
  id: string;
  x: number;
  y: number;
  vx: number;
  vy: number;
  r: number;
}

/** Spring strength along edges, share of the ideal spacing springs aim for, pull to the centre, iterations. */
const SPRING = 0.02;
const SPRING_SHARE = 0.55;
const GRAVITY = 0.004;
const ITERATIONS = 260;
const DAMPING = 0.82;

/**
 * A simple spring layout: nodes start on a deterministic spiral (same input, same drawing),
 * repel each other, edges pull like springs, a weak pull keeps them centred; cooled over
 * ITERATIONS steps. O(n²) per step: fine for the few hundred nodes a readable graph has.
 */
export function springLayout(
  ids: string[],
  radii: number[],
  edges: Array<[number, number, number]>,
  width: number,
  height: number,
): LayoutNode[] {
  const nodes: LayoutNode[] = ids.map((id, i) => {
    const a = i * 2.39996; // golden angle
    const d = 12 * Math.sqrt(i + 1);
    return { id, x: width / 2 + d * Math.cos(a), y: height / 2 + d * Math.sin(a), vx: 0, vy: 0, r: radii[i]! };
  });
  const maxW = Math.max(1, ...edges.map((e) => e[2]));
  // Fruchterman–Reingold's ideal spacing: the area shared out among the nodes.
  const k = Math.sqrt((width * height) / Math.max(1, nodes.length));
  const REPULSION = k * k * 0.35;
  const SPRING_LENGTH = k * SPRING_SHARE;
  for (let it = 0; it < ITERATIONS; it++) {
    const cool = 1 - it / ITERATIONS;
    for (let i = 0; i < nodes.length; i++) {
      const a = nodes[i]!;
      for (let j = i + 1; j < nodes.length; j++) {
        const b = nodes[j]!;
        let dx = a.x - b.x;
        let dy = a.y - b.y;
        let d2 = dx * dx + dy * dy;
        if (d2 < 0.01) {
          dx = 0.1 * (i - j);
          dy = 0.1;
          d2 = dx * dx + dy * dy;
        }
        const f = REPULSION / d2;
        const d = Math.sqrt(d2);
        a.vx += (f * dx) / d;
        a.vy += (f * dy) / d;
        b.vx -= (f * dx) / d;
        b.vy -= (f * dy) / d;
      }
    }
    for (const [i, j, w] of edges) {
      const a = nodes[i]!;
      const b = nodes[j]!;
      const dx = b.x - a.x;
      const dy = b.y - a.y;
      const d = Math.sqrt(dx * dx + dy * dy) || 1;
      const f = SPRING * (0.4 + (0.6 * w) / maxW) * (d - SPRING_LENGTH);
      a.vx += (f * dx) / d;
      a.vy += (f * dy) / d;
      b.vx -= (f * dx) / d;
      b.vy -= (f * dy) / d;
    }
    for (const n of nodes) {
      n.vx = (n.vx + (width / 2 - n.x) * GRAVITY) * DAMPING;
      n.vy = (n.vy + (height / 2 - n.y) * GRAVITY) * DAMPING;
      // The step shrinks as the layout cools, so it settles instead of oscillating.
      const v = Math.hypot(n.vx, n.vy);
      const cap = Math.max(1, k * 0.5 * cool);
      if (v > cap) {
        n.vx *= cap / v;
        n.vy *= cap / v;
      }
      n.x = Math.min(width - n.r - 4, Math.max(n.r + 4, n.x + n.vx));
      n.y = Math.min(height - n.r - 4, Math.max(n.r + 4, n.y + n.vy));
    }
  }
  return nodes;
}

// ---- time axis ------------------------------------------------------------------------------

const DAY_MS = 864e5;

/** The instant a UTC month starts, for any year (Date.UTC reads years 0–99 as 1900–1999). */
function monthStart(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 1);
  return d.getTime();
}

/**
 * Milliseconds of an ISO date of any precision (`2026`, `2026-03`, `2026-W11`, `2026-03-14`, with a
 * time of day or not), mid-period; a date of another shape that starts with its year is read as that
 * year, so nothing dated goes undrawn.
 */
export function dateMs(iso: string): number {
  return remembered(msOf, iso, readMs);
}

/**
 * Dates read once each: a timeline asks for the same few hundred dates thousands of times (every
 * dot, the axis's ends, the tallies by month), and reading them afresh each time was a sixth of
 * the drawing's time. Cleared when full, so a long session keeps at most this many.
 */
const REMEMBERED_DATES = 5000;
const msOf = new Map<string, number>();
const periodOf = new Map<string, Readonly<{ start: number; end: number }> | null>();

function remembered<T>(kept: Map<string, T>, iso: string, read: (iso: string) => T): T {
  let v = kept.get(iso);
  if (v === undefined && !kept.has(iso)) {
    if (kept.size >= REMEMBERED_DATES) kept.clear();
    kept.set(iso, (v = read(iso)));
  }
  return v as T;
}

function readMs(iso: string): number {
  const p = datePeriod(iso);
  if (p) return (p.start + p.end) / 2;
  const day = Date.parse(iso.slice(0, 10) + 'T12:00:00Z');
  if (!Number.isNaN(day) && /^\d{4}-\d{2}-\d{2}/.test(iso)) return day;
  const year = /^(\d{4})/.exec(iso);
  return year ? (monthStart(+year[1]!, 0) + monthStart(+year[1]! + 1, 0)) / 2 : NaN;
}

/**
 * The period a date coarser than a day stands for (a decade `199X`, a year, a quarter `1989-Q3`,
 * a month, an ISO week), as instants [start, end); null for a day, which is drawn as a point.
 */
export function datePeriod(iso: string): Readonly<{ start: number; end: number }> | null {
  return remembered(periodOf, iso, readPeriod);
}

function readPeriod(iso: string): { start: number; end: number } | null {
  let m = /^(\d{3})X$/.exec(iso);
  if (m) return { start: monthStart(+m[1] * 10, 0), end: monthStart(+m[1] * 10 + 10, 0) };
  m = /^(\d{4})$/.exec(iso);
  if (m) return { start: monthStart(+m[1], 0), end: monthStart(+m[1] + 1, 0) };
  m = /^(\d{4})-Q([1-4])$/.exec(iso);
  if (m) return { start: monthStart(+m[1], 3 * (+m[2] - 1)), end: monthStart(+m[1], 3 * +m[2]) };
  m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return { start: monthStart(+m[1], +m[2] - 1), end: monthStart(+m[1], +m[2]) };
  m = /^(\d{4})-W(\d{2})/.exec(iso);
  if (m) {
    const start = isoWeekMonday(+m[1], +m[2]) * DAY_MS;
    return { start, end: start + 7 * DAY_MS };
  }
  // TimeML's halves and seasons (winter runs into the next year)
  m = /^(\d{4})-(H[12]|SP|SU|FA|AU|WI)$/.exec(iso);
  if (m) {
    const first = { H1: 0, H2: 6, SP: 2, SU: 5, FA: 8, AU: 8, WI: 11 }[m[2]!]!;
    const months = m[2]!.startsWith('H') ? 6 : 3;
    return { start: monthStart(+m[1], first), end: monthStart(+m[1], first + months) };
  }
  return null;
}

/** The instants a date filter (`2026`, `2026-03`, `2026-03-14`) covers: [start, end). */
export function filterPeriod(iso: string): { start: number; end: number } | null {
  const p = datePeriod(iso);
  if (p) return p;
  const t = Date.parse(iso.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(t) ? null : { start: t, end: t + DAY_MS };
}

/** Tick steps from a day to a millennium; the first that gives few enough ticks is used. */
const TICK_STEPS: Array<{ unit: 'day' | 'month' | 'year'; n: number }> = [
  ...[1, 2, 7, 14].map((n) => ({ unit: 'day' as const, n })),
  ...[1, 2, 3, 6].map((n) => ({ unit: 'month' as const, n })),
  ...[1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000].map((n) => ({ unit: 'year' as const, n })),
];
const UNIT_MS = { day: DAY_MS, month: 30.44 * DAY_MS, year: 365.25 * DAY_MS };

/**
 * Ticks between two instants, about `maxTicks` (one more at most):
 * days, weeks (Mondays), months, quarters or years, whichever step fits, over the whole span
 * whatever its length, each labelled at the precision of its step.
 */
export function timeTicks(t0: number, t1: number, maxTicks = 10): Array<{ t: number; label: string }> {
  const span = Math.max(0, t1 - t0);
  const step =
    TICK_STEPS.find((st) => span / (st.n * UNIT_MS[st.unit]) <= Math.max(1, maxTicks)) ??
    ({ unit: 'year', n: 1000 * Math.ceil(span / UNIT_MS.year / 1000 / Math.max(1, maxTicks)) } as const);
  const out: Array<{ t: number; label: string }> = [];
  if (step.unit === 'day') {
    // weeks start on Mondays (1970-01-05 was one); shorter steps on any day
    const phase = step.n >= 7 ? 4 : 0;
    let d = Math.ceil(t0 / DAY_MS);
    d += (((phase - d) % step.n) + step.n) % step.n;
    for (; d * DAY_MS <= t1; d += step.n)
      out.push({ t: d * DAY_MS, label: new Date(d * DAY_MS).toISOString().slice(0, 10) });
    return out;
  }
  const first = new Date(t0);
  let y = first.getUTCFullYear();
  if (step.unit === 'year') {
    y = Math.ceil((monthStart(y, 0) < t0 ? y + 1 : y) / step.n) * step.n;
    for (; monthStart(y, 0) <= t1; y += step.n) out.push({ t: monthStart(y, 0), label: String(y) });
    return out;
  }
  let i = y * 12 + first.getUTCMonth();
  if (monthStart(y, first.getUTCMonth()) < t0) i++;
  i = Math.ceil(i / step.n) * step.n;
  for (; monthStart(Math.floor(i / 12), i % 12) <= t1; i += step.n) {
    const [yy, mm] = [Math.floor(i / 12), i % 12];
    out.push({ t: monthStart(yy, mm), label: `${yy}-${String(mm + 1).padStart(2, '0')}` });
  }
  return out;
}

// ---- world map --------------------------------------------------------------------------------

interface Topology {
  type: 'Topology';
  transform?: { scale: [number, number]; translate: [number, number] };
  arcs: number[][][];
  objects: Record<
    string,
    { type: string; geometries: Array<{ type: string; arcs: unknown; properties?: { name?: string } }> }
  >;
}

/** Decode the arcs of a TopoJSON topology into lon/lat point lists (delta-decoded, untransformed). */
function decodeArcs(topo: Topology): Array<Array<[number, number]>> {
  const tf = topo.transform;
  return topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map((p) => {
      if (tf) {
        x += p[0]!;
        y += p[1]!;
        return [x * tf.scale[0] + tf.translate[0], y * tf.scale[1] + tf.translate[1]] as [number, number];
      }
      return [p[0]!, p[1]!] as [number, number];
    });
  });
}

/** Country outlines as rings of lon/lat points, from a TopoJSON topology's first object. */
export function topoRings(topo: Topology): Array<{ name: string; rings: Array<Array<[number, number]>> }> {
  const arcs = decodeArcs(topo);
  const ring = (ids: number[]) => {
    const pts: Array<[number, number]> = [];
    for (const id of ids) {
      const a = id >= 0 ? arcs[id]! : [...arcs[~id]!].reverse();
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  const obj = topo.objects.countries ?? Object.values(topo.objects)[0];
  if (!obj) return [];
  return obj.geometries.map((g) => {
    const polys =
      g.type === 'Polygon' ? [g.arcs as number[][]] : g.type === 'MultiPolygon' ? (g.arcs as number[][][]) : [];
    return { name: g.properties?.name ?? '', rings: polys.flatMap((p) => p.map(ring)) };
  });
}

/** Equirectangular projection onto a width × width/2 box. */
export function project(lon: number, lat: number, width: number): [number, number] {
  return [((lon + 180) / 360) * width, ((90 - lat) / 180) * (width / 2)];
}

/** SVG path data of rings, split where a ring jumps across the date line (no streaks). */
export function ringsPath(rings: Array<Array<[number, number]>>, width: number): string {
  const parts: string[] = [];
  for (const r of rings) {
    let prevLon: number | undefined;
    let d = '';
    for (const [lon, lat] of r) {
      const [x, y] = project(lon, lat, width);
      const jump = prevLon !== undefined && Math.abs(lon - prevLon) > 180;
      d += `${d === '' || jump ? 'M' : 'L'}${x.toFixed(1)},${y.toFixed(1)}`;
      prevLon = lon;
    }
    parts.push(d + 'Z');
  }
  return parts.join('');
}
