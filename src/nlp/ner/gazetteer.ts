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
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LEXICON_DIR, wordList } from '../../lexicon/load.ts';
import { KeyTable } from './key-table.ts';

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
 * The keys a listed name is found under (token keys joined by a space): its own, and when a token
 * holds a hyphen the form with the hyphens split off too (the project's tokenizer may split hyphens
 * that CoNLL keeps). None for a name longer than `MAX_GAZ_TOKENS`.
 */
export function nameKeys(name: string): string[] {
  const toks = nameTokens(name);
  if (toks.length === 0 || toks.length > MAX_GAZ_TOKENS) return [];
  const keys = [toks.join(' ')];
  if (toks.some((t) => t.includes('-') && t.length > 1)) {
    keys.push(toks.flatMap((t) => t.split(/(-)/).filter(Boolean)).join(' '));
  }
  return keys;
}

/**
 * The names as a token trie: `matchTokens` walks it token by token instead of joining the keys of
 * every candidate span into a string and looking that up (the same answers as `matchPhrases`).
 */
export interface TrieNode {
  /** Mask of GAZ bits of the name ending here, 0 when none does. */
  mask: number;
  /** The next token of the longer names going on from here. */
  next: Map<string, TrieNode> | undefined;
}

/**
 * Listed names by kind, matched over a sentence's token keys (`matchTokens`). The names are a
 * table of keys, sorted, each with the mask of its kinds (`KeyTable`; the shipped one is read from
 * `data/name-lists/gazetteer-keys.tsv`, see `loadGazetteer`); the trie of the names starting with
 * a token is made the first time a sentence holds that token, so loading is reading the table.
 */
export class Gazetteer {
  /** Every key (token keys joined by a space) and the mask of GAZ bits of its kinds, sorted. */
  private table: KeyTable;
  /** First token key → trie of the names starting with it, made on first look-up (`startNode`). */
  private readonly trie = new Map<string, TrieNode>();

  /**
   * A gazetteer of a key table's text (`KeyTable`, `formatKeyTable`); empty when none is given.
   * `sorted`: the table is known to be in order (see `KeyTable`).
   */
  constructor(table = '', sorted = false) {
    this.table = new KeyTable(table, sorted);
  }

  /**
   * Lists a name of this kind (under each of its `nameKeys`). The table is written again: for
   * gazetteers made name by name (tests), not for the shipped lists.
   */
  add(name: string, kind: GazKind): void {
    const masks = this.table.entries();
    for (const key of nameKeys(name)) masks.set(key, (masks.get(key) ?? 0) | GAZ[kind]);
    this.table = new KeyTable(KeyTable.format(masks));
    this.trie.clear();
  }

  /** Mask of the kinds listing exactly this key (token keys joined by a space), undefined when none does. */
  nameMask(key: string): number | undefined {
    const i = this.table.indexOf(key);
    return i < 0 ? undefined : this.table.mask(i);
  }

  /** Whether a listed name goes on after this phrase of token keys (the phrase and a space begin it). */
  private continues(phrase: string): boolean {
    const prefix = phrase + ' ';
    const i = this.table.lowerBound(prefix);
    return i < this.table.size && this.table.compare(i, prefix, true) === 0;
  }

  /** Mask of the kinds whose lists hold exactly this phrase (tokens already keyed). */
  lookup(keys: string[]): number {
    return this.nameMask(keys.join(' ')) ?? 0;
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
    let node = this.trie.get(key);
    if (node === undefined) {
      node = this.makeNode(key);
      if (node) this.trie.set(key, node);
    }
    return node;
  }

  /** The trie of the names whose first token key is `first`, from the table; undefined when none is. */
  private makeNode(first: string): TrieNode | undefined {
    const table = this.table;
    // the key `first` if listed, then the keys `first …` (nothing sorts between them): one search
    let i = table.lowerBound(first);
    const node: TrieNode = { mask: 0, next: undefined };
    const listed = i < table.size && table.compare(i, first) === 0;
    if (listed) node.mask = table.mask(i++);
    const prefix = first + ' ';
    if (!listed && !(i < table.size && table.compare(i, prefix, true) === 0)) return undefined;
    for (; i < table.size && table.compare(i, prefix, true) === 0; i++) {
      let at = node;
      for (const t of table.key(i).slice(prefix.length).split(' ')) {
        const level = (at.next ??= new Map());
        let child = level.get(t);
        if (!child) level.set(t, (child = { mask: 0, next: undefined }));
        at = child;
      }
      at.mask |= table.mask(i);
    }
    return node;
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
        const m = this.nameMask(phrase);
        if (m !== undefined) {
          out[i] |= m;
          for (let j = i + 1; j < i + len; j++) out[j] |= m << 8;
        }
        if (!this.continues(phrase)) break;
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

/**
 * The built key table of the lists and lexicons above (in `gazetteerDir()`), written by
 * `npm run build:ner-gazetteer`: a first line naming the sources it was built from and their sizes
 * (`sourcesLine`), then the table (`formatKeyTable`). `test/ner-gazetteer.test.ts` checks it is
 * current with the sources.
 */
export const KEY_TABLE = 'gazetteer-keys.tsv';

/** Every listed name and its kind: the built lists of `data/name-lists/`, then the lexicons above. */
export function listedNames(dir = gazetteerDir()): Array<[string, GazKind]> {
  const names: Array<[string, GazKind]> = [];
  for (const [kind, file] of FILES) {
    const text = readFileSync(path.join(dir, file), 'utf8');
    for (const line of text.split('\n')) if (line) names.push([line, kind]);
  }
  for (const w of GROUP_LEXICON) names.push([w, 'group']);
  for (const w of REGION_LEXICON) names.push([w, 'region']);
  for (const w of GEO_FEATURE_WORDS) names.push([w, 'geoFeature']);
  return names;
}

/**
 * The first line of `KEY_TABLE`: the files its names come from and their sizes in bytes. A table
 * whose line differs from the files there is stale, and `loadGazetteer` keys the names itself
 * (an edit that keeps a file's size is not seen at load: the test checks the table itself).
 */
export function sourcesLine(dir = gazetteerDir()): string {
  const files = [...FILES.map(([, f]) => path.join(dir, f)), path.join(LEXICON_DIR, 'ner-gazetteer.json')];
  return `# built from ${files.map((f) => `${path.basename(f)} ${statSync(f).size}`).join(', ')}`;
}

/** The key table of listed names (`KEY_TABLE`'s table): each key with the mask of the kinds of the names under it. */
export function formatKeyTable(names: Iterable<[string, GazKind]>): string {
  const masks = new Map<string, number>();
  for (const [name, kind] of names) for (const key of nameKeys(name)) masks.set(key, (masks.get(key) ?? 0) | GAZ[kind]);
  return KeyTable.format(masks);
}

/**
 * The gazetteer of the lists in `dir`, read from their built key table (one read, no keying of
 * names: keying the 36,000 names took a quarter of a second of every start); keyed from the lists
 * and lexicons when the table was built from other ones.
 */
export function readGazetteer(dir = gazetteerDir()): Gazetteer {
  const text = readFileSync(path.join(dir, KEY_TABLE), 'utf8');
  const nl = text.indexOf('\n');
  return nl > 0 && text.slice(0, nl) === sourcesLine(dir)
    ? new Gazetteer(text.slice(nl + 1), true)
    : new Gazetteer(formatKeyTable(listedNames(dir)), true);
}

/** The shared gazetteer of `data/name-lists/` plus the lexicons above, loaded once (`readGazetteer`). */
export function loadGazetteer(): Gazetteer {
  cached ??= readGazetteer();
  return cached;
}
