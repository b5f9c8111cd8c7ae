/**
 * Zoom and pan for the map and the network (mouse wheel, drag, pinch, and buttons for touch and
 * keyboard), clustering of points that would stack, and label placement without overlaps. The
 * drawings are made at the size they are shown (one SVG unit is one CSS pixel at zoom 1), so text
 * and dots keep their size at any width and any zoom.
 */
import { h } from './dom.ts';

/** The visible part of a W × H drawing: its top-left corner and the zoom factor. */
export interface View {
  x: number;
  y: number;
  k: number;
}

export interface PanZoom {
  readonly view: View;
  /** Zoom by `factor` around a point of the drawing (default: the middle of the view). */
  zoomBy(factor: number, cx?: number, cy?: number): void;
  /** Centre the view on a point, at zoom `k` (default: the current zoom). */
  centreOn(x: number, y: number, k?: number): void;
  reset(): void;
  /** Zoom in, zoom out and reset buttons for the drawing. */
  controls(label: string): HTMLElement;
}

/** Pointer travel (CSS px) beyond which a press is a drag, not a tap. */
const DRAG_PX = 5;

/**
 * Make `svg` (a W × H drawing) zoomable and pannable; `onChange` runs after each change (once per
 * animation frame) with the new view, so a drawing can re-cluster or re-label for the zoom.
 */
export function panZoom(svg: SVGSVGElement, W: number, H: number, maxK: number, onChange: (v: View) => void): PanZoom {
  const view: View = { x: 0, y: 0, k: 1 };
  let queued = false;
  const apply = () => {
    view.k = Math.min(maxK, Math.max(1, view.k));
    view.x = Math.min(W - W / view.k, Math.max(0, view.x));
    view.y = Math.min(H - H / view.k, Math.max(0, view.y));
    svg.setAttribute(
      'viewBox',
      `${view.x.toFixed(2)} ${view.y.toFixed(2)} ${(W / view.k).toFixed(2)} ${(H / view.k).toFixed(2)}`,
    );
    svg.dataset.zoom = view.k.toFixed(2);
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      onChange(view);
    });
  };
  const zoomBy = (factor: number, cx = view.x + W / view.k / 2, cy = view.y + H / view.k / 2) => {
    const k = Math.min(maxK, Math.max(1, view.k * factor));
    // the point under (cx, cy) stays where it is
    view.x = cx - ((cx - view.x) * view.k) / k;
    view.y = cy - ((cy - view.y) * view.k) / k;
    view.k = k;
    apply();
  };
  /** A pointer's position in drawing units. */
  const at = (ev: { clientX: number; clientY: number }) => {
    const r = svg.getBoundingClientRect();
    return {
      x: view.x + ((ev.clientX - r.left) / r.width) * (W / view.k),
      y: view.y + ((ev.clientY - r.top) / r.height) * (H / view.k),
    };
  };
  svg.addEventListener(
    'wheel',
    (ev) => {
      ev.preventDefault();
      const p = at(ev);
      zoomBy(Math.exp(-ev.deltaY * 0.002), p.x, p.y);
    },
    { passive: false },
  );
  // Pointers down: one drags the view, two pinch it.
  const down = new Map<number, { x: number; y: number }>();
  let travelled = 0;
  let pinch = 0;
  svg.addEventListener('pointerdown', (ev) => {
    down.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (down.size === 1) travelled = 0;
    if (down.size === 2) pinch = spread(down);
  });
  svg.addEventListener('pointermove', (ev) => {
    const prev = down.get(ev.pointerId);
    if (!prev) return;
    const r = svg.getBoundingClientRect();
    if (down.size === 1) {
      const dx = ev.clientX - prev.x;
      const dy = ev.clientY - prev.y;
      travelled += Math.abs(dx) + Math.abs(dy);
      if (travelled > DRAG_PX) {
        if (!svg.hasPointerCapture(ev.pointerId)) svg.setPointerCapture(ev.pointerId);
        view.x -= (dx / r.width) * (W / view.k);
        view.y -= (dy / r.height) * (H / view.k);
        apply();
      }
    }
    down.set(ev.pointerId, { x: ev.clientX, y: ev.clientY });
    if (down.size === 2) {
      const d = spread(down);
      const [a, b] = [...down.values()];
      const mid = at({ clientX: (a!.x + b!.x) / 2, clientY: (a!.y + b!.y) / 2 });
      if (pinch > 0) zoomBy(d / pinch, mid.x, mid.y);
      pinch = d;
      travelled = DRAG_PX + 1;
    }
  });
  const up = (ev: PointerEvent) => {
    down.delete(ev.pointerId);
    if (down.size < 2) pinch = 0;
  };
  svg.addEventListener('pointerup', up);
  svg.addEventListener('pointercancel', up);
  // A drag ends in a click on whatever is under the pointer: that click is not a tap.
  svg.addEventListener(
    'click',
    (ev) => {
      if (travelled > DRAG_PX) {
        ev.stopPropagation();
        ev.preventDefault();
        travelled = 0;
      }
    },
    true,
  );
  svg.style.touchAction = 'none';
  const api: PanZoom = {
    view,
    zoomBy,
    centreOn(x, y, k = view.k) {
      view.k = Math.min(maxK, Math.max(1, k));
      view.x = x - W / view.k / 2;
      view.y = y - H / view.k / 2;
      apply();
    },
    reset() {
      Object.assign(view, { x: 0, y: 0, k: 1 });
      apply();
    },
    controls(label) {
      const button = (text: string, name: string, fn: () => void) => {
        const b = h('button', { type: 'button', class: 'zoom-btn', 'aria-label': name, title: name }, text);
        b.addEventListener('click', fn);
        return b;
      };
      return h(
        'div',
        { class: 'zoom-controls', role: 'group', 'aria-label': label },
        button('+', 'Zoom in', () => zoomBy(2)),
        button('−', 'Zoom out', () => zoomBy(0.5)),
        button('⟲', 'Reset view', () => api.reset()),
      );
    },
  };
  apply();
  return api;
}

function spread(pointers: Map<number, { x: number; y: number }>): number {
  const [a, b] = [...pointers.values()];
  return a && b ? Math.hypot(a.x - b.x, a.y - b.y) : 0;
}

/** Points within `radius` of a cluster's first point join it; heaviest first, so they anchor clusters. */
export function cluster<T>(
  points: Array<{ x: number; y: number; weight: number; item: T }>,
  radius: number,
): Array<{ x: number; y: number; items: T[]; weight: number }> {
  const out: Array<{ x: number; y: number; items: T[]; weight: number }> = [];
  const grid = new Map<string, number[]>();
  const cell = (x: number, y: number) => `${Math.floor(x / radius)},${Math.floor(y / radius)}`;
  for (const p of [...points].sort((a, b) => b.weight - a.weight)) {
    const [cx, cy] = [Math.floor(p.x / radius), Math.floor(p.y / radius)];
    let hit: number | undefined;
    let best = radius * radius;
    for (let dx = -1; dx <= 1; dx++)
      for (let dy = -1; dy <= 1; dy++)
        for (const i of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const c = out[i]!;
          const d2 = (c.x - p.x) ** 2 + (c.y - p.y) ** 2;
          if (d2 <= best) [hit, best] = [i, d2];
        }
    if (hit !== undefined) {
      out[hit]!.items.push(p.item);
      out[hit]!.weight += p.weight;
    } else {
      const key = cell(p.x, p.y);
      (grid.get(key) ?? grid.set(key, []).get(key)!).push(out.length);
      out.push({ x: p.x, y: p.y, items: [p.item], weight: p.weight });
    }
  }
  return out;
}

/** A label to place beside its point (a circle of radius r), in screen pixels. */
export interface LabelBox {
  x: number;
  y: number;
  r: number;
  width: number;
  height: number;
}

/** Where a label went: its text anchor point and alignment. */
export interface Placed {
  x: number;
  y: number;
  anchor: 'start' | 'end' | 'middle';
  /** The room the label takes: left, top, right, bottom. */
  box: [number, number, number, number];
}

/**
 * Labels placed in order (the most important first) beside their points, right, left, above or
 * below, wherever they overlap no label placed before and no point; a label with no free place is
 * left out (null): the point keeps its details on focus and tap.
 */
export function placeLabels(items: LabelBox[], bounds?: { width: number; height: number }): Array<Placed | null> {
  const taken: Array<[number, number, number, number]> = [];
  const GAP = 3;
  const clear = (x0: number, y0: number, x1: number, y1: number, self: number) => {
    if (bounds && (x0 < 0 || y0 < 0 || x1 > bounds.width || y1 > bounds.height)) return false;
    for (const [a, b, c, d] of taken) if (x0 < c && x1 > a && y0 < d && y1 > b) return false;
    return items.every(
      (p, i) => i === self || p.x + p.r <= x0 || p.x - p.r >= x1 || p.y + p.r <= y0 || p.y - p.r >= y1,
    );
  };
  return items.map((it, i) => {
    const { x, y, r, width: w, height: ht } = it;
    const options: Array<[number, number, number, number, Placed['anchor'], number, number]> = [
      [x + r + GAP, y - ht / 2, x + r + GAP + w, y + ht / 2, 'start', x + r + GAP, y + ht * 0.35],
      [x - r - GAP - w, y - ht / 2, x - r - GAP, y + ht / 2, 'end', x - r - GAP, y + ht * 0.35],
      [x - w / 2, y - r - GAP - ht, x + w / 2, y - r - GAP, 'middle', x, y - r - GAP - ht * 0.2],
      [x - w / 2, y + r + GAP, x + w / 2, y + r + GAP + ht, 'middle', x, y + r + GAP + ht * 0.8],
    ];
    for (const [x0, y0, x1, y1, anchor, ax, ay] of options)
      if (clear(x0, y0, x1, y1, i)) {
        taken.push([x0, y0, x1, y1]);
        return { x: ax, y: ay, anchor, box: [x0, y0, x1, y1] };
      }
    return null;
  });
}

let measurer: CanvasRenderingContext2D | null | undefined;
/** The width of a text in CSS pixels at `font` (a canvas measures it; an estimate without one). */
export function textWidth(text: string, font = '11px system-ui, sans-serif'): number {
  measurer ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * 6.2;
  measurer.font = font;
  return measurer.measureText(text).width;
}
