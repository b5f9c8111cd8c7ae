/**
 * Correction rules 9 and 10, the article as a whole: one sense per article (a name the rules fixed
 * gives its type to its repeats), and lines in capitals keep only the words the body names.
 */
import type { EntityType } from '../../../model/analysis.ts';
import { foldKey, isFunctionWord, isOrgHead, knownOrgForm } from '../../../lexicon/lexicon.ts';
import { LINE_CAPS, lineClass } from '../shapes.ts';
import {
  fold,
  isGazetteerWord,
  lowerSeen,
  place,
  span,
  spanKey,
  spanText,
  words,
  type Ctx,
  type Span,
} from './spans.ts';

/** Tokens in a line of capitals that are never part of a name (scores, dashes, bare numbers). */
const CAPS_DEBRIS = /^[\d.,:;\u2013\u2014-]+$/;
// ---------------------------------------------------------------------------------------------
// 9. one sense per article

/** Rule 9: one sense per article, from the spans the rules are sure of. */
export function propagate(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  const sure = new Map<string, EntityType>();
  const multi: { keys: string[]; type: EntityType }[] = [];
  for (const s of spans) {
    if (!s.sure) continue;
    const ws = words(ctx, s);
    const key = spanKey(ctx, s.from, s.to);
    sure.set(key, s.type);
    if (ws.length > 1 && s.type === 'ORG') {
      // the stem of a company name: "Harbourline" of "Harbourline Logistics"
      let k = ws.length;
      while (k > 1 && isOrgHead(ws[k - 1])) k--;
      if (k < ws.length) {
        const stem = ws.slice(0, k);
        const stemKey = stem.map(foldKey).join(' ');
        if (!sure.has(stemKey) && !stem.some(isGazetteerWord)) sure.set(stemKey, 'ORG');
      }
    }
    if (ws.length > 1 && ws.every((w) => /^\p{Lu}/u.test(w))) multi.push({ keys: ws.map(foldKey), type: s.type });
  }
  if (sure.size === 0) return spans;
  for (const s of spans) {
    if (s.sure) continue;
    const t = sure.get(spanKey(ctx, s.from, s.to));
    if (t) s.type = t;
  }
  // untagged repeats of a multi-word name the rules fixed
  let out = spans;
  if (multi.length) {
    const covered = new Uint8Array(texts.length);
    for (const s of out) covered.fill(1, s.from, s.to);
    for (let i = 0; i < texts.length; i++) {
      if (covered[i] || !/^\p{Lu}/u.test(texts[i])) continue;
      const k0 = fold(ctx, i);
      for (const m of multi) {
        const len = m.keys.length;
        if (m.keys[0] !== k0 || i + len > texts.length) continue;
        let ok = true;
        for (let k = 1; k < len && ok; k++)
          ok = !covered[i + k] && fold(ctx, i + k) === m.keys[k] && ctx.sent[i + k] === ctx.sent[i];
        if (!ok) continue;
        out = place(out, span(i, i + len, m.type, true));
        covered.fill(1, i, i + len);
        break;
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 10. lines in capitals

/**
 * `lineClass(ctx.texts.slice(a, b)) === LINE_CAPS`, answered without classing the line when a token
 * starts with an ASCII lower-case letter (nearly every sentence, within its first words): that token
 * has a letter and a lower-case one, so not every word with letters is in capitals.
 */
export function isCapsLine(texts: string[], a: number, b: number): boolean {
  for (let i = a; i < b; i++) {
    const c = texts[i].charCodeAt(0);
    if (c >= 97 && c <= 122) return false;
  }
  return lineClass(texts.slice(a, b)) === LINE_CAPS;
}

/** Rule 10: a line in capitals keeps only the words the body names or a list knows. */
export function capsLines(ctx: Ctx, spans: Span[]): Span[] {
  const caps = ctx.ranges.map(([a, b]) => isCapsLine(ctx.texts, a, b));
  if (!caps.some(Boolean)) return spans;
  // what the body (text not in capitals) names: whole names, one-word names, surnames of people
  const nameType = new Map<string, EntityType>();
  const surnames = new Set<string>();
  let body = 0;
  for (const s of spans) {
    if (s.from < 0 || caps[ctx.sent[s.from]]) continue;
    body++;
    const ws = words(ctx, s).map(foldKey);
    if (!nameType.has(ws.join(' '))) nameType.set(ws.join(' '), s.type);
    if (s.type === 'PERSON' && ws.length > 1) surnames.add(ws[ws.length - 1]);
  }
  if (body === 0) return spans; // the whole article is in capitals: nothing to check against
  const titled = (w: string) => w.charAt(0) + w.slice(1).toLowerCase();
  const listed = (text: string) => isGazetteerWord(text) || isGazetteerWord(titled(text)) || !!knownOrgForm(text);
  const known = (w: string) => nameType.has(foldKey(w)) || surnames.has(foldKey(w)) || listed(w);
  // an ordinary word: one the body writes in lower case, or a function word
  const ordinary = (w: string) =>
    !known(w) && (lowerSeen(ctx).has(w.toLowerCase()) || isFunctionWord(titled(w)) || CAPS_DEBRIS.test(w));
  const out: Span[] = [];
  for (const s of spans) {
    if (!caps[ctx.sent[s.from]] || s.sure) {
      out.push(s);
      continue;
    }
    let { from, to } = s;
    const whole = ctx.texts.slice(from, to).map(foldKey).join(' ');
    // a name the body or a list knows whole is kept whole ("NEW YORK", "EASTERN DIVISION" named below)
    if (!nameType.has(whole) && !listed(spanText(ctx, from, to))) {
      while (from < to && ordinary(ctx.texts[from])) from++;
      while (to > from && ordinary(ctx.texts[to - 1])) to--;
    }
    if (from >= to) continue;
    const keys = ctx.texts.slice(from, to).map(foldKey);
    const key = keys.join(' ');
    const type = nameType.get(key) ?? (keys.length === 1 && surnames.has(key) ? 'PERSON' : s.type);
    out.push(span(from, to, type, false));
  }
  return out;
}
