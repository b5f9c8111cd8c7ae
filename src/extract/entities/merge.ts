/**
 * Merges after the grouping: a company's short name joins its full name, before or after it
 * ("Harbourline" ~ "Harbourline Logistics"), and an acronym joins the name it stands for when that
 * is spelt out later ("the UN ... the United Nations").
 */
import { foldKey } from '../../lexicon/lexicon.ts';
import { ACRONYM_SHAPE, companyStem, multiWordAcronym } from './names.ts';
import { add, type RawMention, type Work } from './work.ts';

/** A company's short name, before or after its full name ("Harbourline" ~ "Harbourline Logistics"). */
export function mergeCompanyShortNames(works: Work[]): void {
  const stems = new StemIndex(works);
  for (const w of works) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = stems.companyByStem(w, w.mentions[0].text);
    if (target && w.mentions.every((m) => foldKey(m.text) === foldKey(w.mentions[0].text))) {
      for (const m of w.mentions) {
        add(target, m);
        stems.note(target, m);
      }
      w.mentions = [];
    }
  }
}

/** A full name spelt out after its acronym ("the UN ... the United Nations"): the acronym's entity joins it. */
export function mergeAcronyms(works: Work[]): void {
  for (const w of works) {
    if (w.type === 'PERSON' || w.mentions.length === 0) continue;
    const acr = w.mentions.find((m) => ACRONYM_SHAPE.test(m.text));
    if (!acr) continue;
    const full = works.find(
      (x) =>
        x !== w &&
        x.type !== 'PERSON' &&
        x.mentions.length > 0 &&
        x.mentions.some((m) => multiWordAcronym(m.text) === acr.text),
    );
    if (full) {
      for (const m of w.mentions) add(full, m);
      w.mentions = [];
    }
  }
}

/**
 * The organisations under each company stem of their mentions (`companyStem`), kept while the
 * grouping moves mentions between them, so that `companyByStem` need not ask every mention of every
 * work for each organisation (the grouping's cost grew with the square of the article's names).
 */
export class StemIndex {
  private readonly byStem = new Map<string, Work[]>();

  constructor(works: Work[]) {
    for (const x of works) if (x.type === 'ORG') for (const y of x.mentions) this.note(x, y);
  }

  /** Records that the organisation `x` now holds the mention `y`. */
  note(x: Work, y: RawMention): void {
    if (x.type !== 'ORG') return;
    const stem = companyStem(y.text);
    if (stem === undefined) return;
    const list = this.byStem.get(stem);
    if (!list) this.byStem.set(stem, [x]);
    else if (!list.includes(x)) list.push(x);
  }

  /**
   * The organisation whose name is `text` plus organisation heads ("Harbourline" → "Harbourline
   * Logistics", "Castell" → "Castell Freight"), other than `w`: a company's short name; ambiguous
   * stems stay apart. Read from the index: works only gain mentions here or lose all of them, and
   * their types stay, so a work listed under a stem with mentions left has one with that stem.
   */
  companyByStem(w: Work, text: string): Work | undefined {
    const list = this.byStem.get(foldKey(text));
    if (!list) return undefined;
    let found: Work | undefined;
    for (const x of list) {
      if (x === w || x.mentions.length === 0) continue;
      if (found) return undefined;
      found = x;
    }
    return found;
  }
}
