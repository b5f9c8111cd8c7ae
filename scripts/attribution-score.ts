/**
 * PolNeAR scoring of sitrep's quotes and claims together (`../shared/data/README.md`):
 *
 * - a gold content is found when one quote or claim and the gold content each have at least
 *   half their word tokens in common;
 * - recall over speech attributions (the cue is a reporting word, or the content a quotation)
 *   and over all; precision: the share of quotes and claims that match some gold content;
 * - source accuracy: of the gold attributions found, the share whose best-matching item's source
 *   shares a content word with the gold source (gold sources that are only pronouns left out).
 */
import type { Doc } from '../src/model/doc.ts';
import { offsetMap, type GoldAttribution, type GoldSpan, type PolnearDoc } from '../src/nlp/attribution/polnear.ts';
import { REPORTING_VERBS } from '../src/extract/attribution/verbs.ts';
import { wordSet } from '../src/lexicon/load.ts';

/** One quote or claim, in the original text's offsets. */
export interface Item {
  start: number;
  end: number;
  kind: 'quote' | 'claim';
  source: string;
  text: string;
  /** What kind of quote or claim it is ("quote direct", "claim anonymous hedged"), for reports. */
  detail: string;
}

export interface Tally {
  gold: number;
  found: number;
  speech: number;
  speechFound: number;
  items: number;
  itemsMatched: number;
  sourceChecked: number;
  sourceRight: number;
}

export function emptyTally(): Tally {
  return { gold: 0, found: 0, speech: 0, speechFound: 0, items: 0, itemsMatched: 0, sourceChecked: 0, sourceRight: 0 };
}

export function addTally(a: Tally, b: Tally): void {
  for (const k of Object.keys(a) as (keyof Tally)[]) a[k] += b[k];
}

/** Start offsets of the word tokens of `text`. */
function wordStarts(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}]+/gu)) out.push(m.index);
  return out;
}

function wordsOf(s: string): string[] {
  return s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

const QUOTE_OPEN = /^\s*["“‘'«]/;
const QUOTE_CLOSE = /["”’'»][.,!?]?\s*$/;

/** Speech: a reporting word as cue, or a quotation as content. */
export function isSpeech(text: string, a: GoldAttribution): boolean {
  if (a.cue) {
    const cue = text.slice(a.cue.start, a.cue.end).toLowerCase();
    if (/\baccording\b/.test(cue)) return true;
    if (wordsOf(cue).some((w) => REPORTING_VERBS.has(w))) return true;
  }
  if (a.content) {
    const c = text.slice(a.content.start, a.content.end);
    if (QUOTE_OPEN.test(c) && QUOTE_CLOSE.test(c)) return true;
  }
  return false;
}

/** Grammatical words (`data/lexicons/stop-words.json`): no content. */
const STOP_WORDS = wordSet('stop-words', 'words');

function contentWords(s: string): Set<string> {
  return new Set(wordsOf(s).filter((w) => !STOP_WORDS.has(w) && w.length > 1));
}

/** Whether a gold source is only pronouns and function words ("he", "they", "we"). */
function pronounOnly(s: string): boolean {
  return contentWords(s).size === 0;
}

/** The quotes and claims of an analysed Doc, mapped back into the original article's offsets. */
export function itemsOf(doc: Doc, original: string): Item[] {
  // Map cleaned offsets back to the original: align the other way round.
  const back = offsetMap(doc.text, original);
  const name = (id: string | null | undefined) => doc.entityById(id)?.name ?? '';
  const items: Item[] = [];
  for (const q of doc.quotes) {
    items.push({
      start: back.start(q.start),
      end: back.end(q.end),
      kind: 'quote',
      source: `${q.speakerText ?? ''} ${name(q.speaker)}`,
      text: q.text,
      detail: `quote ${q.kind}${q.speaker ? '' : ' no speaker'}`,
    });
  }
  for (const c of doc.claims) {
    items.push({
      start: back.start(c.start),
      end: back.end(c.end),
      kind: 'claim',
      source: `${c.source.text ?? ''} ${name(c.source.entity)}`,
      text: c.text,
      detail: `claim ${c.source.kind}${c.hedged ? ' hedged' : ''}`,
    });
  }
  return items;
}

/** How many of `starts` fall inside the span's pieces. */
function countIn(starts: number[], span: { pieces: Array<[number, number]> }): number {
  let n = 0;
  for (const s of starts) if (span.pieces.some(([a, b]) => s >= a && s < b)) n++;
  return n;
}

/** A gold attribution's standing against the items: the best match's overlap, or none. */
export interface GoldResult {
  gold: GoldAttribution;
  speech: boolean;
  match: Item | null;
  sourceRight: boolean | null;
}

/** Scores one article's items against its gold attributions. */
export function scoreDoc(doc: PolnearDoc, items: Item[]): { tally: Tally; results: GoldResult[]; matched: Uint8Array } {
  const starts = wordStarts(doc.text);
  const wordsIn = (span: { pieces: Array<[number, number]> }) => starts.filter((s) => countIn([s], span) > 0);
  const itemWords = items.map((it) => wordsIn({ pieces: [[it.start, it.end]] }));
  const matched = new Uint8Array(items.length);
  const tally = emptyTally();
  const results: GoldResult[] = [];
  for (const g of doc.attributions) {
    if (!g.content) continue;
    const gw = wordsIn(g.content);
    if (!gw.length) continue;
    const speech = isSpeech(doc.text, g);
    tally.gold++;
    if (speech) tally.speech++;
    let best = -1;
    let bestShare = 0;
    items.forEach((it, k) => {
      const common = countIn(itemWords[k], g.content as GoldSpan);
      if (common * 2 >= gw.length && common * 2 >= itemWords[k].length && common > 0) {
        matched[k] = 1;
        const share = common / Math.max(gw.length, itemWords[k].length);
        if (share > bestShare) {
          bestShare = share;
          best = k;
        }
      }
    });
    let sourceRight: boolean | null = null;
    if (best >= 0) {
      tally.found++;
      if (speech) tally.speechFound++;
      const gs = g.source ? doc.text.slice(g.source.start, g.source.end) : '';
      if (g.source && !pronounOnly(gs)) {
        tally.sourceChecked++;
        const want = contentWords(gs);
        sourceRight = [...contentWords(items[best].source)].some((w) => want.has(w));
        if (sourceRight) tally.sourceRight++;
      }
    }
    results.push({ gold: g, speech, match: best >= 0 ? items[best] : null, sourceRight });
  }
  tally.items = items.length;
  tally.itemsMatched = matched.reduce((a, b) => a + b, 0);
  return { tally, results, matched };
}

export function summary(t: Tally): { speechRecall: number; recall: number; precision: number; sourceAccuracy: number } {
  const r = (a: number, b: number) => (b ? a / b : 0);
  return {
    speechRecall: r(t.speechFound, t.speech),
    recall: r(t.found, t.gold),
    precision: r(t.itemsMatched, t.items),
    sourceAccuracy: r(t.sourceRight, t.sourceChecked),
  };
}
