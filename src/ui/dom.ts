/**
 * DOM helpers. Every piece of data reaches the page as a text node or an attribute value set
 * through the DOM API: nothing here (or anywhere in the UI) assigns HTML strings, so a hostile
 * article cannot inject markup or script.
 */

type Child = Node | string | number | null | undefined | false;
type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;

/**
 * 12345 → "12,345", without Intl: a page's first `toLocaleString` sets up a locale, 20–30 ms of a
 * fresh page's time to first render (measured in headless Chromium).
 */
export function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Create an HTML element: `h('a', {href: '#/x', class: 'y'}, 'text', child)`. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Create an SVG element. */
export function s(tag: string, attrs: Attrs = {}, ...children: Child[]): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (k === 'href' && typeof v === 'string' && !/^(#|\/|https?:)/.test(v))
      continue; // no javascript: URLs
    else el.setAttribute(k, v === true ? '' : String(v));
  }
}

export function append(el: Node, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' || typeof c === 'number' ? document.createTextNode(String(c)) : c);
  }
}

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** A heading with a count, for side panels. */
export function section(title: string, count: number | null, ...body: Child[]): HTMLElement {
  return h(
    'section',
    { class: 'panel' },
    h('h2', {}, title, count !== null ? h('span', { class: 'count' }, ` ${count}`) : null),
    ...body,
  );
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'muted' }, text);
}

/** Entity colours by type (shared by highlights, graph and map). */
export const TYPE_LABEL: Record<string, string> = {
  PERSON: 'People',
  ORG: 'Organisations',
  GPE: 'Countries & cities',
  LOC: 'Other places',
  NORP: 'Groups & nationalities',
  MISC: 'Other',
};

export function entityHref(id: string): string {
  return `#/entity/${encodeURIComponent(id)}`;
}

export function articleHref(id: number, at?: number): string {
  return `#/article/${id}${at !== undefined ? `?at=${at}` : ''}`;
}

/** Query parameters of the current hash route. */
export function routeParams(): URLSearchParams {
  const q = location.hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? location.hash.slice(q + 1) : '');
}

/** The named parameters of a route, '' where absent: a page's filter values. */
export function filterParams<K extends string>(p: URLSearchParams, ...keys: K[]): Record<K, string> {
  return Object.fromEntries(keys.map((k) => [k, p.get(k) ?? ''])) as Record<K, string>;
}

export function setRouteParams(path: string, params: Record<string, string | undefined>): void {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  const qs = p.toString();
  location.hash = `${path}${qs ? `?${qs}` : ''}`;
}
