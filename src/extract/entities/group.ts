/**
 * Steps 2 and 3: mentions grouped into entities. Countries and their demonyms make one country
 * entity ("Syria", "Syrian"); full names group by key or by first and last word; a short form of
 * a person's name joins the nearest full name with that surname ("Starmer" → "Keir Starmer"; two
 * people sharing a surname stay apart); other names group by key (case folded, "The" dropped,
 * group nouns lemmatised: "Bedouins" → "Bedouin"), a listed acronym with its expansion.
 */
import type { RawMention, Work } from './work.ts';
import { add, MentionStarts, newWork } from './work.ts';
import { acronymExpansion, countryByDemonym, countryByName, foldKey, norpLemma } from '../../lexicon/lexicon.ts';
import { ACRONYM_SHAPE, groupKey, nameWordCount, personKey, surnameKey } from './names.ts';
import { AcronymIndex, mergeAcronyms, mergeCompanyShortNames } from './merge.ts';
import { settleTypes } from './types.ts';

/** The key of a person's first and last key words, for `personByEnds`. */
function endsKey(first: string, last: string): string {
  return `${first}\u0000${last}`;
}

/** Group mentions into entities (see index.ts, steps 2 and 3). */
export function groupMentions(mentions: RawMention[]): Work[] {
  const works: Work[] = [];
  const byCountry = new Map<string, Work>();
  const byKey = new Map<string, Work>();
  const persons: Work[] = [];
  // persons by key, and by the first and last words of their key (the first person made wins)
  const personByKey = new Map<string, Work>();
  const personByEnds = new Map<string, Work>();
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
        let w = personByKey.get(k) ?? personByEnds.get(endsKey(ws[0], ws[ws.length - 1]));
        if (w) add(w, m);
        else {
          w = newWork(m, k);
          persons.push(w);
          works.push(w);
          personByKey.set(k, w);
          const pw = k.split(' ');
          const ends = endsKey(pw[0], pw[pw.length - 1]);
          if (!personByEnds.has(ends)) personByEnds.set(ends, w);
        }
      } else shortPerson.push(m);
    } else rest.push(m);
  }

  // short forms: a surname (of any type but countries) goes to the nearest full name with it
  const pending: RawMention[] = [];
  // persons by the last word of their key, in the order made (every key of a person has two words or more)
  const bySurname = new Map<string, Work[]>();
  for (const p of persons) {
    const last = p.key.slice(p.key.lastIndexOf(' ') + 1);
    const l = bySurname.get(last);
    if (l) l.push(p);
    else bySurname.set(last, [p]);
  }
  const starts = new MentionStarts();
  for (const m of [...shortPerson, ...rest]) {
    if (m.type !== 'PERSON' && nameWordCount(m.text) !== 1) {
      pending.push(m);
      continue;
    }
    const sk = surnameKey(m.text);
    const target = starts.nearest(bySurname.get(sk) ?? [], m.start);
    if (target && (m.type === 'PERSON' || m.type === 'MISC' || m.type === 'ORG')) {
      add(target, m);
      starts.added(target, m.start);
    } else pending.push(m);
  }

  // everything else by key; acronyms and "The X" variants; group nouns by lemma
  pending.sort((a, b) => a.start - b.start);
  let acronyms: AcronymIndex | undefined;
  for (const m of pending) {
    const k = groupKey(m);
    let w = byKey.get(k);
    if (!w && m.type !== 'PERSON') {
      const exp = acronymExpansion(m.text);
      if (exp) w = byKey.get(foldKey(exp).replace(/^the /, ''));
    }
    if (!w && ACRONYM_SHAPE.test(m.text)) {
      // (made on the first acronym: most articles need none)
      acronyms ??= new AcronymIndex(works);
      w = acronyms.first(m.text);
    }
    if (w) {
      add(w, m);
      acronyms?.note(w, m);
    } else {
      w = newWork(m, k);
      byKey.set(k, w);
      works.push(w);
      acronyms?.noteWork(w);
    }
  }
  mergeCompanyShortNames(works);
  mergeAcronyms(works);
  settleTypes(works);
  return works.filter((w) => w.mentions.length > 0);
}
