/**
 * Step 1: mentions read from the BIO token labels, their spans tidied (possessive "'s", "-linked",
 * edge punctuation, "the"), an honorific or a military rank before a name split off as its title
 * ("Brigadier Nabil Abdallah" names "Nabil Abdallah"), and debris dropped.
 */
import type { Doc } from '../../model/doc.ts';
import type { EntityType } from '../../model/analysis.ts';
import {
  countryByName,
  honorificAlternation,
  isFunctionWord,
  knownOrgForm,
  norpLemma,
  rankPrefixLength,
} from '../../lexicon/lexicon.ts';
import { isAsciiLetterOrDigit, isSpace } from '../../text/chars.ts';
import { rawMention, type RawMention } from './work.ts';

/** Up to three capitalised words ending right before a mention: a rank the recogniser left out of a name. */
const RANK_BEFORE = /((?:\p{Lu}[\p{L}.-]*\s+){1,3})$/u;

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;

/** Holds a letter. */
const HAS_LETTER = /\p{L}/u;

/** Trailing possessive on a mention ("Starmer‘s", "Starmer ’s"). */
const POSSESSIVE_TAIL = /\s?['’‘]s$/;

/** A capitalised word with a lower-case hyphenated tail: "Druze-linked", "Iran-backed" name "Druze", "Iran". */
const HYPHEN_TAIL = /^(\p{Lu}[\p{L}]*)-\p{Ll}+$/u;

/** Punctuation that recognisers sometimes leave at a mention's edges. */
const EDGE_PUNCT = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+|[\s"“”‘’'()[\]{},;:!?\u2013\u2014-]+$/gu;

/** What follows a name that ends in an opened bracket: its closing bracket ("Mladost ( L )"). */
const BRACKET_TAIL = /^\s*\)/;

/** Honorific right before a mention ("Mr ", "Sir ", "Dr. "). */
const HONORIFIC_BEFORE = new RegExp(`(?:^|[^\\p{L}])((?:${honorificAlternation()})\\.?)\\s+$`, 'u');

/** Honorific opening a mention ("Mr Lammy" tagged whole). */
const HONORIFIC_START = new RegExp(`^((?:${honorificAlternation()})\\.?)\\s+`, 'u');

/** Mentions from BIO labels, tidied. An `I-` label without a `B-` starts a mention. */
export function readMentions(doc: Doc): RawMention[] {
  const out: RawMention[] = [];
  const tags = doc.tokenTags;
  let i = 0;
  while (i < doc.tokens.length) {
    const tag = tags[i] ?? 'O';
    if (tag === 'O' || tag.length < 3) {
      i++;
      continue;
    }
    const type = tag.slice(2) as EntityType;
    let j = i + 1;
    while (j < doc.tokens.length && tags[j] === `I-${type}`) j++;
    const m = tidy(doc, doc.tokens[i].start, doc.tokens[j - 1].end, type);
    if (m) out.push(m);
    i = j;
  }
  return out;
}

/** Trim punctuation, possessives and hyphen tails; split off an honorific; drop debris. */
function tidy(doc: Doc, start: number, end: number, type: EntityType): RawMention | undefined {
  let text = doc.span(start, end);
  // (a mention opening and ending in an ASCII letter or digit, most of them, has no edge punctuation to
  // trim; kept with the two checks below for speed: without them the entity stage takes 8% longer on an
  // 800 KB text, measured 2026-12-07, though they save under 0.1 ms of an article's analysis)
  if (!asciiAlnumEdges(text)) {
    const lead = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+/u.exec(text)?.[0].length ?? 0;
    start += lead;
    text = doc.span(start, end);
    const trail = text.replace(EDGE_PUNCT, '');
    let trailEnd = text.indexOf(trail) + trail.length;
    // a closing bracket that closes one inside the name stays ("Mladost (L)", "Rad (B)")
    const close = BRACKET_TAIL.exec(text.slice(trailEnd));
    if (close && trail.includes('(') && !trail.includes(')')) trailEnd += close[0].length;
    end = start + trailEnd;
    text = doc.span(start, end);
  }
  // (POSSESSIVE_TAIL ends in "s")
  const poss = text.charCodeAt(text.length - 1) === 115 /* s */ ? POSSESSIVE_TAIL.exec(text) : null;
  if (poss) {
    end -= poss[0].length;
    text = doc.span(start, end);
  }
  const hy = text.includes('-') ? HYPHEN_TAIL.exec(text) : null; // (HYPHEN_TAIL needs a hyphen)
  if (hy && !text.includes(' ')) {
    end = start + hy[1].length;
    text = hy[1];
  }
  if (/^the\s/.test(text) || (type === 'PERSON' && /^The\s/.test(text))) {
    start += 4;
    text = doc.span(start, end);
  }
  const m = rawMention(start, end, text, type);
  // a military or police rank opening a person's mention ("Brigadier Nabil Abdallah"): a title
  if (type === 'PERSON') {
    const ws = text.split(/\s+/);
    const k = rankPrefixLength(ws);
    if (k > 0 && k < ws.length && CAPITALISED.test(ws[k])) {
      const rank = ws.slice(0, k).join(' ');
      const at = text.indexOf(ws[k], rank.length);
      m.honorific = rank;
      m.honorificStart = start;
      m.rank = rank;
      m.start = start + at;
      m.text = doc.span(m.start, end);
      return m;
    }
    // …or right before it, outside what the recogniser tagged ("spokesman Brigadier | Yusuf Tamimi")
    const before = RANK_BEFORE.exec(doc.text.slice(Math.max(0, start - 40), start));
    if (before) {
      const ws = before[1].trim().split(/\s+/);
      for (let from = 0; from < ws.length; from++) {
        if (rankPrefixLength(ws.slice(from)) !== ws.length - from) continue;
        const rank = ws.slice(from).join(' ');
        m.honorific = rank;
        m.honorificStart = start - before[1].length + before[1].indexOf(rank);
        m.rank = rank;
        return m;
      }
    }
  }
  // an honorific inside the mention ("Mr Lammy" tagged whole) or right before it
  const inner = HONORIFIC_START.exec(text);
  if (inner) {
    m.honorific = inner[1];
    m.honorificStart = start;
    m.start = start + inner[0].length;
    m.text = doc.span(m.start, end);
  } else {
    const before = doc.text.slice(Math.max(0, start - 12), start);
    // (HONORIFIC_BEFORE ends in white space)
    const h = before.length > 0 && isSpace(before.charCodeAt(before.length - 1)) ? HONORIFIC_BEFORE.exec(before) : null;
    if (h) {
      m.honorific = h[1];
      m.honorificStart = start - before.length + before.lastIndexOf(h[1]);
    }
  }
  if (!hasLetter(m.text)) return undefined;
  // a lone ordinary word is debris, unless an honorific or a gazetteer vouches for it; an
  // organisation vouches only as it writes its name ("WHO", never the question word "Who")
  if (
    !m.text.includes(' ') &&
    isFunctionWord(m.text) &&
    !m.honorific &&
    !countryByName(m.text) &&
    knownOrgForm(m.text) !== m.text
  )
    return undefined;
  if (m.honorific) m.type = 'PERSON';
  // a listed group tagged as a name ("Druze")
  else if (m.type !== 'NORP' && norpLemma(m.text) && !countryByName(m.text)) m.type = 'NORP';
  return m;
}

/**
 * Whether `text` opens and ends with an ASCII letter or digit: then neither end holds a character
 * of EDGE_PUNCT or of the leading class `tidy` strips (the trimming would keep all of it).
 */
export function asciiAlnumEdges(text: string): boolean {
  return (
    text.length > 0 &&
    isAsciiLetterOrDigit(text.charCodeAt(0)) &&
    isAsciiLetterOrDigit(text.charCodeAt(text.length - 1))
  );
}

/** `HAS_LETTER.test(text)`, reading ASCII characters by code (the pattern runs only once a non-ASCII one is met). */
export function hasLetter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return HAS_LETTER.test(text);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return true;
  }
  return false;
}
