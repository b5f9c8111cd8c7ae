/**
 * Abbreviations written with a full stop (`data/lexicons/abbreviations.json`): the sentence
 * splitter asks whether such a full stop ends a sentence, the tokenizer whether the word keeps it.
 * One home for both, so the two stages agree on what an abbreviation is.
 */
import { wordSet } from './load.ts';

/** Titles before a name: a full stop after them never ends a sentence ("Mr. Smith", "Gen. Lee"). */
export const TITLE_ABBREVIATIONS = wordSet('abbreviations', 'titles');
/** Abbreviations before a number ("No. 10", "Jan. 6", "p. 12"): no boundary when a digit follows. */
export const NUMBER_ABBREVIATIONS = wordSet('abbreviations', 'numbers');
/** Abbreviations that never end a sentence in news copy ("e.g.", "i.e.", "vs.", "approx."). */
export const INNER_ABBREVIATIONS = wordSet('abbreviations', 'inner');
/**
 * Abbreviations that may end a sentence ("Acme Inc.", "in the U.S.", "and so on, etc."): a boundary
 * only when the next word is one that typically opens a sentence (`SENTENCE_STARTERS`).
 */
export const AMBIGUOUS_ABBREVIATIONS = wordSet('abbreviations', 'ambiguous');
/** Words that usually open a sentence: after an ambiguous full stop, they tip it into a boundary. */
export const SENTENCE_STARTERS = wordSet('abbreviations', 'sentenceStarters');
