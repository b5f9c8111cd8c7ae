/**
 * Reading PETRARCH2's CAMEO verb dictionary (`../shared/data/events/petrarch2/CAMEO.2.0.txt`, MIT)
 * into a PLOVER verb table, with CAMEO codes mapped through `CAMEO2PLOVER-2021.txt`. Used by
 * `npm run train:events`, which writes the table to `data/lexicons/plover/petrarch-verbs.json`;
 * the events stage reads only that file.
 *
 * The dictionary groups verbs into synonym blocks ("--- ASK [---] ---", then ASK, REQUEST,
 * PETITION …), each verb with an optional CAMEO code and its irregular forms in braces, then
 * patterns ("- * HUMANITARIAN AID [0233]") that code the verb by the words of its object. The
 * table keeps, per verb, the share of each PLOVER type among its own code (counted three times)
 * and its block's patterns, and the object words its patterns name with their type.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface VerbEntry {
  /** PLOVER type → share of the verb's codes (summing to 1). */
  types: Record<string, number>;
  /** The PLOVER type of the verb's own CAMEO code, or its block's. */
  code?: string;
  /** Object word (lower case) → the PLOVER type a pattern gives the verb with that object. */
  objects?: Record<string, string>;
}

export interface VerbTable {
  /** Verb lemma (lower case) → its PLOVER reading. */
  verbs: Record<string, VerbEntry>;
  /** Irregular form → lemma ("fought" → "fight"). */
  forms: Record<string, string>;
}

/** The weight of a verb's own code against one pattern of its block. */
const OWN_CODE_WEIGHT = 3;

/** CAMEO code → PLOVER type, from the conversion table (codes with no PLOVER type are absent). */
export function readCameoToPlover(file: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^(\d+):\s*([A-Z]+)/.exec(line);
    if (m) map.set(m[1], m[2]);
  }
  return map;
}

/** The PLOVER type of a CAMEO code, read from its longest mapped prefix ("0233" → 023 → 02). */
function ploverOf(cameo: Map<string, string>, code: string): string | null {
  for (const c of code.split(':')) {
    for (let k = c.trim(); k.length >= 2; k = k.slice(0, -1)) {
      const t = cameo.get(k);
      if (t) return t;
    }
  }
  return null;
}

/** The object words of a pattern: literal words after the verb's `*`, prepositions of `( … )` left out. */
function objectWords(pattern: string): string[] {
  const after = pattern.slice(pattern.indexOf('*') + 1);
  const out: string[] = [];
  for (const group of after.match(/\([^)]*\)|\{[^}]*\}|[^\s(){}]+/g) ?? []) {
    const words = group
      .replace(/[(){}]/g, ' ')
      .trim()
      .split(/\s+/);
    for (const w of group.startsWith('(') ? words.slice(1) : words)
      if (/^[A-Z][A-Z'-]+$/.test(w)) out.push(w.toLowerCase());
  }
  return out;
}

/** Reads the verb dictionary of a PETRARCH2 folder into a PLOVER verb table. */
export function readPetrarchVerbs(dir: string, cameoToPlover: string): VerbTable {
  const cameo = readCameoToPlover(cameoToPlover);
  const text = readFileSync(path.join(dir, 'CAMEO.2.0.txt'), 'utf8');
  const body = text.slice(text.indexOf('####### VERB PATTERNS'));
  const counts = new Map<string, Map<string, number>>();
  const objects = new Map<string, Map<string, Map<string, number>>>();
  const codes = new Map<string, string>();
  const forms: Record<string, string> = {};
  let block: string[] = [];
  let blockCode: string | null = null;
  const count = (verb: string, type: string, w: number) => {
    const m = counts.get(verb) ?? new Map<string, number>();
    m.set(type, (m.get(type) ?? 0) + w);
    counts.set(verb, m);
  };
  for (const raw of body.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const header = /^---\s+\S+\s+\[([^\]]*)\]/.exec(line);
    if (header) {
      block = [];
      blockCode = header[1] === '---' ? null : header[1];
      continue;
    }
    const code = /\[([\d:]+)\]/.exec(line)?.[1];
    if (line.startsWith('-')) {
      const type = code ? ploverOf(cameo, code) : null;
      if (!type) continue;
      for (const verb of block) {
        count(verb, type, 1);
        const om = objects.get(verb) ?? new Map<string, Map<string, number>>();
        for (const w of objectWords(line)) {
          const tm = om.get(w) ?? new Map<string, number>();
          tm.set(type, (tm.get(type) ?? 0) + 1);
          om.set(w, tm);
        }
        objects.set(verb, om);
      }
      continue;
    }
    // a verb line: "FIGHT {FOUGHT FIGHTING} [190]"; phrases ("+ASK_FOR") are left to the patterns
    const word = /^\+?([A-Z][A-Z'-]*)(?=[\s{[]|$)/.exec(line)?.[1];
    if (!word || line.includes('_')) continue;
    const lemma = word.toLowerCase();
    block.push(lemma);
    for (const f of /\{([^}]*)\}/.exec(line)?.[1].trim().split(/\s+/) ?? []) if (f) forms[f.toLowerCase()] = lemma;
    const own = code ?? blockCode;
    const type = own ? ploverOf(cameo, own) : null;
    if (type) {
      count(lemma, type, OWN_CODE_WEIGHT);
      codes.set(lemma, type);
    }
  }
  const verbs: Record<string, VerbEntry> = {};
  for (const [verb, m] of [...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const types: Record<string, number> = {};
    for (const [t, n] of [...m].sort((a, b) => b[1] - a[1])) types[t] = Math.round((n / total) * 1000) / 1000;
    const entry: VerbEntry = { types };
    const code = codes.get(verb);
    if (code) entry.code = code;
    const om = objects.get(verb);
    if (om?.size) {
      entry.objects = {};
      for (const [w, tm] of [...om].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
        entry.objects[w] = [...tm].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    }
    verbs[verb] = entry;
  }
  return { verbs, forms };
}
