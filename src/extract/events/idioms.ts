/**
 * Words around an event cue that show it is no event: fixed collocations ("restore order") and
 * idioms in which a conflict word is a figure of speech ("strike a balance", "a price war"), both
 * listed in `data/lexicons/conflict-idioms.json`.
 */
import { lexiconFile } from '../../lexicon/load.ts';

/** An idiom as the lexicon file writes it: a pattern source, its flags, and the strings one of which it needs. */
interface IdiomSpec {
  pattern: string;
  flags: string;
  needs: string[];
}

/** The lexicon file of collocations and idioms. */
const FILE = lexiconFile('conflict-idioms');
/** Collocations where a trigger word is not an event ("restore order", "in order to", "so-called"). */
export const NOT_EVENT = new RegExp(FILE.notEvent as string, 'i');
/**
 * Idioms in which a conflict word is a figure of speech, not an act. Tested on the words around the
 * cue, each only when the lower-cased words hold one of the strings its pattern `needs`.
 */
export const IDIOMS: ReadonlyArray<{ re: RegExp; needs: string[] }> = (FILE.idioms as IdiomSpec[]).map((i) => ({
  re: new RegExp(i.pattern, i.flags),
  needs: i.needs,
}));
/** Characters that a case-insensitive Unicode pattern reads as ASCII letters (ſ as s, the Kelvin sign as k): a text
 *  holding one is tested against every idiom. */
const FOLDS_TO_ASCII = /[\u017f\u212a]/;

/** Whether `text` holds one of the IDIOMS: each pattern is run only when the text holds a string it needs. */
export function isIdiom(text: string): boolean {
  const lower = FOLDS_TO_ASCII.test(text) ? undefined : text.toLowerCase();
  for (const { re, needs } of IDIOMS) {
    if (lower !== undefined && !holdsAny(lower, needs)) continue;
    if (re.test(text)) return true;
  }
  return false;
}

/** Whether `text` holds one of `parts`. */
function holdsAny(text: string, parts: string[]): boolean {
  for (const p of parts) if (text.includes(p)) return true;
  return false;
}
