/**
 * Pieces the list pages share (events, articles, search): the "1–50 of 392" line with its previous /
 * next links, and text inputs that suggest corpus entities as the reader types.
 */
import { get } from '../api.ts';
import { h, routeParams, thousands } from '../dom.ts';

/** The page number of the address (`page=N`, from 1), and the offset it stands for. */
export function pageOf(size: number): { page: number; offset: number } {
  const n = Number(routeParams().get('page') ?? '1');
  const page = Number.isInteger(n) && n >= 1 ? n : 1;
  return { page, offset: (page - 1) * size };
}

/** The address of another page of the current list (the other parameters kept). */
function pageHref(page: number): string {
  const hash = location.hash || '#/';
  const q = hash.indexOf('?');
  const path = q >= 0 ? hash.slice(0, q) : hash;
  const p = routeParams();
  if (page > 1) p.set('page', String(page));
  else p.delete('page');
  const qs = p.toString();
  return `${path}${qs ? `?${qs}` : ''}`;
}

/** "51–100 of 392 events", with links to the previous and next pages where there are some. */
export function pager(total: number, offset: number, shown: number, size: number, noun: string): HTMLElement {
  const page = Math.floor(offset / size) + 1;
  const last = Math.max(1, Math.ceil(total / size));
  return h(
    'nav',
    { class: 'pager', 'aria-label': 'Pages' },
    h(
      'span',
      { class: 'range' },
      shown ? `${offset + 1}–${offset + shown} of ${thousands(total)} ${noun}` : `0 of ${total} ${noun}`,
    ),
    page > 1 ? h('a', { href: pageHref(page - 1), rel: 'prev' }, '← Previous') : null,
    page < last ? h('a', { href: pageHref(page + 1), rel: 'next' }, 'Next →') : null,
  );
}

interface EntityHit {
  id: string;
  name: string;
  type: string;
}

/**
 * A text input that suggests corpus entities (of `types`, all when empty) matching what is typed,
 * through a datalist; the value stays free text (a name or id the API resolves).
 */
export function entityInput(name: string, value: string, placeholder: string, types = ''): HTMLElement[] {
  const listId = `suggest-${name}`;
  const input = h('input', {
    type: 'text',
    name,
    id: `f-${name}`,
    value,
    placeholder,
    list: listId,
    autocomplete: 'off',
    'aria-label': placeholder,
  });
  const list = h('datalist', { id: listId });
  let timer: ReturnType<typeof setTimeout> | undefined;
  let asked = '';
  const suggest = () => {
    const q = input.value.trim();
    if (q === asked) return;
    asked = q;
    void get<{ entities: EntityHit[] }>('/api/entities', { q, type: types || undefined, limit: 12 })
      .then((res) => {
        if (asked !== q) return;
        list.replaceChildren(...res.entities.map((e) => h('option', { value: e.name }, `${e.name} · ${e.type}`)));
      })
      .catch(() => undefined);
  };
  input.addEventListener('focus', suggest);
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(suggest, 150);
  });
  return [input, list];
}
