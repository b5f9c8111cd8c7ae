/**
 * Time expressions: find dates, times, durations and sets in the text and give each an ISO 8601 /
 * TimeML value resolved against the publication day (`doc.source.published`).
 *
 *   "last month" → 2025-06   "on Wednesday" → 2025-07-16   "14 years" → P14Y   "weekly" → P1W (set)
 *
 * How it works (see times/ for the parts):
 * - times/grammar.ts: a compact grammar (named regular expressions with context guards) that finds
 *   candidate expressions and their meaning with the anchor left open;
 * - here: overlapping candidates are settled (longest wins), modifiers join ("earlier this month",
 *   "almost two years"), the tense of the sentence is read (past / future) and each expression is
 *   anchored by times/resolve.ts;
 * - quotations: a relative date inside a quotation ("I spoke to him yesterday") is resolved against
 *   the day the quotation was spoken or written when the narrative dates it. The rule: the
 *   reference day of a quotation is the nearest day-precise, not-future date expression of the
 *   narrative (outside quotations) that comes before the quotation, in its own paragraph or in the
 *   `QUOTE_CONTEXT_PARAGRAPHS` paragraphs before it; when the quotation has a known speaker, that
 *   date's sentence must mention the speaker (or be the quotation's own sentence), so that the
 *   date of an unrelated event is not taken for the date of the speech. Otherwise it is the
 *   publication day.
 * - clock times take the day of the nearest day-precise date of their sentence (or the sentence
 *   before), else the reference day, TimeML-style: "3pm" → `2025-07-19T15:00`; `T15:00` when no day
 *   is known at all.
 *
 * Without a publication day, relative expressions keep TimeML's open values (`XXXX-XX-XX` for
 * "yesterday", `XXXX-WXX-3` for "on Wednesday", `XXXX-07-19` for "July 19"); absolute ones
 * ("19 July 2025", "14 years") are unaffected.
 *
 * Known gaps: anaphoric dates ("the following day", "that week") are not anchored to the previous
 * event; ages ("a 27-year-old") are not durations; "now" is not reported.
 */
import type { Doc } from '../model/doc.ts';
import type { Quote, TimeExpression } from '../model/analysis.ts';
import type { Stage } from '../model/stage.ts';
import { isoDay, parseIsoDay } from './times/calendar.ts';
import {
  DATE_PREFIX,
  DURATION_PREFIX,
  HALF_PREFIX,
  RULES as GRAMMAR_RULES,
  YEAR_RANGE,
  type Kind,
  type Rule,
  type Sem,
} from './times/grammar.ts';
import { clockValue, resolveSem, type Direction } from './times/resolve.ts';
import { inferPublished } from './times/published.ts';
import { ANAPHORIC_RULES, canFocus, movesFocus, resolveAnaphor, shiftValue } from './times/anaphora.ts';
import { alternation } from '../lexicon/load.ts';
import { countBelow, firstStartAtOrAfter } from '../text/search.ts';

/** How many paragraphs before a quotation's own may hold the date it was spoken on. */
export const QUOTE_CONTEXT_PARAGRAPHS = 2;
/** Markers of future reference in a sentence ("will meet on Wednesday"). */
const FUTURE_MARKER = alternation('time-words', 'futureMarkerPattern', true);
/** Markers of past reference: past auxiliaries, common irregular reporting verbs, -ed forms. */
const PAST_MARKER = alternation('time-words', 'pastMarkerPattern', true);
/** A marker of future or past reference (which group matched tells). */
const TENSE_RE = new RegExp(String.raw`\b(?:(${FUTURE_MARKER})|(${PAST_MARKER}))\b`, 'gi');
/** "-ed" words that are no past tense ("need", "hundred", "indeed"). */
const NOT_PAST_ED = new RegExp(`(?:${alternation('time-words', 'notPastEd')})$`, 'i');
/** A rough sentence end, used when no sentence stage has run. */
const SENTENCE_END = /[.!?…]+["”’')\]]*\s+(?=["“‘'([]?[A-Z0-9])|\n+/g;

interface Candidate {
  start: number;
  end: number;
  rule: number;
  sem: Sem;
  kind: Kind;
}

interface Span {
  start: number;
  end: number;
}

/**
 * The rules' `needs`, found in one scan of a text instead of one `includes` per needle (most
 * needles are absent from most texts, so each `includes` read the whole text). A substring search,
 * not a word search: needles are parts of words ("esterday", "ver the"), so tokens would not serve.
 * Needles are indexed by their first two characters (all are printable ASCII of two or more:
 * checked when built).
 * Case-ignoring rules (few, with few needles) keep their `includes` on the lower-cased text.
 */
class NeedleScan {
  /** `heads[c0 * 128 + c1]`: 1 + the first needle starting with c0 c1, 0: none. */
  private heads = new Int32Array(128 * 128);
  /** Per needle: its text, the next needle with the same start (1 + index, 0: none), its rules. */
  private needles: { text: string; next: number; rules: number[] }[] = [];
  /** Rules met whatever the text (no `needs`), as a start for `met`. */
  private always: Uint8Array;
  /** The case-ignoring rules with `needs`. */
  private caseless: number[] = [];

  constructor(private rules: readonly Rule[]) {
    this.always = Uint8Array.from(rules, (r) => (r.needs ? 0 : 1));
    const byText = new Map<string, number>();
    rules.forEach((rule, ri) => {
      if (!rule.needs) return;
      if (rule.re.ignoreCase) {
        this.caseless.push(ri);
        return;
      }
      for (const n of rule.needs) {
        if (!/^[\x20-\x7e]{2,}$/.test(n))
          throw new Error(`time rule ${rule.name}: need "${n}" is not printable ASCII of two or more`);
        let k = byText.get(n);
        if (k === undefined) {
          byText.set(n, (k = this.needles.length));
          const slot = n.charCodeAt(0) * 128 + n.charCodeAt(1);
          this.needles.push({ text: n, next: this.heads[slot], rules: [] });
          this.heads[slot] = k + 1;
        }
        this.needles[k].rules.push(ri);
      }
    });
  }

  /** `met[r]` = 1 when rule r has no `needs` or the text holds one of them. */
  met(text: string): Uint8Array {
    const met = this.always.slice();
    this.scan(text, met);
    if (this.caseless.length > 0) {
      const lower = text.toLowerCase();
      for (const ri of this.caseless) if (this.rules[ri].needs!.some((s) => lower.includes(s))) met[ri] = 1;
    }
    return met;
  }

  private scan(hay: string, met: Uint8Array): void {
    const { needles, heads } = this;
    let c1 = hay.charCodeAt(0);
    for (let i = 0; i + 1 < hay.length; i++) {
      const c0 = c1;
      c1 = hay.charCodeAt(i + 1);
      if (c0 >= 128 || c1 >= 128) continue;
      for (let k = heads[c0 * 128 + c1]; k !== 0;) {
        const nd = needles[k - 1];
        if (hay.startsWith(nd.text, i)) for (const ri of nd.rules) met[ri] = 1;
        k = nd.next;
      }
    }
  }
}

/** Every rule: the anaphoric ones, then the grammar's (on a tie in length, the earlier rule wins: "the following
 * year" is a date after the year in focus, not a duration). */
export const RULES: Rule[] = [...ANAPHORIC_RULES, ...GRAMMAR_RULES];

/** The needle scan of the rules, built when first needed. */
let needleScan: NeedleScan | undefined;

/** Which rules could match `text` (`met[r]` = 1), by one scan for all their `needs`. */
export function needsMet(text: string): Uint8Array {
  return (needleScan ??= new NeedleScan(RULES)).met(text);
}

/**
 * Find the time expressions of a text (the grammar pass, before anchoring), running the rules `met`
 * marks: by default those whose `needs` the text holds (a rule could not match elsewhere:
 * `needsMet`).
 */
export function findCandidates(text: string, met: Uint8Array = needsMet(text)): Candidate[] {
  const found: Candidate[] = [];
  RULES.forEach((rule, ri) => {
    if (!met[ri]) return;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const sem = rule.parse(m, text);
      if (!sem) continue;
      const start = sem.from ?? m.index;
      delete sem.from;
      found.push({
        start,
        end: m.index + m[0].length,
        rule: ri,
        sem,
        kind: rule.kindOf ? rule.kindOf(sem) : rule.kind,
      });
    }
  });
  // Longest match wins; on a tie, the earlier rule (more specific) wins.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.rule - b.rule || a.start - b.start);
  const chosen: Candidate[] = [];
  // the spans taken, apart from each other, sorted by start (so by end too): one can overlap a new one
  const taken: Span[] = [];
  for (const c of found) {
    const k = firstStartAtOrAfter(taken, c.end);
    if (k > 0 && taken[k - 1].end > c.start) continue;
    taken.splice(k, 0, c);
    chosen.push(c);
  }
  // Spans of years are reported beside the years they join.
  YEAR_RANGE.lastIndex = 0;
  for (const m of text.matchAll(YEAR_RANGE)) {
    const from = +(m[1] ?? m[3]);
    const to = +(m[2] ?? m[4]);
    if (to > from)
      chosen.push({
        start: m.index,
        end: m.index + m[0].length,
        rule: RULES.length,
        sem: { k: 'fixed', value: `P${to - from}Y` },
        kind: 'duration',
      });
  }
  chosen.sort((a, b) => a.start - b.start || b.end - a.end);
  // Modifiers join the expression after them without changing its value (TimeML `mod`).
  for (let i = 0; i < chosen.length; i++) {
    const c = chosen[i];
    const floor = i > 0 && chosen[i - 1].end <= c.start ? chosen[i - 1].end : c.start - 40;
    const window = text.slice(Math.max(0, floor, c.start - 40), c.start);
    const half = c.sem.k === 'fixed' && /^\d{4}$/.test(c.sem.value) ? HALF_PREFIX.exec(window) : null;
    if (half && c.sem.k === 'fixed') {
      c.sem = { k: 'fixed', value: `${c.sem.value}-H${half[1] === 'first' ? 1 : 2}` };
      c.start -= half[0].length;
      continue;
    }
    const prefix =
      c.kind === 'duration'
        ? /^the\s/i.test(text.slice(c.start, c.end))
          ? null
          : DURATION_PREFIX
        : c.kind === 'set'
          ? null
          : DATE_PREFIX;
    const mod = prefix?.exec(window);
    if (mod) c.start -= mod[0].length;
  }
  return chosen;
}

/** Past (−1) or future (+1) reading of the sentence around `[start, end)`; 0 when unknown. */
export function tenseAt(text: string, sentence: Span, start: number, end: number): Direction {
  const s = text.slice(sentence.start, sentence.end);
  TENSE_RE.lastIndex = 0;
  let best: Direction = 0;
  let bestDistance = Infinity;
  let m: RegExpExecArray | null;
  while ((m = TENSE_RE.exec(s)) !== null) {
    const at = sentence.start + m.index;
    if (at >= start && at < end) continue; // the expression itself ("next", "ago")
    if (m[2] && /ed$/i.test(m[2]) && NOT_PAST_ED.test(m[2])) continue;
    const distance = at < start ? start - (at + m[0].length) : at - end;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = m[1] ? 1 : -1;
    }
  }
  return best;
}

/** Sentence spans: the sentence stage's, or a rough split when it has not run. */
function sentenceSpans(doc: Doc): Span[] {
  if (doc.sentences.length > 0) return doc.sentences;
  return splitSpans(doc.text, SENTENCE_END);
}

/** Paragraph spans: the cleaner's blocks, or lines when there is a single block. */
function paragraphSpans(doc: Doc): Span[] {
  if (doc.blocks.length > 1) return doc.blocks;
  return splitSpans(doc.text, /\n+/g);
}

/** The non-blank spans of a text between the matches of `sep`. */
function splitSpans(text: string, sep: RegExp): Span[] {
  const spans: Span[] = [];
  let from = 0;
  sep.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = sep.exec(text)) !== null) {
    const to = m.index + m[0].length;
    if (text.slice(from, m.index).trim()) spans.push({ start: from, end: m.index });
    from = to;
  }
  if (text.slice(from).trim()) spans.push({ start: from, end: text.length });
  return spans;
}

/**
 * The first of `spans` (in their order) holding `[start, end)`, or -1. For spans sorted by start,
 * a binary search over the furthest end reached (`reach`, see `reachOf`); else a walk.
 */
function containingIndex(spans: readonly Span[], reach: number[] | null, start: number, end: number): number {
  if (!reach) return spans.findIndex((q) => start >= q.start && end <= q.end);
  const lo = countBelow(reach, end);
  return lo < spans.length && spans[lo].start <= start ? lo : -1;
}

/** The furthest end reached by each prefix of `spans`, or null when they are not sorted by start. */
function reachOf(spans: readonly Span[]): number[] | null {
  const reach: number[] = [];
  let far = -Infinity;
  for (let i = 0; i < spans.length; i++) {
    if (i > 0 && spans[i].start < spans[i - 1].start) return null;
    reach.push((far = Math.max(far, spans[i].end)));
  }
  return reach;
}

/** Index of the span containing `offset` (spans sorted), or the last one starting before it. */
function spanIndex(spans: Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}

/**
 * Quotation spans found from quotation marks, for when no quote stage has run: “…”, ‘…’ and "…"
 * pairs; a quotation left open at the end of a paragraph runs to the paragraph's end (news style
 * for quotations over several paragraphs). A character scan, not the Doc's tokens: it serves texts
 * no tokens stage has read, and it tells a closing quotation mark from an apostrophe by the
 * character after it.
 */
export function findQuoteSpans(text: string, paragraphs: Span[]): Span[] {
  const out: Span[] = [];
  for (const p of paragraphs) {
    let i = p.start;
    while (i < p.end) {
      const ch = text[i];
      const prev = i > p.start ? text[i - 1] : ' ';
      const opens =
        ch === '“' ||
        ((ch === '‘' || ch === '"' || ch === "'") && /[\s([:,—–-]/.test(prev) && /\S/.test(text[i + 1] ?? ''));
      if (!opens) {
        i++;
        continue;
      }
      const close = ch === '“' ? '”' : ch === '‘' ? '’' : ch;
      let j = i + 1;
      let end = -1;
      while (j < p.end) {
        const c = text[j];
        if (c === close || (ch === '"' && c === '”')) {
          const next = text[j + 1] ?? ' ';
          // An apostrophe inside a word ("Assad’s") does not close a quotation.
          if (close === '”' || close === '"' || !/[\p{L}\p{N}]/u.test(next)) {
            end = j + 1;
            break;
          }
        }
        j++;
      }
      if (end < 0) end = p.end;
      out.push({ start: i, end });
      i = end;
    }
  }
  return out;
}

/** A day-precise value (`2025-07-19`). */
const DAY_VALUE = /^\d{4}-\d{2}-\d{2}$/;

/** Anchor every candidate; returns the time expressions of the text. */
export function resolveTimes(doc: Doc, reference = doc.source.published): TimeExpression[] {
  const text = doc.text;
  const published = parseIsoDay(reference);
  const candidates = findCandidates(text);
  if (candidates.length === 0) return [];
  const sentences = sentenceSpans(doc);
  const paragraphs = paragraphSpans(doc);
  const quotes: (Span & { speaker?: string | null })[] =
    doc.quotes.length > 0 ? doc.quotes.filter((q: Quote) => q.kind !== 'indirect') : findQuoteSpans(text, paragraphs);
  const quoteReach = reachOf(quotes);
  const quoteOf = (c: Span) => containingIndex(quotes, quoteReach, c.start, c.end);
  const sentenceOf = (offset: number): Span => {
    const i = spanIndex(sentences, offset);
    return i >= 0 && sentences[i].end > offset
      ? sentences[i]
      : { start: Math.max(0, offset - 200), end: Math.min(text.length, offset + 200) };
  };

  const values: string[] = new Array(candidates.length).fill('');
  // Candidates come sorted by start, but a modifier may move one's start before the one before it
  // (a year inside a span of years): then every candidate is walked, as the searches below assume order.
  const sorted = reachOf(candidates) !== null;
  const startsBelow = (offset: number): number =>
    sorted ? firstStartAtOrAfter(candidates, offset) : candidates.length;
  const startsFrom = (offset: number): number => (sorted ? firstStartAtOrAfter(candidates, offset) : 0);
  const inQuote = candidates.map(quoteOf);

  // The date in focus before candidate i, for an anaphor of `unit`: the last date the narrative gave
  // in its paragraph or the QUOTE_CONTEXT_PARAGRAPHS before it (a quarter: anywhere before).
  const focusBefore = (i: number, unit: Parameters<typeof canFocus>[1]): string | null => {
    const pi = spanIndex(paragraphs, candidates[i].start);
    const from = unit === 'quarter' || pi < 0 ? 0 : paragraphs[Math.max(0, pi - QUOTE_CONTEXT_PARAGRAPHS)].start;
    for (let j = i - 1; j >= 0 && candidates[j].start >= from; j--) {
      if (inQuote[j] < 0 && movesFocus(candidates[j].sem) && canFocus(values[j], unit)) return values[j];
    }
    return null;
  };

  // 1. The narrative, against the publication day; anaphors against the date in focus.
  candidates.forEach((c, i) => {
    if (inQuote[i] >= 0 || c.sem.k === 'clock') return;
    // "from $5 million a year ago" after a quarter compares with that quarter a year back (1988-Q3).
    const comparedQuarter =
      c.sem.k === 'ago' && c.sem.unit === 'year' && c.sem.n === 1 ? focusBefore(i, 'quarter') : null;
    values[i] =
      c.sem.k === 'anaphor'
        ? resolveAnaphor(c.sem, focusBefore(i, c.sem.unit), published)
        : comparedQuarter !== null
          ? shiftValue(comparedQuarter, 'year', -1)
          : resolveSem(c.sem, published, tenseAt(text, sentenceOf(c.start), c.start, c.end));
  });

  // 2. Quotations, against the day the narrative says they were spoken.
  const quoteRef = new Map<number, number | null>();
  const refOfQuote = (qi: number): number | null => {
    if (quoteRef.has(qi)) return quoteRef.get(qi)!;
    const q = quotes[qi];
    let ref = published;
    if (published !== null) {
      const pi = spanIndex(paragraphs, q.start);
      const from = pi >= 0 ? paragraphs[Math.max(0, pi - QUOTE_CONTEXT_PARAGRAPHS)].start : 0;
      const speaker = q.speaker ? doc.entityById(q.speaker) : undefined;
      const ownSentence = sentenceOf(q.start);
      // candidates starting at or after the quotation end after its start: skipped
      for (let i = startsBelow(q.start) - 1; i >= 0; i--) {
        const c = candidates[i];
        if (c.end > q.start || inQuote[i] >= 0) continue;
        if (c.start < from) break;
        if (!DAY_VALUE.test(values[i])) continue;
        const day = parseIsoDay(values[i]);
        if (day === null || day > published) continue;
        if (speaker) {
          const s = sentenceOf(c.start);
          const mentions =
            s.start === ownSentence.start || speaker.mentions.some((m) => m.start >= s.start && m.end <= s.end);
          if (!mentions) continue;
        }
        ref = day;
        break;
      }
    }
    quoteRef.set(qi, ref);
    return ref;
  };
  candidates.forEach((c, i) => {
    if (inQuote[i] < 0 || c.sem.k === 'clock') return;
    values[i] = resolveSem(c.sem, refOfQuote(inQuote[i]), tenseAt(text, sentenceOf(c.start), c.start, c.end));
  });

  // 3. Clock times take the day of their sentence (or the one before), else the reference day.
  candidates.forEach((c, i) => {
    if (c.sem.k !== 'clock') return;
    const s = sentenceOf(c.start);
    const prev = sentenceOf(Math.max(0, s.start - 1));
    let day: string | null = null;
    let bestDistance = Infinity;
    // only candidates starting inside the two sentences can lie in them
    const last = startsBelow(Math.max(s.end, prev.end));
    for (let j = startsFrom(Math.min(s.start, prev.start)); j < last; j++) {
      const o = candidates[j];
      if (j === i || !/^\d{4}-\d{2}-\d{2}/.test(values[j])) continue;
      const inSentence = o.start >= s.start && o.end <= s.end;
      const inPrev = !inSentence && o.start >= prev.start && o.end <= prev.end && prev.start < s.start;
      if (!inSentence && !inPrev) continue;
      const distance = (inSentence ? 0 : 1e6) + Math.abs(o.start - c.start);
      if (distance < bestDistance) {
        bestDistance = distance;
        day = values[j].slice(0, 10);
      }
    }
    if (day === null) {
      const ref = inQuote[i] >= 0 ? refOfQuote(inQuote[i]) : published;
      if (ref !== null) day = isoDay(ref);
    }
    values[i] = clockValue(c.sem.h, c.sem.min, c.sem.zone, day);
  });

  const out: TimeExpression[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i];
    const next = candidates[i + 1];
    // A clock time right before the day it is on is one time: "9 a.m. Tuesday", "5 p.m. EST Nov. 9".
    if (
      c.sem.k === 'clock' &&
      next &&
      CLOCK_DAY_GAP.test(text.slice(c.end, next.start)) &&
      DAY_VALUE.test(values[i + 1])
    ) {
      const value = values[i + 1] + values[i].slice(values[i].indexOf('T'));
      out.push({ text: text.slice(c.start, next.end), start: c.start, end: next.end, value, kind: 'time' });
      i++;
      continue;
    }
    out.push({ text: text.slice(c.start, c.end), start: c.start, end: c.end, value: values[i], kind: c.kind });
  }
  return out;
}

/** What may stand between a clock time and the day after it for the two to be one time. */
const CLOCK_DAY_GAP = /^,? $/;

/** The times stage: time expressions anchored to the publication day. */
export const timeStage: Stage = {
  name: 'times',
  reads: ['text', 'blocks', 'sentences', 'quotes'],
  adds: ['times', 'publishedInferred'],
  run(doc: Doc) {
    doc.times = resolveTimes(doc);
    if (parseIsoDay(doc.source.published) !== null || doc.times.length === 0) return;
    // No publication day given: read it from the text (times/published.ts), and resolve against it
    // what was left open, marked as resting on an inferred day.
    const today = Math.floor(Date.now() / 86_400_000); // day numbers count days since 1970-01-01
    const inferred = inferPublished(doc.text, findCandidates(doc.text), sentenceSpans(doc), today);
    if (!inferred) {
      doc.info('times', 'no publication day: relative dates keep open values (XXXX-XX-XX)');
      return;
    }
    doc.publishedInferred = inferred;
    const open = doc.times;
    doc.times = resolveTimes(doc, inferred.value).map((t, i) =>
      t.value !== open[i].value ? { ...t, inferred: true } : t,
    );
    doc.info('times', `no publication day given: ${inferred.value} read from the text; relative dates rest on it`);
  },
};
