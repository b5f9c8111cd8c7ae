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
/** Whether `text` holds one of the IDIOMS. */
export function isIdiom(text: string): boolean {
  return IDIOMS.some(({ re }) => re.test(text));
}
