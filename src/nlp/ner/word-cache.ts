/**
 * The tagger's cache of word forms: each form seen, with the summed weights of its context-free
 * features (`CachedWord`), kept in an open-addressing table keyed by the token string (`WordTable`).
 */
import type { TrieNode } from './gazetteer.ts';
import { hashStr, mix } from '../hashing.ts';
import type { WordInfo } from './word-features.ts';

/** Seed of the word table's string hash (any constant: the hash only spreads keys over slots). */
const WORD_TABLE_SEED = 0x811c9dc5;

/** A word form with the summed weights of its context-free features, per pass and role. */
export interface CachedWord {
  info: WordInfo;
  /**
   * Where its summed weights start in the tagger's slab `sums`, in the model's integer units:
   * `sums[at + (role * passes + pass) * N_LABELS + label]`.
   */
  at: number;
  /** The gazetteer trie node of names starting with this word (`Gazetteer.startNode`). */
  gazStart: TrieNode | undefined;
  /** The gazetteer key holds a space (then `matchTokens` matches by phrase). */
  spacedKey: boolean;
  /**
   * Id of its lower form (`info.l`), shared by the forms with the same lower case ("Court",
   * "court"): the document-level counts, which `DocContext` and `DocVotes` key by lower form, are
   * kept in the tagger's arrays under it (`DocCounts`).
   */
  lid: number;
}

/** Slots a word table starts with (it doubles when half full). */
const WORD_TABLE_SLOTS = 4096;

/**
 * The tagger's word-form cache: string → CachedWord, exact key equality as in a `Map`. Open
 * addressing over one Int32Array of (hash, entry) pairs. Why not a Map: the tokens looked up are
 * freshly sliced strings and most forms were cached articles ago, so each `Map.get` misses the
 * processor caches several times (bucket, entry, stored key); here a slot's hash and entry share
 * a cache line and the stored key is read only when the hashes agree.
 */
export class WordTable {
  /** `slots[2s]` the key hash of slot s, `slots[2s + 1]` its entry + 1 (0: empty). */
  private slots = new Int32Array(2 * WORD_TABLE_SLOTS);
  private mask = WORD_TABLE_SLOTS - 1;
  private keys: string[] = [];
  private values: CachedWord[] = [];
  private hashes: number[] = [];

  get size(): number {
    return this.keys.length;
  }

  get(key: string): CachedWord | undefined {
    const h = mix(hashStr(WORD_TABLE_SEED, key)) | 0;
    const slots = this.slots;
    for (let s = h & this.mask; ; s = (s + 1) & this.mask) {
      const e = slots[2 * s + 1];
      if (e === 0) return undefined;
      if (slots[2 * s] === h && this.keys[e - 1] === key) return this.values[e - 1];
    }
  }

  /** Adds a key that is not in the table (the caller looked it up first). */
  add(key: string, value: CachedWord): void {
    if (2 * (this.keys.length + 1) > this.mask + 1) this.grow(); // at most half full: short probe runs
    const h = mix(hashStr(WORD_TABLE_SEED, key)) | 0;
    this.keys.push(key);
    this.values.push(value);
    this.hashes.push(h);
    this.place(h, this.keys.length);
  }

  private place(h: number, entry: number): void {
    const slots = this.slots;
    let s = h & this.mask;
    while (slots[2 * s + 1] !== 0) s = (s + 1) & this.mask;
    slots[2 * s] = h;
    slots[2 * s + 1] = entry;
  }

  private grow(): void {
    const n = 2 * (this.mask + 1);
    this.slots = new Int32Array(2 * n);
    this.mask = n - 1;
    for (let e = 0; e < this.hashes.length; e++) this.place(this.hashes[e], e + 1);
  }

  clear(): void {
    this.slots = new Int32Array(2 * WORD_TABLE_SLOTS);
    this.mask = WORD_TABLE_SLOTS - 1;
    this.keys = [];
    this.values = [];
    this.hashes = [];
  }
}
