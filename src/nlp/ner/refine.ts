/**
 * Evidence the tagger cannot see, combined with its output: the model proposes spans, and listed
 * names and unambiguous text patterns correct their edges and types where they are certain.
 *
 * The trained tagger (CoNLL Reuters news) is strong on running text but knows nothing of sitrep's
 * lexicons or of its finer types: it calls "Al Qaeda" a person, "Sweida province" an organisation,
 * misses "The Mail on Sunday" as the article's own publisher, and tags only "Mediate" of a
 * sentence-initial "Inter Mediate". Each rule below is one kind of evidence, applied in order:
 *
 *   1. role titles are not entities ("National Security Adviser" tagged ORG is dropped); a run of
 *      group words is one NORP per word ("Sunni Muslim Bedouin");
 *   2. a one-word span right after a sentence-initial capitalised word that is no ordinary word
 *      takes that word in ("Inter Mediate");
 *   3. listed organisations (data/lexicons/orgs.json) and the article's publisher
 *      (`doc.source.publisher`) are ORG, written as listed (capitals where the list has them);
 *   4. a compass word before a listed place is a region, LOC ("Southern Syria"), unless the whole
 *      is itself a listed place ("South Sudan", "North Carolina");
 *   5. a name before a lower-case administrative noun, or after "the city/province ... of", is a
 *      GPE ("the Sweida province", "the city of Sweida");
 *   6. a name ending in a company suffix is an ORG ("Harbourline Logistics"); one ending in an
 *      organisation head ("Party", "Ministry") is an ORG unless the tagger said place or group; a
 *      span followed by capitalised organisation heads grows over them ("Castell" + "Freight");
 *   7. a name the text describes as an organisation someone founded or runs is an ORG ("the
 *      organisation he founded. Inter Mediate is ...", "the firm she set up, Larkspur,");
 *   8. a single city or country typed ORG after a preposition of place is a GPE ("to Leeds");
 *   9. one sense per article: a name fixed by rules 3–8 gives its type to every other span with
 *      the same words, and to the bare stem of a company name ("Harbourline" of "Harbourline
 *      Logistics"); a multi-word name also tags its untagged repeats.
 *  10. a line in capitals (a headline) keeps only the words the body names or a list knows, typed
 *      as the body types them ("MILITIA CHIEF AL-JAZRAWI KILLED IN DARAA RAID": AL-JAZRAWI, DARAA).
 * Rules never key on a particular text; each pattern below says why it exists.
 */
import type { Doc } from '../../model/doc.ts';
import type { EntityType } from '../../model/analysis.ts';
import {
  countryByDemonym,
  countryByName,
  foldKey,
  isAdminHead,
  isCityOrState,
  isCompanySuffix,
  isCompass,
  isFunctionWord,
  isHonorific,
  isOrgHead,
  isRegion,
  isRoleHead,
  isRoleModifier,
  knownOrgForm,
  knownOrgPrefixes,
  norpLemma,
  rankPrefixLength,
} from '../../lexicon/lexicon.ts';
import { isRolePhrase } from '../../lexicon/roles.ts';
import { LINE_CAPS, lineClass } from './shapes.ts';
import { bioTags } from './types.ts';

/** Sentence-initial words of this shape are ordinary words, not names ("Writing", "Pictured", "Nominally"). */
const ORDINARY_SHAPE = /^\p{Lu}\p{Ll}+(?:ing|ed|ly)$/u;
/** Month and weekday names: capitalised but dates. */
const DATE_WORD =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December)$/;
/** Tokens that may open a sentence before its first word (quotes, brackets, dashes). */
const OPENER = /^[‘“"'([\u2013\u2014-]$/;
/** Articles opening listed names that text writes in either case ("the Times", "al-Qaeda", "el-Nusra"). */
const CASELESS_ARTICLE = /^(?:The|Al|El)$/;
/** Prepositions after which a lone city or country name is a place, not a sports club or firm. */
const PLACE_PREPOSITION = /^(?:in|at|to|from|near|outside|across|around|into|towards|toward|via|through)$/i;
/** A possessive written as its own token or joined to the name ("Cleveland 's", "Milan's"). */
const POSSESSIVE_TOKEN = /^['’]s$/i;
/** Nouns that, with "the ... of", name a place: "the city of Sweida", "the province of Idlib". */
const PLACE_OF_NOUN =
  /^(?:city|town|village|province|region|district|governorate|county|state|capital|port|municipality|prefecture|oblast)$/i;
/**
 * A description that says the next or previous name is an organisation someone founded or runs:
 * "the organisation he founded", "a consultancy she set up", "the charity they run".
 */
const ORG_DESCRIPTION =
  /\b(?:the|an?|his|her|their|its)\s+(?:[a-z-]+\s+)?(?:organi[sz]ation|company|firm|charity|consultancy|foundation|agency|NGO|non-profit|nonprofit|start-?up|outfit|think[- ]tank|business|venture|institute|group|network)\s+(?:(?:that|which)\s+)?(?:he|she|they|who|it|we|I)\s+(?:(?:had|has|have|later|then|once|also|now)\s+)?(?:founded|co-founded|cofounded|set\s+up|established|created|launched|started|runs|ran|run|leads|led|heads|headed|chairs|chaired|owns|owned|built|funds|funded)\b/g;
/** Tokens in a line of capitals that are never part of a name (scores, dashes, bare numbers). */
const CAPS_DEBRIS = /^[\d.,:;\u2013\u2014-]+$/;
/** What may stand between an organisation description and the name it describes (", ", " – ", " called "). */
const DESCRIPTION_GAP = /^(?:\s*[,:\u2013\u2014-]\s*|\s+(?:called|named|known as)\s+)$/;
/** The sentence ends right after the description (only closing punctuation left). */
const DESCRIPTION_ENDS = /^[\s.!?'"’”)\]]*$/;

interface Span {
  from: number; // token index, inclusive
  to: number; // token index, exclusive
  type: EntityType;
  /** Set by a rule that is sure of the type (rules 3–8); propagated by rule 9. */
  sure: boolean;
}

/** A span; every span is made here, so all share one object shape (rules run fast on them). */
function span(from: number, to: number, type: EntityType, sure: boolean): Span {
  return { from, to, type, sure };
}

interface Ctx {
  doc: Doc;
  texts: string[];
  /** Sentence index of each token. */
  sent: Int32Array;
  ranges: [number, number][];
  /** `lowerSeen(ctx)`, made on first use (few articles ask: most rules never reach that test). */
  lowerSeenSet: Set<string> | undefined;
  /** `foldKey` of each token, filled on first use (`fold(ctx, i)`): rules ask for the same tokens many times. */
  folded: (string | undefined)[];
}

/** Lower-case forms of words the article writes in lower case somewhere (so they are ordinary words). */
function lowerSeen(ctx: Ctx): Set<string> {
  if (ctx.lowerSeenSet) return ctx.lowerSeenSet;
  const seen = new Set<string>();
  for (const t of ctx.texts) {
    const c = t.charCodeAt(0);
    if (c >= 97 && c <= 122) seen.add(t);
  }
  return (ctx.lowerSeenSet = seen);
}

/** `foldKey(ctx.texts[i])`, computed once per token. */
function fold(ctx: Ctx, i: number): string {
  return (ctx.folded[i] ??= foldKey(ctx.texts[i]));
}

/** `ctx.texts.slice(from, to).map(foldKey).join(' ')`, from the tokens' folds computed once (`fold`). */
function spanKey(ctx: Ctx, from: number, to: number): string {
  let key = fold(ctx, from);
  for (let i = from + 1; i < to; i++) key += ' ' + fold(ctx, i);
  return key;
}

/**
 * Corrects `doc.tokenTags` (sitrep BIO) in place with lexicon, gazetteer and pattern evidence.
 * `ranges` are the token ranges of the sentences the tagger saw.
 */
/** Names of the rules, in the order they run (for ablations: `refineTags(doc, ranges, { skip })`). */
export const REFINE_RULES = [
  'roles',
  'initial',
  'listedOrgs',
  'compass',
  'admin',
  'orgHeads',
  'orgDescriptions',
  'placePreposition',
  'propagate',
  'capsLines',
] as const;
export type RefineRule = (typeof REFINE_RULES)[number];

export interface RefineOptions {
  /** Rules to leave out (evaluation ablations). */
  skip?: ReadonlySet<RefineRule>;
  /** The text of every token of the Doc, when the caller has it already (else read from the Doc). */
  texts?: string[];
}

/**
 * Corrects `doc.tokenTags` (sitrep BIO) in place with lexicon, gazetteer and pattern evidence.
 * `ranges` are the token ranges of the sentences the tagger saw.
 */
export function refineTags(doc: Doc, ranges: [number, number][], options: RefineOptions = {}): void {
  const n = doc.tokens.length;
  if (n === 0) return;
  const texts = options.texts ?? tokenTexts(doc);
  const sent = new Int32Array(n).fill(-1);
  ranges.forEach(([a, b], s) => sent.fill(s, a, b));
  const ctx: Ctx = { doc, texts, sent, ranges, lowerSeenSet: undefined, folded: new Array<string | undefined>(n) };
  const on = (r: RefineRule) => !options.skip?.has(r);

  let spans = readSpans(doc.tokenTags);
  if (on('roles')) spans = spans.filter((s) => !isRoleSpan(ctx, s)).flatMap((s) => splitGroups(ctx, s)); // 1
  if (on('initial')) extendSentenceInitial(ctx, spans); // 2
  if (on('listedOrgs')) spans = listedOrgs(ctx, spans); // 3
  if (on('compass')) spans = compassPlaces(ctx, spans); // 4
  if (on('admin')) spans = adminPlaces(ctx, spans); // 5
  if (on('orgHeads')) spans = orgHeads(ctx, spans); // 6
  if (on('orgDescriptions')) orgDescriptions(ctx, spans); // 7
  if (on('placePreposition')) placeAfterPreposition(ctx, spans); // 8
  if (on('propagate')) spans = propagate(ctx, spans); // 9
  if (on('capsLines')) spans = capsLines(ctx, spans); // 10
  writeSpans(doc, spans);
}

/** The text of every token of a Doc. */
export function tokenTexts(doc: Doc): string[] {
  const texts = new Array<string>(doc.tokens.length);
  for (let i = 0; i < texts.length; i++) texts[i] = doc.tokenText(i);
  return texts;
}

// ---------------------------------------------------------------------------------------------
// spans <-> tags

function readSpans(tags: string[]): Span[] {
  const out: Span[] = [];
  let i = 0;
  while (i < tags.length) {
    const t = tags[i];
    if (t === 'O' || t.length < 3) {
      i++;
      continue;
    }
    const type = t.slice(2) as EntityType;
    const inside = bioTags(type)[1];
    let j = i + 1;
    while (j < tags.length && tags[j] === inside) j++;
    out.push(span(i, j, type, false));
    i = j;
  }
  return out;
}

function writeSpans(doc: Doc, spans: Span[]): void {
  const tags = doc.tokenTags;
  tags.fill('O');
  for (const s of spans) {
    const [b, inside] = bioTags(s.type);
    for (let i = s.from; i < s.to; i++) tags[i] = i === s.from ? b : inside;
  }
}

/** Puts `span` in, removing the spans it overlaps; sorted by position. */
function place(spans: Span[], span: Span): Span[] {
  const out = spans.filter((s) => s.to <= span.from || s.from >= span.to);
  out.push(span);
  out.sort((a, b) => a.from - b.from);
  return out;
}

/** Whether a span longer than `[from, to)` contains it (the tagger saw a bigger name: keep it). */
function containedInLonger(spans: Span[], from: number, to: number): boolean {
  return spans.some((s) => s.from <= from && s.to >= to && s.to - s.from > to - from);
}

function spanText(ctx: Ctx, from: number, to: number): string {
  const { doc } = ctx;
  return doc.text.slice(doc.tokens[from].start, doc.tokens[to - 1].end).replace(/\s+/g, ' ');
}

function words(ctx: Ctx, s: Span): string[] {
  return ctx.texts.slice(s.from, s.to);
}

/** Token `j` follows `j - 1` after exactly one space (no line break, no punctuation). */
function spaced(ctx: Ctx, j: number): boolean {
  const { doc } = ctx;
  return ctx.sent[j] === ctx.sent[j - 1] && doc.text.slice(doc.tokens[j - 1].end, doc.tokens[j].start) === ' ';
}

/** Whether token `i` is the first word of its sentence (after opening quotes or brackets). */
function isInitial(ctx: Ctx, i: number): boolean {
  const s = ctx.sent[i];
  if (s < 0) return false;
  const a = ctx.ranges[s][0];
  let j = i - 1;
  while (j >= a && OPENER.test(ctx.texts[j])) j--;
  return j < a;
}

/** A word listed as a place, group or nationality: its own entity, never part of a neighbour's name. */
function isGazetteerWord(w: string): boolean {
  return !!countryByName(w) || !!countryByDemonym(w) || !!norpLemma(w) || isCityOrState(w) || isRegion(w);
}

// ---------------------------------------------------------------------------------------------
// 1. role titles

function isRoleSpan(ctx: Ctx, s: Span): boolean {
  if (s.to - s.from < 2 || s.type === 'GPE' || s.type === 'NORP') return false;
  const ws = words(ctx, s);
  return isRolePhrase(ws) && !knownOrgForm(spanText(ctx, s.from, s.to));
}

/** Words that join two group names inside one tagged span ("Christian and Muslim leaders"). */
const GROUP_CONJUNCTION = /^(?:and|or|&)$/i;

/**
 * "Sunni Muslim Bedouin" or "Christian and Muslim" tagged as one name: each listed group or
 * nationality word is its own NORP, and the conjunction between them is no part of a name.
 */
function splitGroups(ctx: Ctx, s: Span): Span[] {
  if (s.to - s.from < 2 || s.type === 'GPE' || s.type === 'LOC') return [s];
  const ws = words(ctx, s);
  const joiner = (w: string) => GROUP_CONJUNCTION.test(w);
  if (joiner(ws[0]) || joiner(ws[ws.length - 1])) return [s];
  if (!ws.every((w) => joiner(w) || norpLemma(w) || countryByDemonym(w))) return [s];
  if (knownOrgForm(spanText(ctx, s.from, s.to))) return [s];
  return ws.flatMap((w, k) => (joiner(w) ? [] : [span(s.from + k, s.from + k + 1, 'NORP', false)]));
}

// ---------------------------------------------------------------------------------------------
// 2. sentence-initial first word of a two-word name

function extendSentenceInitial(ctx: Ctx, spans: Span[]): void {
  const { texts } = ctx;
  for (const s of spans) {
    if (s.to - s.from !== 1 || s.from === 0 || (s.type !== 'PERSON' && s.type !== 'ORG' && s.type !== 'MISC')) continue;
    const i = s.from - 1;
    const w = texts[i];
    if (!isInitial(ctx, i) || !spaced(ctx, s.from) || !/^\p{Lu}\p{Ll}+$/u.test(w)) continue;
    if (spans.some((x) => x.to === s.from)) continue;
    if (ordinaryWord(ctx, w)) continue;
    s.from = i;
  }
}

/** A capitalised word that is probably an ordinary word, a title or a listed name of its own. */
function ordinaryWord(ctx: Ctx, w: string): boolean {
  const lw = w.toLowerCase();
  return (
    isFunctionWord(w) ||
    lowerSeen(ctx).has(lw) ||
    ORDINARY_SHAPE.test(w) ||
    DATE_WORD.test(w) ||
    isHonorific(w) ||
    rankPrefixLength([w]) > 0 ||
    isRoleHead(w) ||
    isRoleModifier(w) ||
    isOrgHead(w) ||
    isCompass(w) ||
    isGazetteerWord(w)
  );
}

// ---------------------------------------------------------------------------------------------
// 3. listed organisations and the publisher

function listedOrgs(ctx: Ctx, spans: Span[]): Span[] {
  const { texts, doc } = ctx;
  const publisher = doc.source.publisher?.trim();
  const pubKeys = new Map<string, string>();
  const pubPrefixes = new Set<string>();
  if (publisher) {
    for (const form of [publisher, publisher.replace(/^The\s+/, '')]) {
      const k = foldKey(form);
      pubKeys.set(k, form);
      const ws = k.split(' ');
      for (let i = 1; i <= ws.length; i++) pubPrefixes.add(ws.slice(0, i).join(' '));
    }
  }
  const prefixes = knownOrgPrefixes();
  const starts = (listedStarts ??= foldShapes(prefixes));
  const pubStarts = foldShapes(pubPrefixes);
  const n = texts.length;
  let out = spans;
  for (let i = 0; i < n; i++) {
    // (a fast `!prefixes.has(fold(ctx, i)) && !pubPrefixes.has(fold(ctx, i))`: the loop's first test)
    const shape = foldShape(texts[i]);
    if (shape >= 0 && !starts.has(shape) && !pubStarts.has(shape)) continue;
    // grow word by word while some listed name begins with the words so far
    let key = '';
    let best = 0;
    for (let j = i; j < n; j++) {
      if (
        j > i &&
        (ctx.sent[j] !== ctx.sent[i] || !/^\s+$/.test(doc.text.slice(doc.tokens[j - 1].end, doc.tokens[j].start)))
      )
        break;
      key = j === i ? fold(ctx, j) : key + ' ' + fold(ctx, j);
      if (!prefixes.has(key) && !pubPrefixes.has(key)) break;
      const form = pubKeys.get(key) ?? knownOrgForm(key);
      if (form && casingAgrees(spanText(ctx, i, j + 1), form)) best = j + 1;
    }
    if (best === 0) continue;
    if (!containedInLonger(out, i, best)) out = place(out, span(i, best, 'ORG', true));
    i = best - 1;
  }
  return out;
}

/** `foldShapes` of the first words of listed organisations (`knownOrgPrefixes`), made on first use. */
let listedStarts: Set<number> | undefined;

/**
 * A number for a token that `foldKey` folds by lower-casing alone (printable ASCII, no spaces):
 * its length and its first two characters, lower-cased; -1 for any other token. Tokens of
 * different shapes fold to different keys, so a token whose shape no listed word has is no
 * listed word, known without making its lower-case form and hashing it (`listedOrgs` asks this
 * of every token). Words of the list not printable ASCII are left out of `foldShapes`: only
 * tokens of shape -1 can fold to them, and those are always looked up.
 */
export function foldShape(t: string): number {
  const n = t.length;
  if (n === 0) return -1;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return -1;
  }
  let c0 = t.charCodeAt(0);
  let c1 = n > 1 ? t.charCodeAt(1) : 0;
  if (c0 >= 65 && c0 <= 90) c0 += 32; // ASCII lower-casing, as `toLowerCase` does it
  if (c1 >= 65 && c1 <= 90) c1 += 32;
  return Math.min(n, 255) * 16384 + c0 * 128 + c1;
}

/** `foldShape` of each one-word key of `keys` (lower-case folded keys, as `foldKey` makes them). */
export function foldShapes(keys: Iterable<string>): Set<number> {
  const out = new Set<number>();
  for (const k of keys) {
    if (k.includes(' ')) continue;
    const shape = foldShape(k);
    if (shape >= 0) out.add(shape);
  }
  return out;
}

/**
 * Whether `text` is written with the capitals of the listed `form` ("Al Qaeda" yes, "the sun"
 * for "The Sun" no); text in capitals passes (headlines), and a leading article may be lower case.
 */
function casingAgrees(text: string, form: string): boolean {
  if (/\p{Lu}/u.test(text) && text === text.toUpperCase()) return true;
  const tw = text.split(/[\s-]+/);
  const fw = form.split(/[\s-]+/);
  if (tw.length !== fw.length) return true; // hyphenation differs: the fold matched, trust it
  for (let k = 0; k < fw.length; k++) {
    const want = /^\p{Lu}/u.test(fw[k]);
    if (want && !/^\p{Lu}/u.test(tw[k]) && !(k === 0 && CASELESS_ARTICLE.test(fw[k]))) return false;
  }
  return /\p{Lu}/u.test(text);
}

// ---------------------------------------------------------------------------------------------
// 4. compass + place

function compassPlaces(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  let out = spans;
  for (let i = 0; i + 1 < texts.length; i++) {
    if (!isCompass(texts[i]) || !/^\p{Lu}/u.test(texts[i]) || !spaced(ctx, i + 1)) continue;
    let end = 0;
    for (let j = i + 2; j <= Math.min(texts.length, i + 4); j++) {
      if (j > i + 2 && !spaced(ctx, j - 1)) break;
      const t = spanText(ctx, i + 1, j);
      if (countryByName(t) || isRegion(t) || isCityOrState(t)) end = j;
    }
    if (end === 0) continue;
    const whole = spanText(ctx, i, end);
    if (countryByName(whole) || isRegion(whole) || isCityOrState(whole) || knownOrgForm(whole)) continue;
    // the tagger read exactly these words as an organisation: a club or firm named for the region ("East Fife")
    if (out.some((s) => s.from === i && s.to === end && s.type === 'ORG')) continue;
    if (containedInLonger(out, i, end)) continue;
    out = place(out, span(i, end, 'LOC', true));
    i = end - 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 5. administrative nouns

function adminPlaces(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  let out = spans;
  // not MISC: a name the tagger read as an adjective before the noun is one ("the Arctic town", "a Transylvanian village")
  const retypable = (s: Span) => !s.sure && (s.type === 'ORG' || s.type === 'PERSON' || s.type === 'LOC');
  for (const s of spans) {
    if (!retypable(s)) continue;
    const next = texts[s.to];
    const before = s.from >= 2 ? texts[s.from - 2] : '';
    if (
      (next && isAdminHead(next) && /^\p{Ll}/u.test(next) && spaced(ctx, s.to)) ||
      (texts[s.from - 1] === 'of' && PLACE_OF_NOUN.test(before))
    ) {
      s.type = 'GPE';
      s.sure = true;
    }
  }
  // an untagged capitalised word before an administrative noun ("the Daraa governorate")
  for (let i = 1; i + 1 < texts.length; i++) {
    const next = texts[i + 1];
    // (first, a quick part of the lower-case test: an ASCII first character other than a-z is no \p{Ll})
    const c = next.charCodeAt(0);
    if (c < 128 && (c < 97 || c > 122)) continue;
    if (!isAdminHead(next) || !/^\p{Ll}/u.test(next) || !spaced(ctx, i + 1)) continue;
    const w = texts[i];
    if (!/^\p{Lu}\p{Ll}/u.test(w) || isInitial(ctx, i) || isFunctionWord(w) || lowerSeen(ctx).has(w.toLowerCase()))
      continue;
    if (out.some((s) => s.from <= i && s.to > i)) continue;
    if (isCompass(w) || countryByDemonym(w) || norpLemma(w)) continue; // "the southern region", "the Kurdish region"
    out = place(out, span(i, i + 1, 'GPE', true));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 6. organisation heads and company suffixes

function orgHeads(ctx: Ctx, spans: Span[]): Span[] {
  const { texts } = ctx;
  for (const s of spans) {
    if (s.sure && s.type !== 'ORG') continue;
    // grow over capitalised organisation heads right after the span ("Castell" + "Freight")
    if (s.type === 'ORG' || s.type === 'PERSON' || s.type === 'MISC') {
      let j = s.to;
      while (j < texts.length && isOrgHead(texts[j]) && spaced(ctx, j) && !spans.some((x) => x.from === j)) j++;
      if (j > s.to) {
        s.to = j;
        s.type = 'ORG';
        s.sure = true;
        continue;
      }
    }
    if (s.to - s.from < 2) continue;
    const whole = spanText(ctx, s.from, s.to);
    const last = texts[s.to - 1];
    if (isCompanySuffix(last) && !countryByName(whole) && !isRegion(whole)) {
      s.type = 'ORG';
      s.sure = true;
    } else if (isOrgHead(last) && s.type === 'PERSON') {
      // (not MISC: the tagger reads leagues, cups and events that end in such words as MISC: "American League")
      s.type = 'ORG';
      s.sure = true;
    }
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------
// 7. "the organisation he founded"

function orgDescriptions(ctx: Ctx, spans: Span[]): void {
  const { doc } = ctx;
  if (!/found|set up|establish|creat|launch|start|run|ran|lead|led|head|chair|own|buil|fund/.test(doc.text)) return;
  ctx.ranges.forEach(([a, b], si) => {
    if (b <= a) return;
    const sStart = doc.tokens[a].start;
    const sText = doc.text.slice(sStart, doc.tokens[b - 1].end);
    ORG_DESCRIPTION.lastIndex = 0;
    for (let m = ORG_DESCRIPTION.exec(sText); m; m = ORG_DESCRIPTION.exec(sText)) {
      const mStart = sStart + m.index;
      const mEnd = mStart + m[0].length;
      let target: Span | undefined;
      // "X, the organisation he founded"
      target = spans.find(
        (s) => s.from >= a && s.to <= b && DESCRIPTION_GAP.test(doc.text.slice(doc.tokens[s.to - 1].end, mStart)),
      );
      // "the organisation he founded, X"
      target ??= spans.find(
        (s) => s.from >= a && s.to <= b && DESCRIPTION_GAP.test(doc.text.slice(mEnd, doc.tokens[s.from].start)),
      );
      // "... the organisation he founded. X is ..." (the name opens the next sentence)
      if (!target && DESCRIPTION_ENDS.test(doc.text.slice(mEnd, doc.tokens[b - 1].end)) && si + 1 < ctx.ranges.length) {
        const [na] = ctx.ranges[si + 1];
        target = spans.find((s) => s.from >= na && isInitial(ctx, s.from));
      }
      if (target && (target.type === 'PERSON' || target.type === 'MISC' || target.type === 'ORG')) {
        target.type = 'ORG';
        target.sure = true;
      }
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 8. "to Leeds"

function placeAfterPreposition(ctx: Ctx, spans: Span[]): void {
  const { texts } = ctx;
  // names the tagger reads as an organisation that owns something ("Cleveland 's lead", "Milan's
  // Lentini") as often as after a preposition of place: a club or firm named for its city
  const votes = new Map<string, number>();
  for (const s of spans) {
    if (s.type !== 'ORG' || s.to - s.from !== 1) continue;
    const k = foldKey(texts[s.from]);
    const place = s.from > 0 && PLACE_PREPOSITION.test(texts[s.from - 1]);
    const owner = POSSESSIVE_TOKEN.test(texts[s.to] ?? '');
    if (place || owner) votes.set(k, (votes.get(k) ?? 0) + (place ? 1 : -1));
  }
  for (const s of spans) {
    if ((votes.get(foldKey(texts[s.from])) ?? 0) <= 0) continue;
    if (s.sure || s.type !== 'ORG' || s.to - s.from !== 1 || s.from === 0) continue;
    const w = texts[s.from];
    if (!PLACE_PREPOSITION.test(texts[s.from - 1])) continue;
    if ((countryByName(w) || isCityOrState(w)) && !knownOrgForm(w)) {
      s.type = 'GPE';
      s.sure = true;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 9. one sense per article

function propagate(ctx: Ctx, spans: Span[]): Span[] {
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

function capsLines(ctx: Ctx, spans: Span[]): Span[] {
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
