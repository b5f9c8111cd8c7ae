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
import { MAX_LOOKBACK_SENTENCES, nearest } from '../coref.ts';
import { add, rawMention, type RawMention, type Work } from './work.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a lower-case letter (a role written in lower case is no title). */
const LOWER_START = /^\p{Ll}/u;

/** How much text before a mention the role patterns read (a role phrase is a few words). */
const ROLE_WINDOW_CHARS = 120;

/** Adds `role` to the person's roles unless it is there in another case. */
function addRole(w: Work, role: string): void {
  if (!w.roles.some((r) => r.toLowerCase() === role.toLowerCase())) w.roles.push(role);
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
  sentences.forEach((s) => {
    for (const d of titleDescriptions(doc.span(s.start, s.end), s.start)) {
      // a name right after the title is bound by bindRoles ("the Foreign Secretary, David Lammy")
      const next = persons.some((p) => p.mentions.some((m) => m.start >= d.end && m.start - d.end <= 3));
      if (next) continue;
      let holder = persons.filter((p) => p.roles.some((r) => foldKey(r) === foldKey(d.role)));
      let target = holder.length ? nearest(holder, d.start) : undefined;
      if (!target) {
        const candidates = persons.filter((p) => p.roles.every((r) => LOWER_START.test(r)));
        target = mostRecentPerson(doc, candidates, d.start);
        if (target) addRole(target, d.role);
      }
      if (!target) continue;
      const text = doc.span(d.start, d.end);
      addAlias(target, text.replace(/^The /, 'the '));
      add(target, rawMention(d.start, d.end, text, 'PERSON'));
      holder = [];
    }
  });
}

/** The person among `candidates` named most recently before `offset`, within the lookback window. */
function mostRecentPerson(doc: Doc, candidates: Work[], offset: number): Work | undefined {
  const si = doc.sentenceIndexAt(offset);
  const minStart = si >= 0 ? doc.sentences[Math.max(0, si - MAX_LOOKBACK_SENTENCES)].start : 0;
  let best: Work | undefined;
  let bestStart = -1;
  for (const w of candidates) {
    for (const m of w.mentions) {
      if (m.start < offset && m.start >= minStart && m.start > bestStart) {
        bestStart = m.start;
        best = w;
      }
    }
  }
  return best;
}
