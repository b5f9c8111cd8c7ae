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
import { CONLL_TYPES } from './labels.ts';
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

/** The keys without a final possessive token ("'s", "'"): the gazetteer lists the bare name. */
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

/** The `B-` and `I-` tags of each type, made once (not a new string per token or per comparison). */
const BIO_TAGS = new Map<string, [string, string]>();

/** `['B-' + type, 'I-' + type]`, the same two strings every time. */
export function bioTags(type: string): [string, string] {
  let t = BIO_TAGS.get(type);
  if (!t) BIO_TAGS.set(type, (t = ['B-' + type, 'I-' + type]));
  return t;
}

/**
 * `toSitrepTags` of a sentence read straight from the tagger's label indices (into `LABELS`), written
 * into `out` from `from` on (`out` holds 'O' there already); `texts[from..]` are its tokens. The
 * same tags as `toSitrepTags(tokens, labels as strings)`, without the CoNLL strings in between:
 * `LABELS` holds B-X at 2k + 1 and I-X at 2k + 2 for the k-th of `CONLL_TYPES`.
 */
export function writeSitrepTags(
  labels: Uint8Array,
  texts: string[],
  from: number,
  gaz: Gazetteer,
  out: string[],
): void {
  const n = labels.length;
  let i = 0;
  while (i < n) {
    const y = labels[i];
    if (y === 0) {
      i++;
      continue;
    }
    const k = (y - 1) >> 1; // the CoNLL type, whether the span opens with B-X or (stray) I-X
    const inside = 2 * k + 2;
    let j = i + 1;
    while (j < n && labels[j] === inside) j++;
    const conllType = CONLL_TYPES[k];
    // PER and ORG map whatever the tokens; only LOC and MISC read them
    const st =
      conllType === 'PER'
        ? 'PERSON'
        : conllType === 'ORG'
          ? 'ORG'
          : sitrepType(conllType, texts.slice(from + i, from + j), gaz);
    const [b, rest] = bioTags(st);
    out[from + i] = b;
    for (let t = i + 1; t < j; t++) out[from + t] = rest;
    i = j;
  }
}
