/**
 * Gazetteer-driven toponym spotter: a recall aid for the recogniser.
 *
 * Finds capitalised word sequences (longest first, up to `MAX_WORDS`) whose name key is in the
 * gazetteer, and reports them with the evidence the stage weighs before keeping one: the kind of
 * place, whether a locative preposition precedes it, whether a parent follows ("Pandi, Bulacan").
 * The stage (not this module) decides which spans become GPE/LOC entities.
 */
import { Gazetteer, type Place } from './gazetteer.ts';
import { nameKey } from './normalize.ts';
import { codePointMatchAt, isAsciiLetterOrDigit, isSpace } from '../../text/chars.ts';
import { alternation, wordList, wordSet } from '../../lexicon/load.ts';

/** The lexicon file of words around place names. */
const PLACE_WORDS = 'place-words';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;

/** Longest place name tried, in words ("Democratic Republic of the Congo"). */
const MAX_WORDS = 6;
/*
 * The spotter's words: letters/digits, inner hyphens, apostrophes and dots ("U.S.",
 * "Bosnia-Herzegovina", "Dar'a"), and a final dot: the matches of
 * `/[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*\.?/gu`, read by hand (the tests compare the
 * two). Kept for speed: the pattern makes the geo stage 10% slower on an 800 KB text (measured
 * 2026-12-07; it saves under 0.1 ms of an article's analysis).
 *
 * Why not the Doc's tokens: the spotter runs on a text alone (the geo stage, `scripts/eval-geo.ts`,
 * the tests), and its words are not the tokens: the tokenizer splits possessives and contractions
 * off ("Tamsk", "’s"), joins dotted abbreviations by other rules, and never crosses a sentence
 * boundary, while a place name's key is read from the whole word as the gazetteer writes it
 * ("St.Oren", "Dar’a"). Reading tokens would change which names are found.
 */
/** One letter, mark or digit (a code point): asked of characters outside ASCII only. */
const WORD_CHAR = /^[\p{L}\p{M}\p{N}]$/u;

/** Width of the letter, mark or digit at `i`; 0 when there is none. */
function wordCharAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return isAsciiLetterOrDigit(c) ? 1 : 0;
  return codePointMatchAt(s, i, WORD_CHAR);
}

/** End of the spotter's word that starts at `i` (a letter, mark or digit). */
function wordEnd(s: string, i: number): number {
  let w: number;
  for (;;) {
    while ((w = wordCharAt(s, i))) i += w;
    const c = s.charCodeAt(i);
    if (
      (c === 45 /* - */ || c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 46) /* . */ &&
      (w = wordCharAt(s, i + 1))
    )
      i += 1 + w;
    else return c === 46 ? i + 1 : i;
  }
}

/**
 * The spotter's words of `text`, in order, as `spotToponyms` reads them: the text of a word that is
 * neither capitalised nor short enough to be a connector is left empty (`spotToponyms` and
 * `wordFacts` read no other word's text: such a word is no name, no connector, no initials),
 * sparing a copy of most words.
 */
export function spotWords(text: string): Word[] {
  const words: Word[] = [];
  for (let i = 0, w = 0; i < text.length; i += w || 1) {
    w = wordCharAt(text, i);
    if (!w) continue;
    const end = wordEnd(text, i);
    const read = end - i <= CONNECTOR_MAX_LENGTH || upperAt(text, i) > 0;
    words.push({ start: i, end, text: read ? text.slice(i, end) : '' });
    w = end - i;
  }
  return words;
}

/** Lower-case words allowed inside a multi-word name ("Gulf of Mexico", "Trinidad and Tobago"). */
const CONNECTORS = wordSet(PLACE_WORDS, 'connectors');
/** Longest connector: a longer word is none, known without hashing it for the set. */
const CONNECTOR_MAX_LENGTH = Math.max(...[...CONNECTORS].map((w) => w.length));
/** Words before a name that mark it as a place ("in Pandi", "near Homs", "from Bulacan"). */
const LOCATIVE = new RegExp(
  String.raw`(?:^|\s)(?:${alternation(PLACE_WORDS, 'locativeBeforePattern', true)})\s*$`,
  'i',
);
/** Capitalised words after a name that keep it a place ("Gaza City", "Sweida Province"). */
export const PLACE_HEADS = wordSet(PLACE_WORDS, 'placeHeads');
/**
 * Capitalised words that GeoNames lists as towns but news uses as ordinary words, months, days,
 * titles or first names; a single such word is never spotted.
 */
const STOP: ReadonlySet<string> = new Set([
  ...wordList(PLACE_WORDS, 'stopWords'),
  // English words that are also regions once their kind word is dropped ("Free State", "Rivers State")
  ...wordList(PLACE_WORDS, 'stopRegionWords'),
  // month abbreviations ("Mar. 1") and time zones ("1:58 p.m. [EST]") that GeoNames also lists as towns
  ...wordList(PLACE_WORDS, 'stopAbbreviations'),
]);
/** A currency sign next to a country code makes it a currency ("US$10", "$US 15 billion", "NZ$"). */
export const CURRENCY_NEAR = { before: /\$\s?$/, after: /^\$/ };
/** Whether the name at [start, end) is a currency prefix or suffix rather than a place. */
export function isCurrency(text: string, start: number, end: number): boolean {
  return (
    CURRENCY_NEAR.after.test(text.slice(end, end + 1)) ||
    CURRENCY_NEAR.before.test(text.slice(Math.max(0, start - 2), start))
  );
}
/** Single words shorter than this are spotted only as exact-case abbreviations ("UK", "US"). */
const MIN_SINGLE_LETTERS = 3;
/** Of the names above, those that are also common place names when the context supports them. */
const STOP_UNLESS_LOCATIVE = wordSet(PLACE_WORDS, 'stopUnlessLocative');

export interface Spot {
  start: number;
  end: number;
  text: string;
  places: readonly Place[];
  /** A locative preposition comes right before it. */
  locative: boolean;
  /** Matched an exact-case abbreviation ("UK", "NSW"). */
  abbr: boolean;
}

interface Word {
  start: number;
  end: number;
  text: string;
}

/** Capitalised words that may stand before a place name without making it another name ("Southern Syria"). */
export const ALLOWED_BEFORE = wordSet(PLACE_WORDS, 'allowedBefore');

/** Whether a word opens with a capital letter. */
const isCap = (w: string): boolean => CAPITALISED.test(w);

export { STOP };

/** Whether the gap `[from, to)` between two words of one name holds only spaces and hyphens, no line break
 * (read without copying it; a gap between the spotter's words, which are no tokens: see above). */
function joinsGap(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */ || (c !== 45 /* - */ && !isSpace(c))) return false;
  }
  return true;
}
/** Initials ("U.S.", "D.C."): a word ending in a dot that does not end the name. */
const INITIALS = /^(?:\p{Lu}\.)+$/u;

/**
 * What `spotToponyms` asks of each word, computed once per word rather than once per candidate
 * span: whether it is capitalised, may stand inside a name, ends in a dot that closes a name, and
 * whether the gap before it may join it to the word before.
 */
interface WordFacts {
  cap: boolean[];
  /** Capitalised or a connector ("of", "and"): may stand inside a multi-word name. */
  inner: boolean[];
  /** Ends in a dot that is no initial: no name continues after it. */
  stops: boolean[];
  /** The gap from the word before is spaces or hyphens without a line break. */
  joins: boolean[];
}

/** The facts of every word of a text (see WordFacts). */
function wordFacts(text: string, words: Word[]): WordFacts {
  const n = words.length;
  const cap: boolean[] = new Array(n);
  const inner: boolean[] = new Array(n);
  const stops: boolean[] = new Array(n);
  const joins: boolean[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const w = words[k].text;
    const c = w.charCodeAt(0);
    cap[k] = c < 128 ? c >= 65 && c <= 90 : isCap(w); // (isCap read directly for ASCII)
    inner[k] = cap[k] || (w.length <= CONNECTOR_MAX_LENGTH && CONNECTORS.has(w));
    // (w.endsWith('.'), read from the text)
    stops[k] = text.charCodeAt(words[k].end - 1) === 46 /* . */ && !INITIALS.test(w);
    joins[k] = k > 0 && joinsGap(text, words[k - 1].end, words[k].start);
  }
  return { cap, inner, stops, joins };
}

/** Whether a word ends in a possessive ("Syria's", "Assad’s"): `/['’]s$/` without a regex run. */
function endsWithPossessive(w: string): boolean {
  const n = w.length;
  if (n < 2 || w.charCodeAt(n - 1) !== 115 /* s */) return false;
  const q = w.charCodeAt(n - 2);
  return q === 39 /* ' */ || q === 0x2019; /* ’ */
}

/** `s === s.toUpperCase()`, answered without the copy when a lower-case ASCII letter shows it false. */
function isUpperCase(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 97 && c <= 122) return false;
  }
  return s === s.toUpperCase();
}

/**
 * Whether word `w`, one space (`gap`) away from a candidate, makes it part of a longer capitalised
 * name that is not a place ("Paris Hilton", "Washington Post"). A module function rather than a
 * closure in `spotToponyms`'s loop: tsx names every closure it makes there, at a cost per candidate.
 */
function glued(w: Word | undefined, gap: string): boolean {
  return !!w && isCap(w.text) && /^[ ]$/.test(gap) && !PLACE_HEADS.has(w.text.replace(/\.$/, ''));
}

/** Spot gazetteer names in `text`, skipping spans for which `taken(start, end)` is true. */
export function spotToponyms(
  gaz: Gazetteer,
  text: string,
  taken: (start: number, end: number) => boolean = () => false,
): Spot[] {
  const words = spotWords(text);
  const { cap, inner, stops, joins } = wordFacts(text, words);
  const spots: Spot[] = [];
  for (let i = 0; i < words.length; i++) {
    // "The" never starts a spot: "the UK", "The Hague" are found from the next word.
    if (!cap[i] || words[i].text === 'The') continue;
    let found: Spot | undefined;
    for (let n = Math.min(MAX_WORDS, words.length - i); n >= 1 && !found; n--) {
      const last = words[i + n - 1];
      if (!cap[i + n - 1]) continue;
      let ok = true;
      for (let j = i + 1; j < i + n && ok; j++) {
        if (!joins[j]) ok = false;
        else if (j < i + n - 1 && !inner[j]) ok = false;
        else if (stops[j - 1]) ok = false;
      }
      if (!ok) continue;
      let end = last.end;
      // A possessive is not part of the name ("Syria's", "Assad’s").
      if (endsWithPossessive(last.text)) end -= 2;
      let phrase = text.slice(words[i].start, end);
      let places = gaz.lookupAbbr(phrase);
      let abbr = places.length > 0;
      if (!abbr && phrase.endsWith('.')) {
        places = gaz.lookupAbbr(phrase.slice(0, -1));
        abbr = places.length > 0;
        if (abbr) end -= 1;
      }
      if (!abbr) {
        const bare = phrase.endsWith('.') ? phrase.slice(0, -1) : phrase;
        if (bare !== phrase) {
          end -= 1;
          phrase = bare;
        }
        if (phrase.length > 3 && !/\s/.test(phrase) && isUpperCase(phrase)) continue; // shouted word, not a name
        places = gaz.lookup(phrase);
        if (!places.length) continue;
        if (n === 1 && phrase.length < MIN_SINGLE_LETTERS) continue;
        if (
          n === 1 &&
          STOP.has(phrase) &&
          !(
            STOP_UNLESS_LOCATIVE.has(phrase) &&
            LOCATIVE.test(text.slice(Math.max(0, words[i].start - 20), words[i].start))
          )
        )
          continue;
      } else phrase = text.slice(words[i].start, end);
      const prev = words[i - 1];
      const next = words[i + n];
      const before = text.slice(Math.max(0, words[i].start - 24), words[i].start);
      if (glued(next, next ? text.slice(end, next.start) : '') && !abbr) continue;
      if (prev && !ALLOWED_BEFORE.has(prev.text) && glued(prev, text.slice(prev.end, words[i].start)) && !abbr) {
        // a capitalised word before is fine only at a sentence start ("Officials in..." is not capitalised)
        const sentenceStart = i - 1 === 0 || /[.!?"”:]\s*$/.test(text.slice(Math.max(0, prev.start - 3), prev.start));
        if (!sentenceStart) continue;
      }
      if (taken(words[i].start, end) || isCurrency(text, words[i].start, end)) continue;
      found = { start: words[i].start, end, text: phrase, places, locative: LOCATIVE.test(before), abbr };
    }
    if (found) {
      spots.push(found);
      while (i + 1 < words.length && words[i + 1].start < found.end) i++;
    }
  }
  return spots;
}

/** One capital letter (a code point): asked of characters outside ASCII only. */
const UPPER_CHAR = /^\p{Lu}$/u;

/** Width of the capital letter at `i`; 0 when there is none. */
function upperAt(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? 1 : 0;
  return codePointMatchAt(s, i, UPPER_CHAR);
}

/**
 * A capitalised word, maybe with inner apostrophes and hyphens: a candidate variant ("Sweida",
 * "Dar'a"). Not the Doc's tokens, for the reasons given for the spotter's words above.
 */
const CAPITALISED_WORD = /\p{Lu}[\p{L}\p{M}'’-]+/gu;

/** The capitalised words of `text` (CAPITALISED_WORD) as offsets, start and end of each in turn. */
export function capitalisedWords(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(CAPITALISED_WORD)) out.push(m.index, m.index + m[0].length);
  return out;
}
/** The word right after a candidate variant ("province" in "Sweida province"). */
const WORD_AFTER = /^\s+(\p{L}+)/u;

/** Transliteration variants must name a sizeable town (or a region) to be spotted. */
const VARIANT_MIN_POP = 20_000;
/** Shortest word tried as a transliteration variant. */
const VARIANT_MIN_LETTERS = 5;

/**
 * Spot transliteration variants of towns and regions in the article's countries ("Sweida" for
 * As-Suwayda when Syria is named): a capitalised word after a locative preposition or before a
 * place word ("Sweida province"), whose skeleton matches a sizeable place of those countries.
 */
export function spotVariants(
  gaz: Gazetteer,
  text: string,
  countries: Iterable<string>,
  taken: (start: number, end: number) => boolean = () => false,
): Spot[] {
  const ccs = [...countries];
  if (!ccs.length) return [];
  const out: Spot[] = [];
  const seen = new Map<string, Place[]>();
  // the capitalised words, read once for both loops below
  const caps = capitalisedWords(text);
  for (let c = 0; c < caps.length; c += 2) {
    const start = caps[c];
    const end = caps[c + 1];
    // every test here is a plain check that skips the word: their order is free, the cheapest
    // first (length, then the white space before, `/^\s*$/` of the one character before)
    if (end - start < VARIANT_MIN_LETTERS) continue;
    if (start > 0 && !isSpace(text.charCodeAt(start - 1))) continue;
    const w = text.slice(start, end);
    if (STOP.has(w)) continue;
    // the context first (a locative before, a place word after): it rules out most words, and
    // is cheaper than the look-ups below
    const before = text.slice(Math.max(0, start - 24), start);
    const after = WORD_AFTER.exec(text.slice(end, end + 20))?.[1] ?? '';
    const locative = LOCATIVE.test(before);
    const head = PLACE_HEADS.has(after.charAt(0).toUpperCase() + after.slice(1).toLowerCase());
    if (!locative && !head) continue;
    if (taken(start, end) || gaz.lookup(w).length || gaz.demonym(w)) continue;
    let places = seen.get(w);
    if (!places) {
      places = gaz.lookupSkeleton(w, ccs).filter((p) => p.kind === 'A' || p.pop >= VARIANT_MIN_POP);
      seen.set(w, places);
    }
    if (places.length) out.push({ start, end, text: w, places, locative, abbr: false });
  }
  // A name once spotted as a place is a place wherever else it appears.
  const names = new Set(out.map((s) => s.text));
  // where the loop above spotted a name (each capitalised word is read once below: a set, not a search of `out`)
  const spotted = new Set(out.map((s) => s.start));
  for (let c = 0; names.size && c < caps.length; c += 2) {
    const start = caps[c];
    const end = caps[c + 1];
    const w = text.slice(start, end);
    if (!names.has(w) || spotted.has(start)) continue;
    if (taken(start, end)) continue;
    out.push({ start, end, text: w, places: seen.get(w)!, locative: false, abbr: false });
  }
  return out.sort((a, b) => a.start - b.start);
}

export { nameKey };
