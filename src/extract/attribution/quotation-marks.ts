/**
 * Quotation marks: every mark classified as opening, closing or an apostrophe from its neighbours
 * ("Starmer‘s", "I’ve", "’90s", "rock ‘n’ roll" are apostrophes; '' typed for a double mark is one
 * mark), then the marks of one style (double, single, guillemets) paired within a paragraph; a
 * quotation left open at the end of a paragraph runs on into the next one (news convention: the
 * next paragraph opens with a mark again, or closes the quotation). The quote stage reads the
 * quotations found here.
 */
import type { Doc } from '../../model/doc.ts';
import { alternation } from '../../lexicon/load.ts';
import { paragraphsOf, type Span } from './spans.ts';

/** Apostrophe words that begin with a mark typeset like an opening quote ('s, 'n', 'em, '90s). */
const ELISION_AFTER_MARK = new RegExp(
  `^(?:${alternation('quotations', 'elisions')})(?![\\p{L}\\p{N}])|^\\d\\d(?:s|\\b)`,
  'iu',
);

/** Characters after which an opening mark may stand (start, space, bracket, dash, other mark). */
const OPEN_CONTEXT = /[\s([{—–\-/“‘"'«]/;

/** The style of a quotation mark: marks pair only with marks of their style. */
type Style = 'double' | 'single' | 'guillemet';
/** What a mark may do: open, close, or either (a straight " between words). */
type Role = 'open' | 'close' | 'either';

/** A classified quotation mark. */
interface Mark {
  /** The mark's character next to the quoted words. */
  pos: number;
  /** Its far edge: the first character of an opening doubled mark (''), the last of a closing one. */
  outer: number;
  style: Style;
  role: Role;
  /** A closing candidate that may be a plural possessive ("the workers’ union"). */
  possessive: boolean;
}

/** A quotation found by pairing marks, before it is classed and attributed. */
export interface RawQuote {
  /** Content start/end (inside the marks). */
  start: number;
  end: number;
  /** Offsets of the marks themselves. */
  open: number;
  close: number | null;
  /** Index of the quote this one continues (a new paragraph of the same quotation). */
  continues: number | null;
}

/** Whether a character is a letter or digit. */
const isLetter = (c: string | undefined) => !!c && /[\p{L}\p{N}]/u.test(c);

/** Classifies one quotation-mark character, or returns null for an apostrophe or stray mark. */
function classify(text: string, i: number): Mark | null {
  const c = text[i];
  const prev = i > 0 ? text[i - 1] : '\n';
  const next = i + 1 < text.length ? text[i + 1] : '\n';
  const prevOpen = OPEN_CONTEXT.test(prev);
  const nextSpace = /\s/.test(next) || next === '\n';
  if (c === '“' || c === '„') return { pos: i, outer: i, style: 'double', role: 'open', possessive: false };
  if (c === '”') return { pos: i, outer: i, style: 'double', role: 'close', possessive: false };
  if (c === '«') return { pos: i, outer: i, style: 'guillemet', role: 'open', possessive: false };
  if (c === '»') return { pos: i, outer: i, style: 'guillemet', role: 'close', possessive: false };
  if (c === '"') {
    if (prevOpen && !nextSpace) return { pos: i, outer: i, style: 'double', role: 'open', possessive: false };
    if (!prevOpen && (nextSpace || /[\p{P}]/u.test(next)))
      return { pos: i, outer: i, style: 'double', role: 'close', possessive: false };
    return { pos: i, outer: i, style: 'double', role: 'either', possessive: false };
  }
  // Single marks: ‘ ’ ' ‛
  if (isLetter(prev) && isLetter(next)) return null; // I’ve, Assad’s, Starmer‘s
  if (prevOpen && !nextSpace) {
    if (ELISION_AFTER_MARK.test(text.slice(i + 1, i + 6))) return null; // Starmer ‘s, ’90s, ‘n’
    if (c === '’' && /\d/.test(next)) return null;
    return { pos: i, outer: i, style: 'single', role: 'open', possessive: false };
  }
  if (!prevOpen && (nextSpace || /[\p{P}]/u.test(next))) {
    // A closing mark after "s" followed by a lower-case word may be a plural possessive.
    const possessive = /[sS]/.test(prev) && /^\s+[\p{Ll}]/u.test(text.slice(i + 1, i + 4));
    if (prev === 'n' && /^\s+(?:roll|run)/.test(text.slice(i + 1, i + 8))) return null;
    return { pos: i, outer: i, style: 'single', role: 'close', possessive };
  }
  return null;
}

/**
 * A double quotation mark typed as two characters, '' or `` (typewriter and wire-service style:
 * ''We are done,'' she said): one double mark, opening before a word, closing after one.
 */
function doubledMark(text: string, i: number): Mark | null {
  const c = text[i];
  if ((c !== "'" && c !== '`') || text[i + 1] !== c || text[i + 2] === c) return null;
  const prev = i > 0 ? text[i - 1] : '\n';
  const next = i + 2 < text.length ? text[i + 2] : '\n';
  const opens = OPEN_CONTEXT.test(prev) && !/\s/.test(next);
  if (opens) return { pos: i + 1, outer: i, style: 'double', role: 'open', possessive: false };
  if (c === "'" && !OPEN_CONTEXT.test(prev))
    return { pos: i, outer: i + 1, style: 'double', role: 'close', possessive: false };
  return null;
}

/** All quotation marks of the Doc, classified, in text order. */
function findMarks(text: string, from: number, to: number): Mark[] {
  const out: Mark[] = [];
  const re = /[“”„"«»‘’'‛]/g;
  re.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < to) {
    const doubled = doubledMark(text, m.index);
    if (doubled) {
      out.push(doubled);
      re.lastIndex = m.index + 2;
      continue;
    }
    const mk = classify(text, m.index);
    if (mk) out.push(mk);
  }
  return out;
}

/** A quotation left open at the end of a paragraph: its opening mark and the paragraph's end. */
interface Carry {
  open: number;
  outer: number;
  paraEnd: number;
  continues: number | null;
}

/** A quotation left open that ended with its paragraph (news style: the next did not carry it on). */
function endedWithParagraph(c: Carry): RawQuote {
  return { start: c.open + 1, end: c.paraEnd, open: c.outer, close: null, continues: c.continues };
}

/** Pairs the marks of one style across paragraphs into quotations (content spans). */
function pairStyle(doc: Doc, paragraphs: Span[], style: Style): RawQuote[] {
  const text = doc.text;
  const out: RawQuote[] = [];
  /** A quotation left open at the end of the previous paragraph. */
  let carry: Carry | null = null;
  for (const p of paragraphs) {
    const marks = findMarks(text, p.start, p.end).filter((m) => m.style === style);
    let open: { pos: number; outer: number; continues: number | null } | null = null;
    let firstMark = true;
    for (let k = 0; k < marks.length; k++) {
      const mk = marks[k];
      const atParaStart = mk.pos === p.start;
      if (open === null && carry && firstMark) {
        firstMark = false;
        if (mk.role !== 'open' && !(mk.role === 'either' && atParaStart)) {
          // The previous paragraph's quotation closes here: one quote spanning both.
          out.push({
            start: carry.open + 1,
            end: mk.pos,
            open: carry.outer,
            close: mk.outer,
            continues: carry.continues,
          });
          carry = null;
          continue;
        }
        // A new opening mark: the previous paragraph's quotation ends with its paragraph.
        out.push(endedWithParagraph(carry));
        const idx = out.length - 1;
        carry = null;
        open = { pos: mk.pos, outer: mk.outer, continues: atParaStart ? idx : null };
        continue;
      }
      firstMark = false;
      if (open === null) {
        if (mk.role === 'open' || mk.role === 'either') open = { pos: mk.pos, outer: mk.outer, continues: null };
        continue;
      }
      if (mk.role === 'close' || mk.role === 'either') {
        if (mk.possessive && marks.slice(k + 1).some((m2) => m2.role !== 'open')) continue;
        out.push({ start: open.pos + 1, end: mk.pos, open: open.outer, close: mk.outer, continues: open.continues });
        open = null;
      } else {
        // Two opening marks in a row: the first was unbalanced; start over from this one.
        open = { pos: mk.pos, outer: mk.outer, continues: null };
      }
    }
    if (carry) {
      // The paragraph after an unclosed quotation had no mark: the quotation ended with its paragraph.
      out.push(endedWithParagraph(carry));
      carry = null;
    }
    if (open) carry = { open: open.pos, outer: open.outer, paraEnd: p.end, continues: open.continues };
  }
  if (carry) out.push(endedWithParagraph(carry));
  return out;
}

/** Finds quotations of every style and drops those nested inside another. */
export function findQuotations(doc: Doc): RawQuote[] {
  const paragraphs = paragraphsOf(doc);
  const all: RawQuote[] = [];
  for (const style of ['double', 'single', 'guillemet'] as Style[]) {
    const qs = pairStyle(doc, paragraphs, style);
    const base = all.length;
    for (const q of qs) all.push({ ...q, continues: q.continues === null ? null : q.continues + base });
  }
  // Nested: another quotation opens before this one and reaches past its opening and its end. The
  // one reaching furthest of those opening before it decides (a walk in order of opening).
  const keep = all.map(() => true);
  const byOpen = all.map((_, i) => i).sort((a, b) => all[a].open - all[b].open);
  let reach = -Infinity;
  for (let k = 0, j = 0; k < byOpen.length; k = j) {
    while (j < byOpen.length && all[byOpen[j]].open === all[byOpen[k]].open) j++;
    for (let i = k; i < j; i++) keep[byOpen[i]] = !(reach > all[byOpen[i]].open && reach >= all[byOpen[i]].end);
    for (let i = k; i < j; i++) reach = Math.max(reach, all[byOpen[i]].close ?? all[byOpen[i]].end);
  }
  const index = new Map<number, number>();
  const out: RawQuote[] = [];
  all.forEach((q, i) => {
    if (keep[i]) {
      index.set(i, out.length);
      out.push(q);
    }
  });
  for (const q of out) q.continues = q.continues === null ? null : (index.get(q.continues) ?? null);
  // Text order, keeping continuation links.
  const order = out.map((_, i) => i).sort((a, b) => out[a].start - out[b].start);
  const pos = new Map(order.map((o, i) => [o, i]));
  return order.map((o) => ({
    ...out[o],
    continues: out[o].continues === null ? null : (pos.get(out[o].continues!) ?? null),
  }));
}
