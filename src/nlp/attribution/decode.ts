/**
 * Reading attributions with the model: cues first, then each cue's source and content.
 *
 * 1. Every token is scored as (part of) a cue; a run of cue tokens is one cue ("according to",
 *    "has said").
 * 2. For each cue, the tokens of a window (its sentence and `windowSentences` either side, within
 *    its paragraph and the ones beside it) are labelled source, content or neither by Viterbi.
 * 3. The source is the run of source tokens nearest the cue; the content the longest run of
 *    content tokens, joined with runs beside it that only the cue or source separates ("“…,” she
 *    said, “…”").
 */
import { Cls, cueFeatures, Features, roleFeatures, type CueSpan, type TokenView } from './features.ts';
import { N_SCORED, ROLE, viterbi, type AttributionModel } from './model.ts';

/**
 * How far (in tokens) any step of decoding reads from its cue or content. A "sentence" of
 * thousands of words (a text with no full stops) is read in stretches this long, so the time a
 * text takes grows with its length, not with its length squared.
 */
const MAX_REACH = 150;

/** Token spans of one attribution: [start, end) token indices. */
export interface TokenAttribution {
  cue: CueSpan;
  source: CueSpan | null;
  content: CueSpan | null;
}

/**
 * Tokens that can be cues: words, and the colon of "Caddell: voters are worried" headlines; not
 * inside a quotation (what a speaker reports within a quotation is part of what the speaker says).
 */
export function cueCandidate(v: TokenView, i: number): boolean {
  const c = v.cls[i];
  if (v.quoted[i]) return false;
  return c === Cls.Word || c === Cls.Cap || c === Cls.Colon || c === Cls.Number;
}

/** How much lower the cue threshold of a reporting verb right after a tagged name is (set on held-back articles). */
const NAMED_SPEAKER_BONUS = 12;

/** Flags of the tokens the model reads as cue tokens. */
export function predictCues(model: AttributionModel, v: TokenView): Uint8Array {
  const flags = new Uint8Array(v.n);
  const feats = new Features();
  for (let i = 0; i < v.n; i++) {
    if (!cueCandidate(v, i)) continue;
    feats.clear();
    cueFeatures(v, i, feats);
    const { verb, other } = model.header.cueThresholds;
    // Heuristic "a name, then a verb of saying": a reporting verb right after a person or an
    // organisation the recogniser tagged ("The Mail on Sunday reveals", "Baltrans said") is taken
    // on a lower score.
    const named = i > 0 && ((v.tag[i - 1] & 7) === 1 || (v.tag[i - 1] & 7) === 2);
    const threshold = v.verb[i] ? (named ? verb - NAMED_SPEAKER_BONUS : verb) : other;
    if (model.cueScore(feats) > threshold) flags[i] = 1;
  }
  return flags;
}

/** Runs of flagged tokens, as cue spans; a colon closing a run of words is left out of it ("said:"). */
export function cueRuns(v: TokenView, flags: Uint8Array): CueSpan[] {
  const out: CueSpan[] = [];
  for (let i = 0; i < flags.length; i++) {
    if (!flags[i]) continue;
    let j = i;
    while (j < flags.length && flags[j]) j++;
    const end = j - 1 > i && v.cls[j - 1] === Cls.Colon ? j - 1 : j;
    out.push({ start: i, end });
    i = j;
  }
  return out;
}

/** Prefix sums of cue flags. */
export function prefixCounts(flags: Uint8Array): Int32Array {
  const out = new Int32Array(flags.length + 1);
  for (let i = 0; i < flags.length; i++) out[i + 1] = out[i] + flags[i];
  return out;
}

/** The role window of a cue: token range [lo, hi). */
export function roleWindow(v: TokenView, cue: CueSpan, windowSentences: number): [number, number] {
  const s = v.sentence[cue.start];
  const b = v.block[cue.start];
  let lo = cue.start;
  const far = Math.max(0, cue.start - MAX_REACH);
  while (lo > far && v.sentence[lo - 1] >= s - windowSentences && v.block[lo - 1] >= b - 1) lo--;
  let hi = cue.end;
  const farEnd = Math.min(v.n, cue.end + MAX_REACH);
  while (hi < farEnd && v.sentence[hi] <= s + windowSentences && v.block[hi] <= b + 1) hi++;
  return [lo, hi];
}

/** The emission scores of the window being decoded, reused window after window. */
let scoreBuffer = new Float32Array(1024);

/** Emission scores (O, S, C per token) of a cue's window (a shared buffer: read it before the next call). */
export function windowScores(
  model: AttributionModel,
  v: TokenView,
  cue: CueSpan,
  cuesBefore: Int32Array,
  lo: number,
  hi: number,
): Float32Array {
  if (scoreBuffer.length < (hi - lo) * N_SCORED) scoreBuffer = new Float32Array((hi - lo) * N_SCORED * 2);
  const scores = scoreBuffer;
  const feats = new Features();
  for (let j = lo; j < hi; j++) {
    if (j >= cue.start && j < cue.end) continue;
    feats.clear();
    roleFeatures(v, cue, cuesBefore, j, feats);
    model.roleScores(feats, scores, (j - lo) * N_SCORED);
  }
  return scores;
}

/** The cue's tokens within its window, as the fixed flags Viterbi needs. */
export function cueFlags(cue: CueSpan, lo: number, hi: number): Uint8Array {
  const fixed = new Uint8Array(hi - lo);
  for (let j = cue.start; j < cue.end; j++) fixed[j - lo] = 1;
  return fixed;
}

/** Runs of one label in a window's labels, as absolute token spans. */
function runs(labels: Uint8Array, lo: number, label: number): CueSpan[] {
  const out: CueSpan[] = [];
  for (let k = 0; k < labels.length; k++) {
    if (labels[k] !== label) continue;
    let e = k;
    while (e < labels.length && labels[e] === label) e++;
    out.push({ start: lo + k, end: lo + e });
    k = e;
  }
  return out;
}

/** A content run shorter than this (in tokens) is not joined across the cue ("It is | alleged | that …"). */
const MIN_JOINED_RUN = 4;

/** Content runs this close to the main one (in tokens), with only the cue or source between, join it. */
const CONTENT_JOIN_GAP = 8;

/** Whether the token at `k` is punctuation that sets a phrase off (without token classes: always). */
function separates(cls: Uint8Array | undefined, k: number): boolean {
  if (!cls) return true;
  const c = cls[k];
  return c === Cls.Comma || c === Cls.Dash || c === Cls.Colon || c === Cls.OpenMark || c === Cls.CloseMark;
}

/** Source and content of a cue from its window's labels. */
export function rolesFromLabels(
  cue: CueSpan,
  labels: Uint8Array,
  lo: number,
  hasOwnCue: (run: CueSpan) => boolean = () => false,
  inCueSentence: (run: CueSpan) => boolean = () => true,
  cls?: Uint8Array,
): TokenAttribution {
  const dist = (r: CueSpan) => (r.end <= cue.start ? cue.start - r.end : r.start - cue.end);
  // Heuristic "a parenthetical attribution": content runs either side of a cue are one content
  // only where the cue and its source are set off by punctuation on both sides ("The plan, she
  // said, would fail"; "“…,” she said, “…”"); "“…,” he said of the claim" goes on about
  // something else.
  const setOff = (a: number, b: number) =>
    (separates(cls, a - 1) || separates(cls, a)) && (separates(cls, b - 1) || separates(cls, b));
  let source: CueSpan | null = null;
  for (const r of runs(labels, lo, ROLE.S)) if (!source || dist(r) < dist(source)) source = r;
  // A run followed by an attribution of its own belongs to that one ("“…,” said another").
  const contents = runs(labels, lo, ROLE.C).filter((r) => !hasOwnCue(r));
  // The longest run, of those that reach into the cue's sentence where there are any: a run in a
  // sentence beyond belongs to another cue more often than to this one.
  const near = contents.filter(inCueSentence);
  let content: CueSpan | null = null;
  for (const r of near.length ? near : contents)
    if (!content || r.end - r.start > content.end - content.start) content = r;
  if (content) {
    let grown = true;
    while (grown) {
      grown = false;
      for (const r of contents) {
        const c: CueSpan = content;
        const gap = r.start >= c.end ? r.start - c.end : c.start - r.end;
        if (gap <= 0 || gap > CONTENT_JOIN_GAP) continue;
        const [a, b] = r.start >= c.end ? [c.end, r.start] : [r.end, c.start];
        const spansCue = cue.start >= a && cue.end <= b;
        if (!spansCue || r.end - r.start < MIN_JOINED_RUN || !setOff(a, b)) continue;
        content = { start: Math.min(c.start, r.start), end: Math.max(c.end, r.end) };
        grown = true;
      }
    }
  }
  return { cue, source, content };
}

/**
 * Heuristic "contents hold whole quotations": a content that begins or ends inside a quotation
 * (not one the cue itself stands in) is widened to the quotation's marks, so "he was ‘horrified
 * by the violence’" keeps its closing words and a quotation of three sentences is not cut after
 * the first.
 */
export function wholeQuotations(v: TokenView, cue: CueSpan, content: CueSpan): CueSpan {
  let { start, end } = content;
  const inside = (k: number) => v.quoteOpen[k] >= 0 && !(v.quoteOpen[k] <= cue.start && v.quoteClose[k] >= cue.end);
  if (inside(start)) start = Math.min(start, v.quoteOpen[start]);
  if (inside(end - 1)) end = Math.max(end, v.quoteClose[end - 1]);
  return { start, end };
}

/**
 * Heuristic "a dash aside does not end what was said": a content after its cue that stops at
 * either dash of an aside ("sources say their work – which … – made Syria safe") runs on past
 * the aside to the sentence end, when no other cue and no quotation mark stands in the rest.
 */
export function pastDashAside(v: TokenView, flags: Uint8Array, cue: CueSpan, content: CueSpan): CueSpan {
  if (content.start < cue.end || content.end >= v.n || v.cls[content.end] !== Cls.Dash) return content;
  const s = v.sentence[content.end];
  let inside = 0;
  for (let k = content.start; k < content.end; k++) if (v.cls[k] === Cls.Dash) inside++;
  let end = content.end + 1;
  let after = 0;
  const far = Math.min(v.n, content.end + MAX_REACH);
  while (end < far && v.sentence[end] === s) {
    if (flags[end] || v.cls[end] === Cls.OpenMark || v.cls[end] === Cls.CloseMark) return content;
    if (v.cls[end] === Cls.Dash) after++;
    end++;
  }
  // The dash closes an aside the content opened, or opens one a later dash closes.
  const closesAside = inside === 1 && after === 0;
  const opensAside = inside === 0 && after === 1;
  if (!closesAside && !opensAside) return content;
  while (end > content.end && v.cls[end - 1] === Cls.Stop) end--;
  return { start: content.start, end };
}

/** Token classes a content may stop before: punctuation that closes a phrase. */
function endsPhrase(c: number): boolean {
  return (
    c === Cls.Comma || c === Cls.Colon || c === Cls.Stop || c === Cls.Dash || c === Cls.CloseMark || c === Cls.OpenMark
  );
}

/**
 * Heuristic "a content ends at a phrase boundary": a content after its cue that stops before a
 * word, mid-phrase ("… who was hit | by a missile"), runs on to the next punctuation mark of its
 * sentence, unless another cue stands before it.
 */
export function toPhraseEnd(v: TokenView, flags: Uint8Array, cue: CueSpan, content: CueSpan): CueSpan {
  if (content.start < cue.end || content.end >= v.n || endsPhrase(v.cls[content.end])) return content;
  const s = v.sentence[content.end - 1];
  let end = content.end;
  const far = Math.min(v.n, content.end + MAX_REACH);
  while (end < far && v.sentence[end] === s && !endsPhrase(v.cls[end])) {
    if (flags[end]) return content;
    end++;
  }
  return { start: content.start, end };
}

/** How far after a quotation its own attribution is looked for, in tokens ("…,” the minister later wrote). */
const OWN_ATTRIBUTION_TOKENS = 12;

/**
 * Whether a stretch ending at `end` is followed by an attribution of its own in its sentence
 * ("“…,” said another"): a cue before the next mark, stop or sentence end.
 */
export function attributedAfter(v: TokenView, flags: Uint8Array, end: number): boolean {
  for (let k = end; k < v.n && k < end + OWN_ATTRIBUTION_TOKENS; k++) {
    if (v.cls[k] === Cls.OpenMark || v.cls[k] === Cls.Stop || v.sentence[k] !== v.sentence[end - 1]) return false;
    if (flags[k]) return true;
  }
  return false;
}

/**
 * Heuristic "according to X, what X says": where the model marks a source after its cue that
 * runs on past a comma and no content, the words after the comma, to the sentence end, are the
 * content ("According to two diplomats, the deal could be signed next week").
 */
function splitSourceAtComma(v: TokenView, cue: CueSpan, read: TokenAttribution): void {
  const src = read.source as CueSpan;
  if (src.start < cue.end) return;
  let comma = src.start;
  while (comma < src.end && v.cls[comma] !== Cls.Comma) comma++;
  if (comma >= src.end - 1 || comma === src.start) return;
  let end = src.end;
  const far = Math.min(v.n, comma + MAX_REACH);
  while (end < far && v.sentence[end] === v.sentence[comma] && v.cls[end] !== Cls.Stop) end++;
  read.source = { start: src.start, end: comma };
  read.content = { start: comma + 1, end };
}

/** Fewest tokens of the clause before a trailing attribution for it to be the content. */
const MIN_CLAUSE_BEFORE = 4;

/**
 * Heuristic "a trailing attribution reports what comes before it": where the cue and its source
 * stand after a comma in mid-sentence and the content read after them opens a subordinate clause
 * ("Talks ended on Friday, mediators said, after the delegations failed to …"), the content is the
 * clause before the comma.
 */
function beforeTrailingAttribution(v: TokenView, cue: CueSpan, read: TokenAttribution): CueSpan {
  const content = read.content as CueSpan;
  if (content.end <= cue.end) return content;
  // the first content word after the cue (and its source), past a comma
  let after = Math.max(content.start, cue.end);
  if (read.source && read.source.start >= cue.end) after = Math.max(after, read.source.end);
  while (after < content.end && v.cls[after] === Cls.Comma) after++;
  if (after >= content.end || !v.subordinator[after]) return content;
  const head = read.source && read.source.start < cue.start ? read.source.start : cue.start;
  const comma = head - 1;
  if (comma < 0 || v.cls[comma] !== Cls.Comma) return content;
  let start = comma;
  const far = Math.max(0, comma - MAX_REACH);
  while (start > far && v.sentence[start - 1] === v.sentence[comma] && v.cls[start - 1] !== Cls.CloseMark) start--;
  return comma - start >= MIN_CLAUSE_BEFORE ? { start, end: comma } : content;
}

/** At most this many quotations are joined to a content (see `joinQuotations`). */
const MAX_JOINED_QUOTATIONS = 6;

/**
 * Heuristic "one voice, several quotations": news interrupts a quotation with its attribution and
 * carries it on ("“We are done,” she said. “The talks are over.”"), or follows a quotation with
 * another paragraph that opens a mark again. A content that ends with a closing mark is joined
 * to the quotations that follow it, over the cue's own sentence tail when the cue comes after,
 * as long as each opens the next sentence of the paragraph (or the next paragraph) and no other
 * cue stands in between.
 */
export function joinQuotations(v: TokenView, flags: Uint8Array, cue: CueSpan, content: CueSpan): CueSpan {
  let end = content.end;
  if (end <= 0 || v.cls[end - 1] !== Cls.CloseMark) return content;
  for (let joined = 0; joined < MAX_JOINED_QUOTATIONS; joined++) {
    let k = end;
    // Step over the rest of the cue's sentence when the cue follows ("…,” she said.").
    if (cue.start >= end && v.sentence[cue.start] === v.sentence[end - 1]) {
      const far = Math.min(v.n, end + MAX_REACH);
      while (k < far && v.sentence[k] === v.sentence[end - 1]) {
        if (flags[k] && (k < cue.start || k >= cue.end)) return { start: content.start, end };
        k++;
      }
    }
    if (k >= v.n || v.cls[k] !== Cls.OpenMark || v.block[k] > v.block[end - 1] + 1) break;
    if (k > end && v.sentence[k] === v.sentence[end - 1]) break;
    const close = v.quoteClose[k];
    if (close <= k) break;
    for (let j = k; j < close; j++) if (flags[j]) return { start: content.start, end };
    if (attributedAfter(v, flags, close)) break;
    end = close;
  }
  return { start: content.start, end };
}

/** The role labels of a cue's window (O, S, C, K per token) and where the window starts. */
export function windowLabels(
  model: AttributionModel,
  v: TokenView,
  cue: CueSpan,
  cuesBefore: Int32Array,
): { labels: Uint8Array; lo: number } {
  const [lo, hi] = roleWindow(v, cue, model.header.windowSentences);
  const scores = windowScores(model, v, cue, cuesBefore, lo, hi);
  return { labels: viterbi(model, scores, cueFlags(cue, lo, hi), hi - lo), lo };
}

/** Every attribution the model reads in a document. */
export function decode(model: AttributionModel, v: TokenView): TokenAttribution[] {
  const flags = predictCues(model, v);
  const cuesBefore = prefixCounts(flags);
  const out: TokenAttribution[] = [];
  for (const cue of cueRuns(v, flags)) {
    const { labels, lo } = windowLabels(model, v, cue, cuesBefore);
    // A quotation after the cue that has an attribution of its own is not this cue's.
    const ownQuotation = (run: CueSpan) => {
      // a run inside a quotation, to the quotation's closing mark (the run may stop short of it)
      const close = v.quoteClose[run.end - 1];
      return run.start >= cue.end && close >= run.end && attributedAfter(v, flags, close);
    };
    const s = v.sentence[cue.start];
    const inCueSentence = (run: CueSpan) => v.sentence[run.start] <= s && v.sentence[run.end - 1] >= s;
    const read = rolesFromLabels(cue, labels, lo, ownQuotation, inCueSentence, v.cls);
    if (!read.content && read.source) splitSourceAtComma(v, cue, read);
    if (read.content) read.content = beforeTrailingAttribution(v, cue, read);
    if (read.content) {
      const whole = wholeQuotations(v, cue, read.content);
      read.content = joinQuotations(v, flags, cue, pastDashAside(v, flags, cue, toPhraseEnd(v, flags, cue, whole)));
    }
    out.push(read);
  }
  return out;
}
