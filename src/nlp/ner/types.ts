/**
 * From CoNLL's four types to sitrep's entity types.
 *
 *   PER  → PERSON
 *   ORG  → ORG
 *   LOC  → GPE  when the whole name is a country, city or state in the gazetteers
 *               ("Syria", "Aleppo", "Idlib Governorate"), unless it ends in a geographic-feature
 *               word ("Jordan River");
 *          LOC  otherwise (regions and geographic features: "Middle East", "Golan Heights")
 *   MISC → NORP when every word is a demonym, nationality, religious, ethnic or political group
 *               ("Syrian", "Druze", "Sunni Muslims", "Republicans");
 *          MISC otherwise (events, laws, works, products, adjectival compounds)
 */
import type { EntityType } from '../../model/analysis.ts';
import { GAZ, gazKey, type Gazetteer } from './gazetteer.ts';

/** Kinds of place that sitrep calls GPE (a government's territory). */
const GPE_MASK = GAZ.country | GAZ.city | GAZ.state;
/** Kinds of word that make a MISC name a NORP. */
const NORP_MASK = GAZ.demonym | GAZ.group;

/** sitrep type of an entity the tagger labelled with a CoNLL type, from its tokens. */
export function sitrepType(conllType: string, tokens: string[], gaz: Gazetteer): EntityType {
  switch (conllType) {
    case 'PER':
      return 'PERSON';
    case 'ORG':
      return 'ORG';
    case 'LOC': {
      const keys = stripPossessive(tokens.map(gazKey));
      if (keys.length === 0) return 'LOC';
      const last = gaz.lookup([keys[keys.length - 1]]);
      if (keys.length > 1 && last & GAZ.geoFeature) return 'LOC';
      return gaz.lookup(keys) & GPE_MASK ? 'GPE' : 'LOC';
    }
    case 'MISC': {
      const keys = stripPossessive(tokens.map(gazKey)).filter((k) => k !== '-');
      if (keys.length === 0) return 'MISC';
      if (gaz.lookup(keys) & NORP_MASK) return 'NORP';
      return keys.every((k) => gaz.lookup([k]) & NORP_MASK) ? 'NORP' : 'MISC';
    }
    default:
      return 'MISC';
  }
}

function stripPossessive(keys: string[]): string[] {
  const last = keys[keys.length - 1];
  return last === "'s" || last === "'" ? keys.slice(0, -1) : keys;
}

/**
 * Converts a sentence's CoNLL BIO labels to sitrep BIO labels (`B-GPE`, `I-PERSON`, `O`),
 * typing each entity from its tokens.
 */
export function toSitrepTags(tokens: string[], conll: readonly string[], gaz: Gazetteer): string[] {
  const out = new Array<string>(conll.length).fill('O');
  let i = 0;
  while (i < conll.length) {
    const t = conll[i];
    if (t === 'O') {
      i++;
      continue;
    }
    const type = t.slice(2);
    let j = i + 1;
    while (j < conll.length && conll[j] === 'I-' + type) j++;
    const st = sitrepType(type, tokens.slice(i, j), gaz);
    out[i] = 'B-' + st;
    for (let k = i + 1; k < j; k++) out[k] = 'I-' + st;
    i = j;
  }
  return out;
}
