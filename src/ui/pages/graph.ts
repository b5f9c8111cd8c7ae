/** Network of people, organisations and places: co-occurrence and relations, filterable by type and date. */
import { get } from '../api.ts';
import { springLayout } from '../charts.ts';
import { TYPE_LABEL, empty, entityHref, h, routeParams, s, setRouteParams } from '../dom.ts';

interface GraphData {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: Array<{ source: string; target: string; kind: string; weight: number }>;
}

const WIDTH = 960;
const HEIGHT = 620;
/** Types drawn by default: the actors of news. */
const DEFAULT_TYPES = ['PERSON', 'ORG', 'GPE', 'LOC'];
/** Labels drawn for this many of the heaviest nodes (all labels would overlap). */
const LABELLED = 40;

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
  root.replaceChildren(h('h1', {}, 'Network'), form, stage);
  const data = await get<GraphData>('/api/graph', { type: types.join(','), since, until, limit });
  if (!data.nodes.length) {
    stage.appendChild(empty('No entities match these filters.'));
    return;
  }
  stage.appendChild(drawGraph(data));
}

export function drawGraph(data: GraphData): SVGElement {
  const index = new Map(data.nodes.map((n, i) => [n.id, i]));
  const maxW = Math.max(1, ...data.nodes.map((n) => n.weight));
  const radii = data.nodes.map((n) => 4 + 14 * Math.sqrt(n.weight / maxW));
  const edges = data.edges
    .filter((e) => index.has(e.source) && index.has(e.target))
    .map((e) => [index.get(e.source)!, index.get(e.target)!, e.weight] as [number, number, number]);
  const pos = springLayout(
    data.nodes.map((n) => n.id),
    radii,
    edges,
    WIDTH,
    HEIGHT,
  );
  const maxE = Math.max(1, ...edges.map((e) => e[2]));
  const svg = s('svg', {
    viewBox: `0 0 ${WIDTH} ${HEIGHT}`,
    class: 'graph',
    role: 'img',
    'aria-label': `Network of ${data.nodes.length} entities`,
  });
  const eg = s('g', { class: 'edges' });
  data.edges.forEach((e) => {
    const a = index.get(e.source);
    const b = index.get(e.target);
    if (a === undefined || b === undefined) return;
    eg.appendChild(
      s(
        'line',
        {
          x1: pos[a]!.x.toFixed(1),
          y1: pos[a]!.y.toFixed(1),
          x2: pos[b]!.x.toFixed(1),
          y2: pos[b]!.y.toFixed(1),
          class: e.kind === 'co-occurrence' ? 'edge' : 'edge rel',
          'stroke-width': (0.5 + (2.5 * e.weight) / maxE).toFixed(2),
        },
        s('title', {}, `${data.nodes[a]!.label} — ${data.nodes[b]!.label}: ${e.kind} (${e.weight})`),
      ),
    );
  });
  svg.appendChild(eg);
  const ng = s('g', { class: 'nodes' });
  const order = data.nodes.map((_, i) => i).sort((x, y) => data.nodes[y]!.weight - data.nodes[x]!.weight);
  const labelled = new Set(order.slice(0, LABELLED));
  data.nodes.forEach((n, i) => {
    const p = pos[i]!;
    const a = s('a', {
      href: entityHref(n.id),
      class: `node sw-${n.type}`,
      'aria-label': `${n.label} (${n.type}, ${n.weight} articles)`,
    });
    a.appendChild(
      s(
        'circle',
        { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radii[i]!.toFixed(1), class: 'dot' },
        s('title', {}, `${n.label} · ${n.type} · ${n.weight} articles`),
      ),
    );
    if (labelled.has(i))
      a.appendChild(
        s('text', { x: (p.x + radii[i]! + 3).toFixed(1), y: (p.y + 4).toFixed(1), class: 'label' }, n.label),
      );
    ng.appendChild(a);
  });
  svg.appendChild(ng);
  return svg;
}
