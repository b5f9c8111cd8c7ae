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

/** Spans shorter than this many days get day ticks instead of month ticks. */
const SHORT_SPAN_DAYS = 100;

/** Milliseconds of an ISO date of any precision (`2026`, `2026-03`, `2026-W11`, `2026-03-14`), mid-period. */
export function dateMs(iso: string): number {
  const p = datePeriod(iso);
  if (p) return (p.start + p.end) / 2;
  return Date.parse(iso.slice(0, 10) + 'T12:00:00Z');
}

/**
 * The period a date coarser than a day stands for (a year, a month, an ISO week), as instants
 * [start, end); null for a day, which is drawn as a point.
 */
export function datePeriod(iso: string): { start: number; end: number } | null {
  let m = /^(\d{4})$/.exec(iso);
  if (m) return { start: Date.UTC(+m[1], 0, 1), end: Date.UTC(+m[1] + 1, 0, 1) };
  m = /^(\d{4})-(\d{2})$/.exec(iso);
  if (m) return { start: Date.UTC(+m[1], +m[2] - 1, 1), end: Date.UTC(+m[1], +m[2], 1) };
  m = /^(\d{4})-W(\d{2})$/.exec(iso);
  if (m) {
    const start = isoWeekMonday(+m[1], +m[2]) * 864e5;
    return { start, end: start + 7 * 864e5 };
  }
  return null;
}

/** Ticks between two instants: months, or days when the span is short; at most `maxTicks`. */
export function monthTicks(t0: number, t1: number, maxTicks = 12): Array<{ t: number; label: string }> {
  if (t1 - t0 < SHORT_SPAN_DAYS * 864e5) {
    const step = Math.max(1, Math.ceil((t1 - t0) / 864e5 / maxTicks)) * 864e5;
    const out: Array<{ t: number; label: string }> = [];
    for (let t = Math.ceil(t0 / 864e5) * 864e5; t <= t1; t += step)
      out.push({ t, label: new Date(t).toISOString().slice(0, 10) });
    return out;
  }
  const d = new Date(t0);
  let y = d.getUTCFullYear();
  let m = d.getUTCMonth();
  const out: Array<{ t: number; label: string }> = [];
  for (;;) {
    const t = Date.UTC(y, m, 1);
    if (t > t1) break;
    if (t >= t0) out.push({ t, label: `${y}-${String(m + 1).padStart(2, '0')}` });
    if (++m === 12) {
      m = 0;
      y++;
    }
    if (out.length > 600) break;
  }
  const step = Math.ceil(out.length / maxTicks);
  return out.filter((_, i) => i % step === 0);
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
