/**
 * Correction rules 3, 6 and 7, organisations: listed organisations and the article's publisher
 * are ORG, written as listed; a name ending in a company suffix or an organisation head is an ORG
 * (and grows over capitalised heads after it); a name the text describes as an organisation
 * someone founded or runs is an ORG.
 */
import {
  countryByName,
  foldKey,
  isCompanySuffix,
  isListedCompany,
  isOrgHead,
  isRegion,
  knownOrgForm,
  knownOrgPrefixes,
} from '../../../lexicon/lexicon.ts';
import { alternation } from '../../../lexicon/load.ts';
import { containedInLonger, fold, isInitial, place, span, spaced, spanText, type Ctx, type Span } from './spans.ts';

/** Articles opening listed names that text writes in either case ("the Times", "al-Qaeda", "el-Nusra"). */
const CASELESS_ARTICLE = /^(?:The|Al|El)$/;
/** A piece of `ORG_DESCRIPTION` (`data/lexicons/org-descriptions.json`, regular-expression pieces). */
const piece = (key: string) => alternation('org-descriptions', key, true);
/**
 * A description that says the next or previous name is an organisation someone founded or runs:
 * "the organisation he founded", "a consultancy she set up", "the charity they run".
 */
const ORG_DESCRIPTION = new RegExp(
  `\\b(?:${piece('determiners')})\\s+(?:[a-z-]+\\s+)?(?:${piece('nouns')})\\s+(?:(?:that|which)\\s+)?` +
    `(?:${piece('subjects')})\\s+(?:(?:${piece('adverbs')})\\s+)?(?:${piece('verbs')})\\b`,
  'g',
);
/** A verb of `ORG_DESCRIPTION` anywhere in the text: an article without one has no such description. */
const ORG_DESCRIPTION_VERB = new RegExp(piece('verbs'));
/** What may stand between an organisation description and the name it describes (", ", " – ", " called "). */
const DESCRIPTION_GAP = /^(?:\s*[,:\u2013\u2014-]\s*|\s+(?:called|named|known as)\s+)$/;
/** The sentence ends right after the description (only closing punctuation left). */
const DESCRIPTION_ENDS = /^[\s.!?'"’”)\]]*$/;

// ---------------------------------------------------------------------------------------------
// 3. listed organisations and the publisher

/** Rule 3: listed organisations and the publisher are ORG, written as listed. */
export function listedOrgs(ctx: Ctx, spans: Span[]): Span[] {
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
    // "the Amazon", "the Apple Watch": a company's bare name after "the" is a place or a product's.
    const company = isListedCompany(spanText(ctx, i, best));
    const afterThe = company && i > 0 && /^the$/i.test(texts[i - 1]);
    if (!afterThe && !containedInLonger(out, i, best)) out = place(out, span(i, best, 'ORG', true));
    // A longer name a listed company opens is the company's, not a place its name happens to
    // share: a division when it ends in an organisation word ("Amazon Web Services"), else a
    // product or service ("Amazon Music Unlimited", "Apple AirPods"), MISC.
    const longer = company && !afterThe ? out.find((x) => x.from === i && x.to > best && !x.sure) : undefined;
    if (longer && longer.type !== 'PERSON') {
      const last = texts[longer.to - 1];
      longer.type = isOrgHead(last) || isCompanySuffix(last) ? 'ORG' : 'MISC';
    }
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
// 6. organisation heads and company suffixes

/** Rule 6: company suffixes and organisation heads make an ORG; a name grows over heads after it. */
export function orgHeads(ctx: Ctx, spans: Span[]): Span[] {
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

/** Rule 7: a name described as an organisation someone founded or runs is an ORG. */
export function orgDescriptions(ctx: Ctx, spans: Span[]): void {
  const { doc } = ctx;
  if (!ORG_DESCRIPTION_VERB.test(doc.text)) return;
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
