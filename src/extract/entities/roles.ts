/**
 * Step 4: roles and descriptions bound to people. A role the text gives a mention ("Foreign
 * Minister X", "X, the chief executive", "the presidency of X", a rank) joins the person's roles;
 * a title description with no name beside it ("the Foreign Secretary") becomes a mention of the
 * person who holds that role, else of the person named most recently without another title.
 */
import type { Doc } from '../../model/doc.ts';
import { foldKey } from '../../lexicon/lexicon.ts';
import {
  roleAppositiveAfter,
  roleAppositiveBefore,
  roleBefore,
  roleFromNominalisation,
  titleDescriptions,
} from '../../lexicon/roles.ts';
import { MAX_LOOKBACK_SENTENCES } from '../coref.ts';
import { add, MentionStarts, rawMention, type RawMention, type Work } from './work.ts';
import { firstStartAtOrAfter } from '../../text/search.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a lower-case letter (a role written in lower case is no title). */
const LOWER_START = /^\p{Ll}/u;

/** How much text before a mention the role patterns read (a role phrase is a few words). */
const ROLE_WINDOW_CHARS = 120;

/** Adds `role` to the person's roles unless it is there in another case; whether it was added. */
function addRole(w: Work, role: string): boolean {
  if (w.roles.some((r) => r.toLowerCase() === role.toLowerCase())) return false;
  w.roles.push(role);
  return true;
}

/** Adds `alias` to the entity's aliases unless it is there under `foldKey`. */
function addAlias(w: Work, alias: string): void {
  if (!w.aliases.some((a) => foldKey(a) === foldKey(alias))) w.aliases.push(alias);
}

/** Roles around each mention of the person `w`, read from the mention's sentence. */
export function bindRoles(doc: Doc, w: Work): void {
  for (const m of w.mentions) {
    for (const r of rolesAround(doc, m)) addRole(w, r);
    if (m.rank) addRole(w, m.rank);
  }
}

/**
 * The roles the text gives a mention: "ROLE NAME", "NAME, the ROLE", "X's ROLE, NAME", "presidency of
 * NAME".
 */
export function rolesAround(doc: Doc, m: RawMention): string[] {
  const out: string[] = [];
  {
    const si = doc.sentenceIndexAt(m.start);
    const sStart = Math.max(si >= 0 ? doc.sentences[si].start : 0, (m.honorificStart ?? m.start) - ROLE_WINDOW_CHARS);
    const sEnd = si >= 0 ? doc.sentences[si].end : doc.text.length;
    const left = m.honorificStart ?? m.start;
    const before = doc.text.slice(sStart, left);
    const after = doc.text.slice(m.end, sEnd).replace(/^\s?['’‘]s/, '');
    const r1 = roleBefore(before, sStart);
    if (r1) out.push(r1.role);
    const r2 = roleAppositiveAfter(doc.text.slice(m.end, sEnd), m.end);
    if (r2 && !/^\s?['’‘]s/.test(after)) out.push(r2.role);
    const r3 = roleAppositiveBefore(before, sStart);
    if (r3) out.push(r3.role);
    const nom = roleFromNominalisation(before);
    if (nom) out.push(nom);
  }
  return out;
}

/**
 * "the Foreign Secretary" with no name beside it: the person who holds that role, else the most
 * recently named person without another title, in this or the last few sentences.
 */
export function bindDescriptions(doc: Doc, works: Work[]): void {
  const persons = works.filter((w) => w.type === 'PERSON');
  const sentences = doc.sentences.length ? doc.sentences : [{ start: 0, end: doc.text.length }];
  // made on the first description (most articles have none)
  let index: PersonIndex | undefined;
  sentences.forEach((s) => {
    for (const d of titleDescriptions(doc.span(s.start, s.end), s.start)) {
      index ??= new PersonIndex(persons);
      // a name right after the title is bound by bindRoles ("the Foreign Secretary, David Lammy")
      if (index.mentionStartsIn(d.end, d.end + 3)) continue;
      const holder = index.withRole(d.role);
      let target = holder.length ? index.starts.nearest(holder, d.start) : undefined;
      if (!target) {
        target = mostRecentPerson(doc, index, d.start);
        if (target && addRole(target, d.role)) index.noteRole(target, d.role);
      }
      if (!target) continue;
      const text = doc.span(d.start, d.end);
      addAlias(target, text.replace(/^The /, 'the '));
      const m = rawMention(d.start, d.end, text, 'PERSON');
      add(target, m);
      index.noteMention(target, m);
    }
  });
}

/**
 * The persons' mentions by start and the persons by role, kept as descriptions join them: each
 * description reads the few mentions near it rather than every mention of every person (that grew
 * with the square of the article's length).
 */
class PersonIndex {
  /** Every person mention by start (then in the order added), with its person's place in `persons`. */
  private readonly refs: { start: number; person: Work; order: number }[] = [];
  private readonly order = new Map<Work, number>();
  /** Persons by the `foldKey` of each of their roles, in the persons' order. */
  private readonly byRole = new Map<string, Work[]>();
  /** The persons' mention starts, for `nearest`. */
  readonly starts = new MentionStarts();

  constructor(persons: Work[]) {
    persons.forEach((p, i) => {
      this.order.set(p, i);
      for (const m of p.mentions) this.refs.push({ start: m.start, person: p, order: i });
      for (const r of p.roles) this.noteRole(p, r);
    });
    this.refs.sort((a, b) => a.start - b.start);
  }

  /** Whether a person mention starts in `[from, to]`. */
  mentionStartsIn(from: number, to: number): boolean {
    const i = firstStartAtOrAfter(this.refs, from);
    return i < this.refs.length && this.refs[i].start <= to;
  }

  /** The persons with a role that reads `role` under `foldKey`, in the persons' order. */
  withRole(role: string): Work[] {
    return this.byRole.get(foldKey(role)) ?? [];
  }

  /** Records that person `p` holds the role `role`. */
  noteRole(p: Work, role: string): void {
    const k = foldKey(role);
    const list = this.byRole.get(k);
    if (!list) this.byRole.set(k, [p]);
    else if (!list.includes(p)) {
      list.push(p);
      list.sort((a, b) => this.order.get(a)! - this.order.get(b)!);
    }
  }

  /** Records that person `p` gained the mention `m`. */
  noteMention(p: Work, m: RawMention): void {
    this.refs.splice(firstStartAtOrAfter(this.refs, m.start + 1), 0, {
      start: m.start,
      person: p,
      order: this.order.get(p)!,
    });
    this.starts.added(p, m.start);
  }

  /**
   * The person without a title (every role lower-case) named last before `offset` and at or after
   * `minStart`; of two named at the same offset, the first person.
   */
  lastUntitledBefore(offset: number, minStart: number): Work | undefined {
    let best: { start: number; person: Work; order: number } | undefined;
    for (let i = firstStartAtOrAfter(this.refs, offset) - 1; i >= 0 && this.refs[i].start >= minStart; i--) {
      const r = this.refs[i];
      if (best && r.start < best.start) break;
      if (!r.person.roles.every((x) => LOWER_START.test(x))) continue;
      if (!best || r.order < best.order) best = r;
    }
    return best?.person;
  }
}

/** The person without a title named most recently before `offset`, within the lookback window. */
function mostRecentPerson(doc: Doc, index: PersonIndex, offset: number): Work | undefined {
  const si = doc.sentenceIndexAt(offset);
  const minStart = si >= 0 ? doc.sentences[Math.max(0, si - MAX_LOOKBACK_SENTENCES)].start : 0;
  return index.lastUntitledBefore(offset, minStart);
}
