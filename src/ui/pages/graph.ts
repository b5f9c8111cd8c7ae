/**
 * Network of people, organisations and places: entities linked where articles name them in one
 * sentence or as parties of one event (thicker: more often), and by extracted relations. Zoom and
 * pan (wheel, drag, pinch, buttons); find a node by name; tap, click or Tab to a node to focus it
 * and its neighbours, with its links listed beside. Labels go where they overlap nothing; the
 * others show on focus.
 */
import { get } from '../api.ts';
import { springLayout } from '../charts.ts';
import { TYPE_LABEL, clear, empty, entityHref, h, routeParams, s, setRouteParams } from '../dom.ts';
import type { GraphEdge } from '../../corpus/graph.ts';
import { panZoom, placeLabels, textWidth, type View } from '../viewport.ts';

interface GraphData {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: GraphEdge[];
}

/** Types drawn by default: the actors of news. */
const DEFAULT_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC'];
const MAX_ZOOM = 12;
const LABEL_FONT = '11px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif';

export async function graphPage(root: HTMLElement): Promise<void> {
  const p = routeParams();
  const types = (p.get('type') ?? DEFAULT_TYPES.join(',')).split(',').filter(Boolean);
  const since = p.get('since') ?? '';
  const until = p.get('until') ?? '';
  const limit = p.get('limit') ?? '80';

  const boxes = Object.keys(TYPE_LABEL).map((t) =>
    h(
      'label',
      { class: `toggle sw-${t}` },
      h('input', { type: 'checkbox', name: 'type', value: t, checked: types.includes(t) }),
      h('span', { class: 'swatch' }),
      TYPE_LABEL[t]!,
    ),
  );
  const sinceIn = h('input', { type: 'date', name: 'since', value: since, 'aria-label': 'Since' });
  const untilIn = h('input', { type: 'date', name: 'until', value: until, 'aria-label': 'Until' });
  const limitIn = h('input', {
    type: 'number',
    name: 'limit',
    min: 5,
    max: 300,
    value: limit,
    'aria-label': 'Nodes',
    class: 'narrow',
  });
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Graph filters' },
    ...boxes,
    h('label', {}, 'Since ', sinceIn),
    h('label', {}, 'Until ', untilIn),
    h('label', {}, 'Nodes ', limitIn),
    h('button', { type: 'submit' }, 'Apply'),
  );
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const chosen = boxes
      .map((b) => b.querySelector('input')!)
      .filter((i) => i.checked)
      .map((i) => i.value);
    setRouteParams('#/graph', {
      type: chosen.join(','),
      since: sinceIn.value,
      until: untilIn.value,
      limit: limitIn.value,
    });
  });

  const stage = h('div', { class: 'graph-stage' });
  const panel = h(
    'div',
    { class: 'panel graph-panel', 'aria-live': 'polite' },
    empty('Tap or click a node (or Tab to it) to focus it and its neighbours.'),
  );
  root.replaceChildren(h('h1', {}, 'Network'), form, h('div', { class: 'graph-row' }, stage, panel));
  const data = await get<GraphData>('/api/graph', { type: types.join(','), since, until, limit });
  if (!data.nodes.length) {
    stage.appendChild(empty('No entities match these filters.'));
    return;
  }
  const W = Math.max(300, stage.clientWidth || 960);
  const H = Math.round(Math.min(640, Math.max(380, W * 0.65)));
  const g = drawGraph(data, W, H, panel);
  stage.append(g.tools, g.svg, edgeLegend());
  const wanted = p.get('focus');
  if (wanted) g.focus(wanted);
}

function edgeLegend(): HTMLElement {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Network legend' },
    h(
      'li',
      {},
      h('span', { class: 'key key-edge', 'aria-hidden': 'true' }),
      'named in one sentence or one event; thicker: more often',
    ),
    h(
      'li',
      {},
      h('span', { class: 'key key-rel', 'aria-hidden': 'true' }),
      'a relation the articles state (role, membership…)',
    ),
    h(
      'li',
      {},
      h('span', { class: 'key key-node', 'aria-hidden': 'true' }),
      'bigger: named in more articles; colour: type (above)',
    ),
  );
}

const edgeText = (e: GraphEdge) =>
  e.kind === 'co-occurrence'
    ? [
        e.sentences ? `${e.sentences} sentence${e.sentences === 1 ? '' : 's'}` : '',
        e.events ? `${e.events} event${e.events === 1 ? '' : 's'}` : '',
      ]
        .filter(Boolean)
        .join(', ') + (e.articles ? ` in ${e.articles} article${e.articles === 1 ? '' : 's'}` : '')
    : `${e.kind.replace(/_/g, ' ')} (${e.weight})`;

/** The drawing, its tools (find, zoom) and `focus(id)`. */
export function drawGraph(
  data: GraphData,
  W: number,
  H: number,
  panel: HTMLElement,
): { svg: SVGSVGElement; tools: HTMLElement; focus(id: string): void } {
  const index = new Map(data.nodes.map((n, i) => [n.id, i]));
  const maxW = Math.max(1, ...data.nodes.map((n) => n.weight));
  const radii = data.nodes.map((n) => 4 + 12 * Math.sqrt(n.weight / maxW));
  const edges = data.edges.filter((e) => index.has(e.source) && index.has(e.target) && e.source !== e.target);
  const pos = springLayout(
    data.nodes.map((n) => n.id),
    radii,
    edges.map((e) => [index.get(e.source)!, index.get(e.target)!, e.weight] as [number, number, number]),
    W,
    H,
  );
  fill(pos, W, H);
  const maxE = Math.max(1, ...edges.map((e) => e.weight));
  const neighbours = data.nodes.map(() => [] as Array<{ other: number; edge: GraphEdge }>);
  const svg = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'graph',
    role: 'group',
    'aria-label': `Network of ${data.nodes.length} entities and ${edges.length} links`,
  }) as SVGSVGElement;
  const eg = s('g', { class: 'edges' });
  const edgeEls = edges.map((e) => {
    const [a, b] = [index.get(e.source)!, index.get(e.target)!];
    neighbours[a]!.push({ other: b, edge: e });
    neighbours[b]!.push({ other: a, edge: e });
    const line = s(
      'line',
      {
        x1: pos[a]!.x.toFixed(1),
        y1: pos[a]!.y.toFixed(1),
        x2: pos[b]!.x.toFixed(1),
        y2: pos[b]!.y.toFixed(1),
        class: e.kind === 'co-occurrence' ? 'edge' : 'edge rel',
        'stroke-width': (0.6 + (3 * e.weight) / maxE).toFixed(2),
        'vector-effect': 'non-scaling-stroke',
      },
      s('title', {}, `${data.nodes[a]!.label} — ${data.nodes[b]!.label}: ${edgeText(e)}`),
    );
    eg.appendChild(line);
    return { line, a, b };
  });
  svg.appendChild(eg);
  const ng = s('g', { class: 'nodes' });
  const circles: SVGElement[] = [];
  const nodeEls = data.nodes.map((n, i) => {
    const links = neighbours[i]!.length;
    const el = s('g', {
      class: `node sw-${n.type}`,
      tabindex: 0,
      role: 'button',
      'data-id': n.id,
      'aria-label': `${n.label}: ${TYPE_LABEL[n.type] ?? n.type}, ${n.weight} articles, ${links} links`,
    });
    const c = s('circle', { cx: pos[i]!.x.toFixed(1), cy: pos[i]!.y.toFixed(1), r: radii[i]!, class: 'dot' });
    c.appendChild(s('title', {}, `${n.label} · ${n.type} · ${n.weight} articles`));
    el.appendChild(c);
    circles.push(c);
    el.addEventListener('click', () => focus(i));
    el.addEventListener('keydown', (ev) => {
      const k = (ev as KeyboardEvent).key;
      if (k === 'Enter' || k === ' ') {
        ev.preventDefault();
        focus(i);
      }
    });
    ng.appendChild(el);
    return el;
  });
  svg.appendChild(ng);
  const lg = s('g', { class: 'labels', 'aria-hidden': 'true' });
  svg.appendChild(lg);
  const widths = data.nodes.map((n) => textWidth(n.label, LABEL_FONT));
  let focused: number | null = null;

  /** Labels for the nodes in view, most important first: the focused node, its neighbours, the heaviest. */
  const label = (v: View) => {
    clear(lg);
    const near = new Set(focused === null ? [] : [focused, ...neighbours[focused]!.map((x) => x.other)]);
    const order = data.nodes
      .map((_, i) => i)
      .filter((i) => {
        const x = (pos[i]!.x - v.x) * v.k;
        const y = (pos[i]!.y - v.y) * v.k;
        return x >= 0 && y >= 0 && x <= W && y <= H && (focused === null || near.has(i));
      })
      .sort((a, b) => (a === focused ? -1 : b === focused ? 1 : data.nodes[b]!.weight - data.nodes[a]!.weight));
    const placed = placeLabels(
      order.map((i) => ({
        x: (pos[i]!.x - v.x) * v.k,
        y: (pos[i]!.y - v.y) * v.k,
        r: radii[i]!,
        width: widths[i]!,
        height: 13,
      })),
      { width: W, height: H },
    );
    placed.forEach((at, j) => {
      if (!at) return;
      const i = order[j]!;
      lg.appendChild(
        s(
          'text',
          {
            x: (v.x + at.x / v.k).toFixed(2),
            y: (v.y + at.y / v.k).toFixed(2),
            'text-anchor': at.anchor,
            'font-size': (11 / v.k).toFixed(3),
            'stroke-width': (3 / v.k).toFixed(3),
            class: `label${near.has(i) ? ' hl' : ''}`,
            'data-id': data.nodes[i]!.id,
          },
          data.nodes[i]!.label,
        ),
      );
    });
  };
  const onView = (v: View) => {
    circles.forEach((c, i) => c.setAttribute('r', (radii[i]! / v.k).toFixed(3)));
    label(v);
  };
  const zoom = panZoom(svg, W, H, MAX_ZOOM, onView);

  const focus = (i: number | null) => {
    focused = i;
    svg.classList.toggle('focused', i !== null);
    const near = new Set(i === null ? [] : [i, ...neighbours[i]!.map((x) => x.other)]);
    nodeEls.forEach((el, j) => el.classList.toggle('hl', near.has(j)));
    nodeEls.forEach((el, j) => el.classList.toggle('current', j === i));
    for (const e of edgeEls) e.line.classList.toggle('hl', i !== null && (e.a === i || e.b === i));
    label(zoom.view);
    if (i === null) {
      panel.replaceChildren(empty('Tap or click a node (or Tab to it) to focus it and its neighbours.'));
      return;
    }
    // a node chosen from the list of links comes into view
    const v = zoom.view;
    const [x, y] = [(pos[i]!.x - v.x) * v.k, (pos[i]!.y - v.y) * v.k];
    if (x < 0 || y < 0 || x > W || y > H) zoom.centreOn(pos[i]!.x, pos[i]!.y);
    showNode(panel, data, i, neighbours[i]!, focus);
  };

  // Find a node by name: the first whose name starts with, then contains, the words typed.
  const listId = `graph-names-${Math.random().toString(36).slice(2, 8)}`;
  const find = h('input', {
    type: 'search',
    name: 'find',
    list: listId,
    placeholder: 'find a name',
    'aria-label': 'Find a node',
  });
  const findForm = h(
    'form',
    { class: 'graph-find', role: 'search' },
    find,
    h('datalist', { id: listId }, ...data.nodes.map((n) => h('option', { value: n.label }))),
    h('button', { type: 'submit' }, 'Find'),
  );
  const status = h('span', { class: 'muted', role: 'status' });
  findForm.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const q = find.value.trim().toLowerCase();
    if (!q) return focus(null);
    const hit =
      data.nodes.findIndex((n) => n.label.toLowerCase() === q) + 1 ||
      data.nodes.findIndex((n) => n.label.toLowerCase().startsWith(q)) + 1 ||
      data.nodes.findIndex((n) => n.label.toLowerCase().includes(q)) + 1;
    status.textContent = hit ? '' : `No node is named “${find.value.trim()}” in this drawing.`;
    if (!hit) return;
    zoom.centreOn(pos[hit - 1]!.x, pos[hit - 1]!.y, Math.max(zoom.view.k, 2));
    focus(hit - 1);
    nodeEls[hit - 1]!.focus();
  });
  onView(zoom.view);
  return {
    svg,
    tools: h('div', { class: 'graph-tools' }, findForm, status, zoom.controls('Network zoom')),
    focus(id: string) {
      const i = index.get(id);
      if (i !== undefined) focus(i);
    },
  };
}

/** Room kept around the drawing for the labels at its edges. */
const MARGIN = { x: 70, y: 24 };

/**
 * Stretch a layout to fill the drawing (the springs settle in its middle): each axis scaled to the
 * room there is, at most 2.5 times, so that crowded middles spread out and labels find room.
 */
function fill(pos: Array<{ x: number; y: number }>, W: number, H: number): void {
  if (pos.length < 2) return;
  const xs = pos.map((p) => p.x);
  const ys = pos.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const kx = Math.min(2.5, (W - 2 * MARGIN.x) / Math.max(1, x1 - x0));
  const ky = Math.min(2.5, (H - 2 * MARGIN.y) / Math.max(1, y1 - y0));
  for (const p of pos) {
    p.x = W / 2 + (p.x - (x0 + x1) / 2) * kx;
    p.y = H / 2 + (p.y - (y0 + y1) / 2) * ky;
  }
}

/** The focused node: its page, its type and articles, and its links, strongest first, each a focus. */
function showNode(
  panel: HTMLElement,
  data: GraphData,
  i: number,
  links: Array<{ other: number; edge: GraphEdge }>,
  focus: (i: number | null) => void,
): void {
  const n = data.nodes[i]!;
  const unfocus = h('button', { type: 'button', class: 'link' }, 'Show all');
  unfocus.addEventListener('click', () => focus(null));
  const sorted = [...links].sort((a, b) => b.edge.weight - a.edge.weight);
  panel.replaceChildren(
    h('h2', { class: `sw-${n.type}` }, h('span', { class: 'swatch' }), n.label),
    h(
      'p',
      { class: 'meta' },
      `${TYPE_LABEL[n.type] ?? n.type} · named in ${n.weight} article${n.weight === 1 ? '' : 's'}`,
    ),
    h('p', {}, h('a', { href: entityHref(n.id), class: 'open-entity' }, `Open ${n.label}`), ' · ', unfocus),
    h('h3', {}, `${links.length} link${links.length === 1 ? '' : 's'}`),
    h(
      'ul',
      { class: 'plain links' },
      ...sorted.map(({ other, edge }) => {
        const b = h('button', { type: 'button', class: 'link' }, data.nodes[other]!.label);
        b.addEventListener('click', () => focus(other));
        return h(
          'li',
          { class: `sw-${data.nodes[other]!.type}` },
          h('span', { class: 'swatch' }),
          b,
          h('span', { class: 'muted' }, ` · ${edgeText(edge)}`),
        );
      }),
    ),
  );
}
