/**
 * Reporting verbs ("said", "told", "warned"): the lexicon of `data/lexicons/reporting-verbs.json`
 * with its inflections generated.
 */
import { wordList, wordSet, wordTable } from './load.ts';

/** Verbs that introduce reported speech or writing (lemmas; inflections are generated). */
const REPORTING_VERB_LEMMAS = wordList('reporting-verbs', 'lemmas');

/** Forms English spells irregularly; the rest follow `inflect`. */
const IRREGULAR_FORMS = wordTable<string[]>('reporting-verbs', 'irregular');

/** Verbs that double their last consonant before -ed/-ing (admitted, regretted). */
const DOUBLING_VERBS = wordSet('reporting-verbs', 'doubling');

/** Regular English inflections of a verb lemma: 3rd person, past, -ing. */
function inflect(lemma: string): string[] {
  if (Object.hasOwn(IRREGULAR_FORMS, lemma)) return [lemma, ...IRREGULAR_FORMS[lemma]];
  // Consonant + y: testify → testifies, testified, testifying.
  if (/[^aeiou]y$/.test(lemma)) return [lemma, lemma.slice(0, -1) + 'ies', lemma.slice(0, -1) + 'ied', lemma + 'ing'];
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's';
  let stem = lemma;
  if (DOUBLING_VERBS.has(lemma)) stem = lemma + lemma.slice(-1);
  const ed = lemma.endsWith('e') ? lemma + 'd' : stem + 'ed';
  const ing = lemma.endsWith('e') && !lemma.endsWith('ee') ? lemma.slice(0, -1) + 'ing' : stem + 'ing';
  return [lemma, s, ed, ing];
}

/** Every form of every reporting verb, mapped to its lemma. */
export const REPORTING_VERBS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const l of REPORTING_VERB_LEMMAS) for (const f of inflect(l)) m.set(f, l);
  return m;
})();
