/**
 * Gazetteers and lexicons for the entity recogniser.
 *
 * The place lists come from data the installed packages ship (built into `data/name-lists/` by
 * `scripts/build-name-lists.ts`); the group, region and geographic-feature lists are written by
 * hand because no package ships them (`data/lexicons/ner-gazetteer.json`, frozen with the trained
 * model: its features read them). They serve twice: as features of the tagger (a token inside a
 * known country name), and to map CoNLL's coarse types onto sitrep's (LOC → GPE or LOC, MISC →
 * NORP or MISC).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { wordList } from '../../lexicon/load.ts';

/** Gazetteer kinds; the value is the bit of the kind in a match mask. */
export const GAZ = {
  country: 1,
  city: 2,
  state: 4,
  region: 8,
  demonym: 16,
  group: 32,
  geoFeature: 64,
} as const;
/** A gazetteer kind, and all of them in bit order. */
export type GazKind = keyof typeof GAZ;
export const GAZ_KINDS = Object.keys(GAZ) as GazKind[];

/** Longest name, in tokens, the matcher looks for (longer names are rare and cost time). */
export const MAX_GAZ_TOKENS = 5;

/**
 * Religious, ethnic, tribal and political groups that are NORP in sitrep's types: no package ships
 * them, and country demonyms ("Syrian") do not cover them. Singular and plural forms.
 */
export const GROUP_LEXICON = wordList('ner-gazetteer', 'groups');
/** Head words of geographic features ("Jordan River", "Gulf of Aden"): LOC rather than GPE. */
export const GEO_FEATURE_WORDS = wordList('ner-gazetteer', 'geoFeatures');
/** Region names common in news that the packages do not list. */
export const REGION_LEXICON = wordList('ner-gazetteer', 'regions');

/** The built place lists of `data/name-lists/`, one name a line, and the kind each gives. */
const FILES: [GazKind, string][] = [
  ['country', 'countries.txt'],
  ['city', 'cities.txt'],
  ['state', 'states.txt'],
  ['region', 'regions.txt'],
  ['demonym', 'demonyms.txt'],
];

/** The key a token takes in the gazetteer: lower case, diacritics and curly quotes folded. */
export function gazKey(token: string): string {
  let s = token.toLowerCase();
  if (/[^\x00-\x7f]/.test(s)) {
    s = s
      .normalize('NFD')
      .replace(/\p{M}+/gu, '')
      .replace(/[‘’ʼ`´]/g, "'")
      .replace(/[‐-―]/g, '-');
  }
  return s;
}

/** Splits a gazetteer name into tokens the way a tokenizer would (on spaces; hyphens kept). */
function nameTokens(name: string): string[] {
  return name
    .replace(/([(),])/g, ' $1 ')
    .split(/\s+/)
    .filter(Boolean)
    .map(gazKey);
}

/**
 * The names as a token trie: `matchTokens` walks it token by token instead of joining the keys of
 * every candidate span into a string and hashing that (the same answers as `names`/`prefixes`).
 */
export interface TrieNode {
  /** Mask of GAZ bits of the name ending here, 0 when none does. */
  mask: number;
  /** The next token of the longer names going on from here. */
  next: Map<string, TrieNode> | undefined;
}

/** Listed names by kind, matched over a sentence's token keys (`matchTokens`). */
export class Gazetteer {
  /** Key (token keys joined by a space) → mask of GAZ bits. */
  readonly names = new Map<string, number>();
  /** Proper prefixes of multi-token names, so matching stops as soon as no name can continue. */
  readonly prefixes = new Set<string>();
  /** First token key → trie of the names starting with it. */
  private readonly trie = new Map<string, TrieNode>();

  add(name: string, kind: GazKind): void {
    const toks = nameTokens(name);
    if (toks.length === 0 || toks.length > MAX_GAZ_TOKENS) return;
    const variants = [toks.join(' ')];
    // the project's tokenizer may split hyphens that CoNLL keeps: index both forms
    if (toks.some((t) => t.includes('-') && t.length > 1)) {
      variants.push(toks.flatMap((t) => t.split(/(-)/).filter(Boolean)).join(' '));
    }
    for (const v of variants) {
      this.names.set(v, (this.names.get(v) ?? 0) | GAZ[kind]);
      this.addToTrie(v.split(' '), GAZ[kind]);
      let at = v.indexOf(' ');
      while (at > 0) {
        this.prefixes.add(v.slice(0, at));
        at = v.indexOf(' ', at + 1);
      }
    }
  }

  private addToTrie(toks: string[], bit: number): void {
    let level = this.trie;
    for (let k = 0; k < toks.length; k++) {
      let node = level.get(toks[k]);
      if (!node) level.set(toks[k], (node = { mask: 0, next: undefined }));
      if (k === toks.length - 1) node.mask |= bit;
      else level = node.next ??= new Map();
    }
  }

  /** Mask of the kinds whose lists hold exactly this phrase (tokens already keyed). */
  lookup(keys: string[]): number {
    return this.names.get(keys.join(' ')) ?? 0;
  }

  /**
   * For each token, the mask of kinds of every listed name covering it, in two halves: bits
   * 0..7 when the token begins a name, bits 8..15 when it continues one.
   */
  matchTokens(keys: string[]): Uint16Array {
    const n = keys.length;
    // A key holding a space could join with its neighbour into a listed phrase: match by phrase then.
    for (let i = 0; i < n; i++) if (keys[i].includes(' ')) return this.matchPhrases(keys, new Uint16Array(n));
    return this.matchStarts(
      keys.map((k) => this.startNode(k)),
      keys,
    );
  }

  /**
   * The trie node of the names that begin with this token key, if any: callers that see a word
   * form many times (the tagger) look it up once per form and pass it to `matchStarts`.
   */
  startNode(key: string): TrieNode | undefined {
    // names start with a letter or digit; skip punctuation quickly
    const c = key.charCodeAt(0);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127)) return undefined;
    return this.trie.get(key);
  }

  /** `matchTokens` given each token's `startNode` (keys holding spaces take `matchTokens`). */
  matchStarts(starts: (TrieNode | undefined)[], keys: string[]): Uint16Array {
    const n = keys.length;
    const out = new Uint16Array(n);
    for (let i = 0; i < n; i++) {
      let node = starts[i];
      for (let len = 1; node !== undefined && len <= MAX_GAZ_TOKENS; len++) {
        const m = node.mask;
        if (m !== 0) {
          out[i] |= m;
          for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
        }
        if (node.next === undefined || i + len >= n) break;
        node = node.next.get(keys[i + len]);
      }
    }
    return out;
  }

  /** `matchTokens` by joined phrases (the reference form; keys holding spaces take it). */
  private matchPhrases(keys: string[], out: Uint16Array): Uint16Array {
    const n = keys.length;
    for (let i = 0; i < n; i++) {
      const k0 = keys[i];
      const c = k0.charCodeAt(0);
      if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c > 127)) continue;
      let phrase = '';
      for (let len = 1; len <= MAX_GAZ_TOKENS && i + len <= n; len++) {
        phrase = len === 1 ? k0 : phrase + ' ' + keys[i + len - 1];
        const m = this.names.get(phrase);
        if (m !== undefined) {
          out[i] |= m;
          for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
        }
        if (!this.prefixes.has(phrase)) break;
      }
    }
    return out;
  }
}

/** The shared gazetteer, once loaded (`loadGazetteer`). */
let cached: Gazetteer | undefined;

/** Folder holding the built lists. */
export function gazetteerDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../data/name-lists');
}

/** The shared gazetteer, loaded once from `data/name-lists/` plus the lexicons above. */
export function loadGazetteer(): Gazetteer {
  if (cached) return cached;
  const g = new Gazetteer();
  const dir = gazetteerDir();
  for (const [kind, file] of FILES) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const line of text.split('\n')) if (line) g.add(line, kind);
  }
  for (const w of GROUP_LEXICON) g.add(w, 'group');
  for (const w of REGION_LEXICON) g.add(w, 'region');
  for (const w of GEO_FEATURE_WORDS) g.add(w, 'geoFeature');
  cached = g;
  return g;
}
