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
  let index: AcronymIndex | undefined;
  for (const w of works) {
    if (w.type === 'PERSON' || w.mentions.length === 0) continue;
    const acr = w.mentions.find((m) => ACRONYM_SHAPE.test(m.text));
    if (!acr) continue;
    // (made on the first acronym: most articles need none)
    index ??= new AcronymIndex(works);
    const full = index.first(acr.text, w);
    if (full) {
      for (const m of w.mentions) {
        add(full, m);
        index.note(full, m);
      }
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

/**
 * The works by the acronyms of their mentions (`multiWordAcronym`: "United Nations" → "UN"), kept as
 * mentions are added or moved (`note`), so that finding the name an acronym stands for reads a list
 * rather than every mention of every work (that search grew with the square of the article's names).
 * Lists may hold works whose mentions have since moved away (a work loses all its mentions or none):
 * `first` skips works left without mentions.
 */
export class AcronymIndex {
  private readonly byAcronym = new Map<string, Work[]>();
  /** Each work's place in the works (they are only appended): the first in that order wins. */
  private readonly position = new Map<Work, number>();

  constructor(works: Work[]) {
    for (const w of works) this.noteWork(w);
  }

  /** Records a work appended to the works, with its mentions. */
  noteWork(w: Work): void {
    this.position.set(w, this.position.size);
    for (const m of w.mentions) this.note(w, m);
  }

  /** Records that `w` now holds the mention `m`. */
  note(w: Work, m: RawMention): void {
    const a = multiWordAcronym(m.text);
    if (a === undefined) return;
    const list = this.byAcronym.get(a);
    if (!list) this.byAcronym.set(a, [w]);
    else if (!list.includes(w)) list.push(w);
  }

  /**
   * The first work (in the works' order) other than `except`, not a person, with mentions, one of
   * which has the acronym `acr`: `works.find(...)` over every mention, read from the index.
   */
  first(acr: string, except?: Work): Work | undefined {
    let best: Work | undefined;
    let at = Infinity;
    for (const x of this.byAcronym.get(acr) ?? []) {
      if (x === except || x.type === 'PERSON' || x.mentions.length === 0) continue;
      const p = this.position.get(x)!;
      if (p < at) {
        at = p;
        best = x;
      }
    }
    return best;
  }
}
