/**
 * Role phrases: the titles the text gives a person ("Foreign Secretary", "chief executive",
 * "National Security Adviser") and the patterns that bind them to a name:
 *
 *   ROLE NAME            "Syrian Foreign Minister Asaad al-Shaibani"
 *   NAME, (the) ROLE     "Jane Doe, the chief executive of Acme,"
 *   (X's) ROLE, NAME     "the Prime Minister's chief of staff, John Smith"
 *   NOMINAL of NAME      "the presidency of Ahmed al-Sharaa" → "president"
 *
 * A role phrase is modifiers followed by a head (lexicons in `data/lexicons/roles.json`). These
 * helpers read plain text around a mention; the entity stage decides which mention they bind to.
 */
import {
  isRoleHead,
  isRoleModifier,
  roleCompoundsEndingIn,
  roleOfNominalisation,
  nominalisationList,
} from './lexicon.ts';
import { alternation, escapeRegExp, wordSet } from './load.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;
/** Lower-case letters only. */
const ALL_LOWER = /^\p{Ll}+$/u;

/** Words that may sit inside a compound title but never at its edges ("Minister for Women"). */
const ROLE_INNER_CONNECTORS = new Set(['of', 'for', 'and', 'the']);
/** Qualifiers kept in front of a role in an appositive ("a former minister"): roles.json `qualifiers`. */
const ROLE_QUALIFIERS = wordSet('roles', 'qualifiers');
/** The longest role phrase considered, in words ("Minister for Women and Equalities" is 5). */
const MAX_ROLE_WORDS = 6;
/** A word of a role phrase: letters with inner hyphens or apostrophes. */
const WORD = /[\p{L}][\p{L}\p{N}'’-]*/gu;
/** Unlisted lower-case words allowed before a lower-case role head in an appositive ("club treasurer"). */
const MAX_FREE_MODIFIERS = 2;
/** What may come right before an appositive role phrase: an article, a possessive, or nothing. */
const ROLE_DETERMINER = new RegExp(`^(?:${alternation('roles', 'appositiveDeterminers')})$`, 'i');
/**
 * Where an appositive role phrase after a name ends: punctuation, or a word that starts what follows
 * the role ("X, chief executive of Acme", "X, spokesman, said"; roles.json `appositiveStops`).
 */
const APPOSITIVE_END = new RegExp(
  `[,.;:()\\u2013\\u2014"“”‘’]|\\s(?:${alternation('roles', 'appositiveStops')})\\b`,
  'u',
);

/** A role read from the text, and the span of its words in the document. */
export interface RoleMatch {
  role: string;
  start: number;
  end: number;
}

/** A word of a role phrase and where it stands in the document. */
export interface RoleWord {
  text: string;
  start: number;
  end: number;
}

/** The words of `text` (WORD matches), with offsets from `offset`: what role phrases are read from. */
export function roleWords(text: string, offset = 0): RoleWord[] {
  // an exec loop on the shared pattern (it never matches empty, and nothing runs it in between):
  // what `matchAll` gives, without its iterator, its copy of the pattern and the spread array
  const out: RoleWord[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text))
    out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  return out;
}

/** Whether every word of a capitalised title is capitalised (connectors excepted). */
function titleCased(ws: RoleWord[]): boolean {
  return ws.every((w) => ROLE_INNER_CONNECTORS.has(w.text) || CAPITALISED.test(w.text));
}

/**
 * Whether `ws` as a whole is a role phrase: a listed compound, or modifiers then a head, with
 * connectors only inside. Capitalisation must be consistent: a capitalised head takes capitalised
 * modifiers, so "the local Foreign Office" does not yield "local Foreign ...".
 */
export function isRolePhrase(ws: string[]): boolean {
  if (ws.length === 0) return false;
  const lc = ws.map((w) => w.toLowerCase());
  if (ROLE_INNER_CONNECTORS.has(lc[0]) || ROLE_INNER_CONNECTORS.has(lc[lc.length - 1])) return false;
  // strip qualifiers at the front ("former")
  let from = 0;
  while (from < lc.length - 1 && ROLE_QUALIFIERS.has(lc[from])) from++;
  const core = lc.slice(from);
  // only compounds ending in the phrase's last word can match its end (same order as the full list)
  for (const comp of roleCompoundsEndingIn(core[core.length - 1])) {
    if (core.length >= comp.length && comp.every((w, i) => core[core.length - comp.length + i] === w)) {
      return core.slice(0, core.length - comp.length).every((w) => isRoleModifier(w));
    }
  }
  const head = core[core.length - 1];
  if (!isRoleHead(head)) return false;
  const headCap = CAPITALISED.test(ws[ws.length - 1]);
  for (let i = from; i < ws.length - 1; i++) {
    if (!isRoleModifier(lc[i]) && !isRoleHead(lc[i])) return false;
    if (headCap && !ROLE_INNER_CONNECTORS.has(lc[i]) && !CAPITALISED.test(ws[i])) return false;
  }
  return true;
}

/**
 * The role phrase that ends right where `text` ends (only spaces after it): "Syrian Foreign
 * Minister " → "Foreign Minister". `offset` is where `text` starts in the document.
 */
export function roleBefore(text: string, offset = 0): RoleMatch | undefined {
  if (!/\S\s+$/.test(text) && text.trim() !== text) return undefined;
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed.length === 0 || !/[\p{L}]$/u.test(trimmed)) return undefined;
  const ws = roleWords(trimmed, offset);
  if (ws.length === 0 || ws[ws.length - 1].end !== offset + trimmed.length) return undefined;
  return longestRoleEndingAt(ws, ws.length);
}

/** Longest role phrase among `ws[k..end)`, contiguous words separated by spaces only. */
export function longestRoleEndingAt(ws: RoleWord[], end: number, requireTitle = false): RoleMatch | undefined {
  let best: RoleMatch | undefined;
  for (let k = end - 1; k >= Math.max(0, end - MAX_ROLE_WORDS); k--) {
    if (k < end - 1 && ws[k + 1].start - ws[k].end > 1) break; // punctuation or a gap between words
    const slice = ws.slice(k, end);
    if (requireTitle && !titleCased(slice)) continue;
    if (isRolePhrase(slice.map((w) => w.text))) {
      best = { role: cleanRole(slice), start: slice[0].start, end: slice[slice.length - 1].end };
    }
  }
  return best;
}

/** The role text without leading qualifiers that do not name the office ("new"). */
function cleanRole(ws: RoleWord[]): string {
  let from = 0;
  while (
    from < ws.length - 1 &&
    ROLE_QUALIFIERS.has(ws[from].text.toLowerCase()) &&
    ws[from].text.toLowerCase() !== 'former'
  )
    from++;
  return ws
    .slice(from)
    .map((w) => w.text)
    .join(' ');
}

/**
 * An appositive role right after a name: ", the Foreign Secretary," / ", a spokesman for X," /
 * ", chief executive of Acme." `text` starts right after the name.
 */
export function roleAppositiveAfter(text: string, offset = 0): RoleMatch | undefined {
  const m = /^\s*,\s*/.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m[0].length);
  const stop = APPOSITIVE_END.exec(rest);
  const phraseText = stop ? rest.slice(0, stop.index) : rest;
  let ws = roleWords(phraseText, offset + m[0].length);
  if (ws.length === 0) return undefined;
  if (ROLE_DETERMINER.test(ws[0].text) || /['’‘]s$/.test(ws[0].text)) ws = ws.slice(1);
  if (ws.length === 0 || ws.length > MAX_ROLE_WORDS) return undefined;
  if (!isRolePhrase(ws.map((w) => w.text))) {
    // "the club treasurer", "the party leader": a lower-case head after a few lower-case nouns
    const free =
      ws.length <= 1 + MAX_FREE_MODIFIERS &&
      isRoleHead(ws[ws.length - 1].text) &&
      ws.every((w) => ALL_LOWER.test(w.text));
    if (!free) return undefined;
  }
  return { role: cleanRole(ws), start: ws[0].start, end: ws[ws.length - 1].end };
}

/**
 * An appositive role right before a name: "Sir Keir Starmer's National Security Adviser, " →
 * "National Security Adviser". `text` ends right before the name.
 */
export function roleAppositiveBefore(text: string, offset = 0): RoleMatch | undefined {
  const m = /,\s*$/.exec(text);
  if (!m) return undefined;
  const head = text.slice(0, m.index);
  const ws = roleWords(head, offset);
  if (ws.length === 0 || ws[ws.length - 1].end !== offset + head.length) return undefined;
  const match = longestRoleEndingAt(ws, ws.length);
  if (!match) return undefined;
  // the phrase must be introduced by an article, a possessive or the start of the clause
  const idx = ws.findIndex((w) => w.start === match.start);
  const prev = idx > 0 ? ws[idx - 1] : undefined;
  const between = prev ? text.slice(prev.end - offset, match.start - offset) : '';
  if (prev && !ROLE_DETERMINER.test(prev.text) && !/['’‘]s$/.test(prev.text) && !/[,.;:(]/.test(between)) {
    if (!/['’‘]s\s*$/.test(text.slice(0, match.start - offset))) return undefined;
  }
  return match;
}

/** A nominalisation of a role then "of" ending the text: "the presidency of " (roles.json `nominalisations`). */
const NOMINAL_BEFORE = new RegExp(`\\b(${nominalisationList().map(escapeRegExp).join('|')})\\s+of\\s+$`, 'i');

/** "the fledgling presidency of " → "president". `text` ends right before the name. */
export function roleFromNominalisation(text: string): string | undefined {
  const m = NOMINAL_BEFORE.exec(text);
  return m ? roleOfNominalisation(m[1]) : undefined;
}

/** "the" in any case (only ASCII letters lower-case to "the"), where a title description starts. */
const THE_ANY_CASE = /[Tt][Hh][Ee]/g;

/**
 * Whether `text` holds "the" (any case), one character, then a capital letter: what a title
 * description needs (its first word capitalised, one character after "the"). Most sentences have
 * none, and are spared splitting into words: without this test the entity stage takes 21% longer on
 * an 800 KB text (measured 2026-12-07; it saves under 0.1 ms of an article's analysis).
 */
function mayHoldTitleDescription(text: string): boolean {
  THE_ANY_CASE.lastIndex = 0;
  for (let m = THE_ANY_CASE.exec(text); m !== null; m = THE_ANY_CASE.exec(text)) {
    const at = m.index + 4;
    if (at < text.length && CAPITALISED.test(text.slice(at, at + 2))) return true;
    THE_ANY_CASE.lastIndex = m.index + 1;
  }
  return false;
}

/**
 * Title-cased definite descriptions in `text`: "the Foreign Secretary", "the Prime Minister".
 * Returns each description's span (from "the") and its role.
 */
export function titleDescriptions(text: string, offset = 0): RoleMatch[] {
  const out: RoleMatch[] = [];
  if (!mayHoldTitleDescription(text)) return out;
  const ws = roleWords(text, offset);
  for (let i = 0; i < ws.length; i++) {
    // (the length first: no lower-case copy of every word)
    if (ws[i].text.length !== 3 || ws[i].text.toLowerCase() !== 'the') continue;
    let best: RoleMatch | undefined;
    for (let end = i + 2; end <= Math.min(ws.length, i + 1 + MAX_ROLE_WORDS); end++) {
      if (ws[end - 1].start - ws[end - 2].end > 1) break;
      const slice = ws.slice(i + 1, end);
      if (!titleCased(slice) || !CAPITALISED.test(slice[0].text)) break;
      if (isRolePhrase(slice.map((w) => w.text)))
        best = { role: cleanRole(slice), start: ws[i].start, end: slice[slice.length - 1].end };
    }
    if (best) out.push(best);
  }
  return out;
}

/** The head word of a role ("Foreign Secretary" → "secretary"), lower-cased, for comparisons. */
export function roleHead(role: string): string {
  const ws = role.toLowerCase().split(/\s+/);
  return ws[ws.length - 1];
}
