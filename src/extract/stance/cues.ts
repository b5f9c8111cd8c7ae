/**
 * How the stance model reads a claim and an article: the project's sentence and token layers
 * (`src/nlp/sentences.ts`, `src/nlp/tokens.ts`), each token lower-cased and cut to a rough stem,
 * content words told from grammatical ones (`data/lexicons/stop-words.json`), and the cue words of
 * a stance found in each sentence (`data/lexicons/stance-cues.json`, with the hedging adverbs of
 * `hedges.json` and the negations of `event-words.json`).
 */
import { Doc } from '../../model/doc.ts';
import { sentenceStage } from '../../nlp/sentences.ts';
import { tokenStage } from '../../nlp/tokens.ts';
import { wordList, wordSet } from '../../lexicon/load.ts';
import { REPORTING_VERBS } from '../../lexicon/reporting-verbs.ts';

/** One sentence as the model reads it: its span, its tokens' lower-case forms and stems, its cues. */
export interface ReadSentence {
  start: number;
  end: number;
  /** Lower-case tokens, curly apostrophes straightened. */
  lowers: string[];
  /** The stems of its content words, in order (grammatical words and punctuation left out). */
  content: string[];
  /** The cues found in it, by kind (`CUE_KINDS`), each as the word or phrase matched. */
  cues: Cues;
}

/** The kinds of cue: refuting, left open (uncertain and hedging adverbs), confirming, negation, reporting verb. */
export const CUE_KINDS = ['ref', 'unc', 'conf', 'neg', 'rep'] as const;
export type CueKind = (typeof CUE_KINDS)[number];
export type Cues = Record<CueKind, string[]>;

/** A text read: its sentences in order. */
export interface ReadText {
  text: string;
  sentences: ReadSentence[];
}

const LEXICON = 'stance-cues';
const STOP_WORDS = wordSet('stop-words', 'words');
/** Single-token cues by kind; phrases (several tokens) are matched on the sentence's joined tokens. */
const WORD_CUES: ReadonlyArray<[CueKind, ReadonlySet<string>]> = [
  ['ref', wordSet(LEXICON, 'refuting')],
  ['unc', new Set([...wordList(LEXICON, 'uncertain'), ...wordList('hedges', 'adverbs')])],
  ['conf', wordSet(LEXICON, 'confirming')],
  ['neg', wordSet('event-words', 'negations')],
];
const PHRASE_CUES: ReadonlyArray<[CueKind, readonly string[]]> = [
  ['ref', wordList(LEXICON, 'refutingPhrases')],
  ['unc', wordList(LEXICON, 'uncertainPhrases')],
  ['conf', wordList(LEXICON, 'confirmingPhrases')],
];

/** Negations that deny a claim's statement, and the words that open a clause they then belong to instead. */
const CLAIM_NEGATIONS = wordSet(LEXICON, 'claimNegations');
const PURPOSE_OPENERS = wordSet(LEXICON, 'purposeOpeners');

/** A letter or a digit: a token without one is punctuation. */
const WORDLIKE = /[\p{L}\p{N}]/u;
/** Curly and modifier apostrophes, read as the straight one ("n’t" is "n't"). */
const APOSTROPHES = /[\u2018\u2019\u02bc]/g;

/**
 * A rough stem, so that "denies", "denied" and "deny" or "reports" and "report" meet: a regular
 * ending cut from words longer than four letters, a number kept as it is.
 */
export function stem(w: string): string {
  if (w.length <= 4 || /\d/.test(w)) return w;
  if (w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.endsWith('ied')) return w.slice(0, -3) + 'y';
  return w.replace(/(?:ing|ed|es|s|'s)$/, '');
}

/** Whether a lower-case token is a content word: it holds a letter or digit and is no grammatical word. */
export function isContent(lower: string): boolean {
  return lower.length > 1 && WORDLIKE.test(lower) && !STOP_WORDS.has(lower) && !lower.startsWith("'");
}

/** The cues of a sentence's lower-case tokens, by kind. */
export function findCues(lowers: readonly string[]): Cues {
  const cues: Cues = { ref: [], unc: [], conf: [], neg: [], rep: [] };
  for (const w of lowers) {
    for (const [kind, words] of WORD_CUES) if (words.has(w)) cues[kind].push(w);
    if (REPORTING_VERBS.has(w)) cues.rep.push(w);
  }
  if (lowers.length > 1) {
    const joined = ` ${lowers.join(' ')} `;
    for (const [kind, phrases] of PHRASE_CUES)
      for (const p of phrases) if (joined.includes(` ${p} `)) cues[kind].push(p);
  }
  return cues;
}

function readSentence(doc: Doc, start: number, end: number, from: number, to: number): ReadSentence {
  const lowers: string[] = [];
  const content: string[] = [];
  for (let i = from; i < to; i++) {
    const lower = doc.lower(i).replace(APOSTROPHES, "'");
    lowers.push(lower);
    if (isContent(lower)) content.push(stem(lower));
  }
  return { start, end, lowers, content, cues: findCues(lowers) };
}

/** A text read sentence by sentence. */
export function readText(text: string): ReadText {
  const doc = new Doc({ id: 'stance', source: {}, text });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  const sentences = doc.sentences.map((s, i) => {
    const [from, to] = doc.sentenceTokens(i);
    return readSentence(doc, s.start, s.end, from, to);
  });
  return { text, sentences };
}

/** A claim read as one unit (a headline, or a sentence or two), whatever its sentences. */
export function readClaim(claim: string): ReadSentence {
  const doc = new Doc({ id: 'claim', source: {}, text: claim });
  sentenceStage.run(doc);
  tokenStage.run(doc);
  return readSentence(doc, 0, claim.length, 0, doc.tokens.length);
}

/**
 * Whether a claim states a denial ("No, the president did not adopt …", "Doctor denies selfie",
 * "Crabzilla is a hoax"): it holds a refuting cue, or a negation outside a purpose clause ("adopted
 * a son so he won't turn into a werewolf" is no denial). The stance model reads such a claim as the
 * denial of its positive form: an article that agrees with the positive form disagrees with it.
 */
export function claimDenies(claim: ReadSentence): boolean {
  if (claim.cues.ref.length > 0) return true;
  for (const w of claim.lowers) {
    if (PURPOSE_OPENERS.has(w)) return false;
    if (CLAIM_NEGATIONS.has(w)) return true;
  }
  return false;
}

/** How many words after a negation a claim's word is read as negated ("has not adopted"). */
const NEGATION_SCOPE = 4;
/** How many words either side of a refuting cue a claim's word is read as refuted ("the werewolf story is a hoax"). */
const REFUTATION_SCOPE = 6;
const NEGATIONS = WORD_CUES.find(([k]) => k === 'neg')![1];
const REFUTING = WORD_CUES.find(([k]) => k === 'ref')![1];

/**
 * Where a sentence denies what the claim says: negations with one of the claim's content words
 * in their scope ("did not adopt"), and refuting cues with one of them nearby.
 */
export function deniedClaimWords(
  s: ReadSentence,
  claimStems: ReadonlySet<string>,
): { negated: number; refuted: number } {
  const isClaimWord = (j: number) => isContent(s.lowers[j]) && claimStems.has(stem(s.lowers[j]));
  let negated = 0;
  let refuted = 0;
  for (let i = 0; i < s.lowers.length; i++) {
    const w = s.lowers[i];
    if (NEGATIONS.has(w)) {
      for (let j = i + 1; j <= Math.min(s.lowers.length - 1, i + NEGATION_SCOPE); j++) {
        if (isClaimWord(j)) {
          negated++;
          break;
        }
      }
    }
    if (REFUTING.has(w)) {
      const from = Math.max(0, i - REFUTATION_SCOPE);
      const to = Math.min(s.lowers.length - 1, i + REFUTATION_SCOPE);
      for (let j = from; j <= to; j++) {
        if (j !== i && isClaimWord(j)) {
          refuted++;
          break;
        }
      }
    }
  }
  return { negated, refuted };
}
