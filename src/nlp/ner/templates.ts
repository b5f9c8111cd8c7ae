/**
 * The feature templates of the entity tagger: one seed per template, distinct and stable across
 * runs because they are numbered in declaration order here. The shipped model's weights are
 * indexed by hashes started from these seeds: adding a template anywhere but at the end, or
 * reordering them, changes every later feature and needs a retraining (npm run train:ner).
 */
import { FNV_OFFSET, hashInt } from '../hashing.ts';

/** Longest affix (prefix/suffix) used as a feature: 4 covers "-stan", "-ovic", "-berg". */
export const MAX_AFFIX = 4;
/** Words this long or longer are shape-compressed only: full shapes of long words are sparse. */
export const MAX_FULL_SHAPE = 12;
/** The pseudo-words before the first token and after the last of a sentence (neighbour features). */
export const BOS = '<s>';
export const EOS = '</s>';

let templateCount = 0;
/** A template seed: distinct per template, stable across runs (declaration order). */
function T(): number {
  templateCount++;
  return hashInt(FNV_OFFSET, templateCount * 7919);
}

/** Always on: the label prior. */
export const T_BIAS = T();
/** The normalised word form. */
export const T_W = T();
/** Its lower case. */
export const T_L = T();
/** Its prefixes of 1..MAX_AFFIX characters (lower case). */
export const T_PRE = T();
/** Its suffixes of 1..MAX_AFFIX characters (lower case). */
export const T_SUF = T();
/** Its full word shape ("Xxxxx-dd"), words shorter than MAX_FULL_SHAPE. */
export const T_SHAPE = T();
/** Its short shape ("Xx-d"). */
export const T_SSHAPE = T();
/** Its casing/character class (`tokenClass`). */
export const T_CLS = T();
/** The class, with whether the token opens the sentence. */
export const T_FIRST_CLS = T();
/** The line casing class (`lineClass`) with the short shape. */
export const T_LINE_SS = T();
/** The line casing class with the lower form, in lines not running text. */
export const T_LINE_L = T();
/** The lower form of the previous word. */
export const T_L_M1 = T();
/** The lower form of the next word. */
export const T_L_P1 = T();
/** The lower form two words back. */
export const T_L_M2 = T();
/** The lower form two words ahead. */
export const T_L_P2 = T();
/** The short shape of the previous word. */
export const T_SS_M1 = T();
/** The short shape of the next word. */
export const T_SS_P1 = T();
/** The short shapes of previous, this and next word. */
export const T_SS_TRI = T();
/** The previous and this lower form. */
export const T_BI_M1 = T();
/** This and the next lower form. */
export const T_BI_P1 = T();
/** The previous lower form with this short shape. */
export const T_M1_SS0 = T();
/** This short shape with the next lower form. */
export const T_SS0_P1 = T();
/** The part before the first hyphen ("al" of "al-Jazrawi"). */
export const T_HY_FIRST = T();
/** The part after the last hyphen. */
export const T_HY_LAST = T();
/** The short shape of the part after the last hyphen. */
export const T_HY_LAST_SS = T();
/** The short shape up to one letter past an apostrophe ("O'N" of "O'Neill"). */
export const T_APOS = T();
/** A gazetteer kind the token begins or continues. */
export const T_GAZ = T();
/** The same, with whether the token is capitalised. */
export const T_GAZ_CAP = T();
/** The gazetteer matches of the previous token. */
export const T_GAZ_M1 = T();
/** The gazetteer matches of the next token. */
export const T_GAZ_P1 = T();
/** The document writes this word capitalised mid-sentence, never in lower case (with the short shape). */
export const T_DOC_CAP = T();
/** The document writes it in lower case, never capitalised mid-sentence. */
export const T_DOC_LOW = T();
/** The document writes it both ways. */
export const T_DOC_BOTH = T();
/** The word length, capped at 10. */
export const T_LEN = T();
// Second-pass (document consistency) templates: what the first pass said.
/** The token's own first-pass label. */
export const T_D2_SELF = T();
/** A label the first pass gave the same word elsewhere in the document. */
export const T_D2_ANY = T();
/** The type the first pass gave the same word most often elsewhere. */
export const T_D2_MAJ = T();
/** The word follows a person title somewhere in the document (`PERSON_TITLES`). */
export const T_D2_TITLED = T();
/** The previous token's first-pass label. */
export const T_D2_SELF_M1 = T();
/** The next token's first-pass label. */
export const T_D2_SELF_P1 = T();
/** That majority type with the short shape. */
export const T_D2_MAJ_SS = T();
// Word clusters (`word-clusters.ts`), added after the second-pass templates.
/** The word's class at each granularity (coarse to fine). */
export const T_CLU = T();
/** The previous word's class at the middle granularity. */
export const T_CLU_M1 = T();
/** The next word's class at the middle granularity. */
export const T_CLU_P1 = T();
