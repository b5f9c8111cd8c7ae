/**
 * Step 5: the entities as the Doc holds them: each named (a country's name, the longest full name,
 * the lexicon form of a group), its aliases gathered, its mentions in order with their spans, and
 * numbered "e1", "e2", … in order of first mention.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity, Mention } from '../../model/analysis.ts';
import { countryByName, foldKey, isAdminHead, norpLemma } from '../../lexicon/lexicon.ts';
import { alternation } from '../../lexicon/load.ts';
import { nameWordCount, nameWords } from './names.ts';
import { ownMentionType } from './types.ts';
import type { Work } from './work.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** The lower-case word right after a place name (an administrative noun: "Idlib province"). */
const NEXT_LOWER_WORD = /^\s+(\p{Ll}+)/u;

/**
 * Collective nouns after a group name that make a fuller alias ("Bedouin tribes", "Druze community"):
 * norp.json `collectiveNouns`.
 */
const GROUP_NOUN = new RegExp(`^\\s+(${alternation('norp', 'collectiveNouns', true)})\\b`, 'u');

/**
 * The aliases of one entity: each distinct under `foldKey` and never the name itself. A class, not
 * a closure made per entity (tsx names every such closure at run time, which costs a property definition).
 */
class AliasList {
  readonly aliases: string[] = [];
  /** The folded keys of the aliases so far, each folded once. */
  private readonly keys = new Set<string>();
  private readonly nameFolded: string;
  constructor(nameFolded: string) {
    this.nameFolded = nameFolded;
  }

  push(a: string): void {
    const k = foldKey(a);
    if (k !== this.nameFolded && !this.keys.has(k)) {
      this.aliases.push(a);
      this.keys.add(k);
    }
  }
}

/** Names, aliases, ids. */
export function finish(doc: Doc, works: Work[]): Entity[] {
  const live = works.filter((w) => w.mentions.length > 0);
  for (const w of live) w.mentions.sort((a, b) => a.start - b.start);
  live.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  return live.map((w, i) => {
    const name = chooseName(w);
    const list = new AliasList(foldKey(name));
    const aliases = list.aliases;
    for (const m of w.mentions) {
      if (m.honorific) list.push(`${m.honorific} ${m.text}`);
      list.push(m.text);
    }
    if (w.type === 'PERSON') {
      const ws = nameWords(name);
      if (ws.length > 1) list.push(ws[ws.length - 1]);
    }
    if (w.type === 'NORP') {
      const lemma = norpLemma(name);
      if (lemma) list.push(lemma);
      for (const m of w.mentions) {
        const g = GROUP_NOUN.exec(doc.text.slice(m.end, m.end + 20));
        if (g) list.push(`${m.text} ${g[1]}`);
      }
    }
    if (w.type === 'GPE' || w.type === 'LOC') {
      for (const m of w.mentions) {
        const next = NEXT_LOWER_WORD.exec(doc.text.slice(m.end, m.end + 20));
        if (next && isAdminHead(next[1])) list.push(`${m.text} ${next[1]}`);
      }
    }
    for (const a of w.aliases) list.push(a);
    const mentions: Mention[] = w.mentions.map((m) => {
      const start = m.honorificStart ?? m.start;
      // A demonym ("Syrian") names its country's entity but is itself a nationality mention.
      if (m.demonym) return { start, end: m.end, text: doc.span(start, m.end), type: 'NORP' as const };
      // `type` present (undefined when the entity's own) in every mention: one object shape; JSON leaves it out
      const own = ownMentionType(w.type, m.type);
      return { start, end: m.end, text: doc.span(start, m.end), type: own };
    });
    // `geo` (set by the geo stage) present from the start: one object shape for all entities
    return { id: `e${i + 1}`, name, type: w.type, mentions, roles: w.roles, aliases, geo: undefined };
  });
}

/**
 * The texts of `pool` for which it holds another spelling that differs only in case ("DARAA" beside
 * "Daraa"), found in one pass (not a search of the pool per text: an entity may have many mentions).
 */
function mixedCaseTexts(pool: string[]): Set<string> {
  const byFold = new Map<string, Set<string>>();
  for (const t of pool) {
    const k = foldKey(t);
    const s = byFold.get(k);
    if (s) s.add(t);
    else byFold.set(k, new Set([t]));
  }
  const out = new Set<string>();
  for (const s of byFold.values()) if (s.size > 1) for (const t of s) out.add(t);
  return out;
}

/** The entity's name: the country's name, the longest full name, the lexicon form of a group. */
function chooseName(w: Work): string {
  if (w.country) {
    const named = w.mentions.find((m) => !m.demonym && countryByName(m.text)?.code === w.country && m.text.length > 3);
    return w.key && w.key.length > 0
      ? named && foldKey(named.text) === foldKey(w.key)
        ? named.text
        : w.key
      : (named?.text ?? w.mentions[0].text);
  }
  // a loop, not filter + map: an empty filter result would de-optimise the map (see arrays.ts)
  const texts: string[] = [];
  for (const m of w.mentions) if (!/^the\s/i.test(m.text) || w.type === 'ORG') texts.push(m.text);
  const pool = texts.length ? texts : w.mentions.map((m) => m.text);
  if (w.type === 'NORP') {
    const counts = new Map<string, number>();
    for (const t of pool) counts.set(t, (counts.get(t) ?? 0) + 1);
    const lemma = norpLemma(pool[0]);
    if (lemma && pool.some((t) => foldKey(t) === foldKey(lemma)))
      return pool.find((t) => foldKey(t) === foldKey(lemma))!;
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].length - b[0].length)[0][0];
  }
  // never a description ("the Foreign Secretary") or an all-capitals headline form when better exists
  let mixed: Set<string> | undefined;
  const proper = pool.filter(
    (t) => !/^the\s/.test(t) && (t !== t.toUpperCase() || (t.length <= 6 && !(mixed ??= mixedCaseTexts(pool)).has(t))),
  );
  const candidates = proper.length ? proper : pool;
  if (w.type === 'GPE' || w.type === 'LOC') {
    const bare = candidates.filter((t) => !isAdminHead(nameWords(t).slice(-1)[0] ?? ''));
    if (bare.length) return bare.sort((a, b) => nameWordCount(b) - nameWordCount(a))[0];
  }
  return candidates.slice().sort((a, b) => nameWordCount(b) - nameWordCount(a) || b.length - a.length)[0];
}
