/**
 * Steps 2 and 3: mentions grouped into entities. Countries and their demonyms make one country
 * entity ("Syria", "Syrian"); full names group by key or by first and last word; a short form of
 * a person's name joins the nearest full name with that surname ("Starmer" → "Keir Starmer"; two
 * people sharing a surname stay apart); other names group by key (case folded, "The" dropped,
 * group nouns lemmatised: "Bedouins" → "Bedouin"), a listed acronym with its expansion.
 */
import type { RawMention, Work } from './work.ts';
import { add, newWork } from './work.ts';
import { acronymExpansion, countryByDemonym, countryByName, foldKey, norpLemma } from '../../lexicon/lexicon.ts';
import { nearest } from '../coref.ts';
import {
  ACRONYM_SHAPE,
  firstWordIs,
  groupKey,
  lastWordIs,
  multiWordAcronym,
  nameWordCount,
  personKey,
  surnameKey,
} from './names.ts';
import { mergeAcronyms, mergeCompanyShortNames } from './merge.ts';
import { settleTypes } from './types.ts';

/** Group mentions into entities (see index.ts, steps 2 and 3). */
export function groupMentions(mentions: RawMention[]): Work[] {
  const works: Work[] = [];
  const byCountry = new Map<string, Work>();
  const byKey = new Map<string, Work>();
  const persons: Work[] = [];
  const shortPerson: RawMention[] = [];
  const rest: RawMention[] = [];

  // countries and demonyms
  for (const m of mentions) {
    const c = m.type === 'PERSON' && !m.honorific ? undefined : m.type === 'PERSON' ? undefined : countryByName(m.text);
    // a demonym the recogniser typed as a place is the place's short name ("Czech" for the Czech Republic)
    const d = c || m.type === 'PERSON' || m.type === 'ORG' ? undefined : countryByDemonym(m.text);
    const asPlace = !c && !!d && (m.type === 'GPE' || m.type === 'LOC');
    const country = c ?? d;
    if (country && !(norpLemma(m.text) && !c && !countryByDemonym(m.text))) {
      m.country = country.code;
      m.demonym = !c && !asPlace;
      let w = byCountry.get(country.code);
      if (!w) {
        w = newWork({ ...m, type: 'GPE' }, country.name);
        w.mentions = [];
        w.type = 'GPE';
        w.country = country.code;
        byCountry.set(country.code, w);
        works.push(w);
      }
      add(w, m);
    } else if (m.type === 'PERSON') {
      if (nameWordCount(m.text) >= 2) {
        // full names: same key, or same first and last word ("Ahmed Hussein al-Sharaa")
        const k = personKey(m.text);
        const ws = k.split(' ');
        let w = persons.find((p) => p.key === k);
        if (!w) {
          w = persons.find((p) => lastWordIs(p.key, ws[ws.length - 1]) && firstWordIs(p.key, ws[0]));
        }
        if (w) add(w, m);
        else {
          w = newWork(m, k);
          persons.push(w);
          works.push(w);
        }
      } else shortPerson.push(m);
    } else rest.push(m);
  }

  // short forms: a surname (of any type but countries) goes to the nearest full name with it
  const pending: RawMention[] = [];
  for (const m of [...shortPerson, ...rest]) {
    if (m.type !== 'PERSON' && nameWordCount(m.text) !== 1) {
      pending.push(m);
      continue;
    }
    const sk = surnameKey(m.text);
    const holders = persons.filter((p) => lastWordIs(p.key, sk));
    const target = nearest(holders, m.start);
    if (target && (m.type === 'PERSON' || m.type === 'MISC' || m.type === 'ORG')) add(target, m);
    else pending.push(m);
  }

  // everything else by key; acronyms and "The X" variants; group nouns by lemma
  pending.sort((a, b) => a.start - b.start);
  for (const m of pending) {
    const k = groupKey(m);
    let w = byKey.get(k);
    if (!w && m.type !== 'PERSON') {
      const exp = acronymExpansion(m.text);
      if (exp) w = byKey.get(foldKey(exp).replace(/^the /, ''));
    }
    if (!w && ACRONYM_SHAPE.test(m.text)) {
      w = works.find((x) => x.type !== 'PERSON' && x.mentions.some((y) => multiWordAcronym(y.text) === m.text));
    }
    if (w) add(w, m);
    else {
      w = newWork(m, k);
      byKey.set(k, w);
      works.push(w);
    }
  }
  mergeCompanyShortNames(works);
  mergeAcronyms(works);
  settleTypes(works);
  return works.filter((w) => w.mentions.length > 0);
}
