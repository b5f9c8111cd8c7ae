/**
 * Markup clean-up before parsing, on the raw string: runaway nesting flattened and internal DTD
 * subsets dropped.
 *
 * Readability and linkedom walk the tree recursively and read `textContent` per candidate, so a
 * page of `<div>` inside `<div>` thousands deep costs time growing with the cube of its depth
 * and overflows the stack at about 10,000. Real pages nest a few dozen levels; `capNesting` keeps
 * the first MAX_NESTING (100) levels and drops the start and end tags of elements nested deeper, keeping
 * everything between them (text, inline markup), so the text survives and the tree stays shallow.
 */
import { wordSet } from '../../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';

/** Deepest element nesting kept: beyond real pages (a few dozen levels), cheap for Readability. */
export const MAX_NESTING = 100;
/** Elements that never have content or an end tag: they never nest. */
const VOID_TAGS = wordSet(MARKUP, 'voidTags');
/** Elements a parser closes by itself when a sibling starts (`<p>`, `<li>`, `<td>`): not counted. */
const OPTIONAL_END_TAGS = wordSet(MARKUP, 'optionalEndTags');
/** A start or end tag (a `<` or `>` inside an attribute value cuts it short: harmless for counting). */
const TAG = /<(\/?)([a-zA-Z][\w:.-]*)([^<>]*)>/g;
/** An internal DTD subset (`<!DOCTYPE x [ <!ENTITY …> ]>`): never text, and its entities are not expanded. */
const DTD_SUBSET = /<!DOCTYPE([^[>]*)\[[\s\S]*?\]\s*>/i;

/** The page without its internal DTD subset (`<!DOCTYPE x [...]>` becomes `<!DOCTYPE x>`; a page has one). */
export function stripDtdSubset(html: string): string {
  return html.includes('[') ? html.replace(DTD_SUBSET, (_, name: string) => `<!DOCTYPE${name.trimEnd()}>`) : html;
}

/**
 * The page with elements nested deeper than `max` levels unwrapped: their start and end tags are
 * dropped, their content kept. Elements with optional end tags and void elements are not counted
 * (a parser closes them by itself); an end tag closes the innermost open element of its name and
 * everything opened inside it. Linear: each open element is pushed and popped once. Returns the
 * page unchanged when nothing nests that deep.
 */
export function capNesting(html: string, max = MAX_NESTING): string {
  // Nesting deeper than `max` takes more than `max` start tags of three characters or more.
  if (html.length <= max * 3) return html;
  // Open elements: tag name and whether its tags were dropped; open counts by name.
  const names: string[] = [];
  const dropped: boolean[] = [];
  const openCount = new Map<string, number>();
  const parts: string[] = [];
  let last = 0;
  let changed = false;
  const drop = (start: number, end: number) => {
    parts.push(html.slice(last, start));
    last = end;
    changed = true;
  };
  for (const m of html.matchAll(TAG)) {
    const name = m[2]!.toLowerCase();
    if (VOID_TAGS.has(name) || OPTIONAL_END_TAGS.has(name)) continue;
    const start = m.index!;
    const end = start + m[0].length;
    if (m[1]) {
      // An end tag: close the innermost open element of this name (unmatched ones pass through).
      if (!openCount.get(name)) continue;
      for (;;) {
        const top = names.pop()!;
        const wasDropped = dropped.pop()!;
        openCount.set(top, openCount.get(top)! - 1);
        if (top === name) {
          if (wasDropped) drop(start, end);
          break;
        }
      }
    } else if (!m[3]!.trimEnd().endsWith('/')) {
      const deep = names.length >= max;
      names.push(name);
      dropped.push(deep);
      openCount.set(name, (openCount.get(name) ?? 0) + 1);
      if (deep) drop(start, end);
    }
  }
  if (!changed) return html;
  parts.push(html.slice(last));
  return parts.join('');
}
