/**
 * Feature hashing: features are never stored as strings. Each template has a seed
 * (`templates.ts`), the text it reads is folded into a 32-bit FNV-1a hash, and the hashes of a
 * sentence's tokens are collected in a `FeatureBuffer`, so extraction allocates almost nothing and
 * the model is a flat weight table (see `model.ts`).
 */

/** FNV-1a's 32-bit offset basis: the starting state of a hash. */
export const FNV_OFFSET = 0x811c9dc5;
/** FNV-1a's 32-bit prime. */
export const FNV_PRIME = 0x01000193;

/** Folds a string into a running FNV-1a hash. */
export function hashStr(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

/** Folds an integer into a running hash. */
export function hashInt(h: number, v: number): number {
  h ^= v & 0xffff;
  h = Math.imul(h, FNV_PRIME);
  h ^= v >>> 16;
  return Math.imul(h, FNV_PRIME);
}

/** Final avalanche (murmur3 fmix32) so low bits index buckets evenly. */
export function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A growable list of hashed features, one token after another. */
export class FeatureBuffer {
  feats: Int32Array;
  /** offsets[i]..offsets[i+1] are token i's features. */
  offsets: Int32Array;
  n = 0;
  len = 0;

  constructor(capacity = 1024) {
    this.feats = new Int32Array(capacity);
    this.offsets = new Int32Array(65);
  }

  reset(nTokens: number): void {
    this.n = 0;
    this.len = 0;
    if (this.offsets.length < nTokens + 1) this.offsets = new Int32Array(nTokens * 2 + 1);
    this.offsets[0] = 0;
  }

  push(h: number): void {
    if (this.len === this.feats.length) {
      const f = new Int32Array(this.feats.length * 2);
      f.set(this.feats);
      this.feats = f;
    }
    this.feats[this.len++] = mix(h);
  }

  /** Appends a feature already mixed (copied from another buffer). */
  pushMixed(h: number): void {
    if (this.len === this.feats.length) {
      const f = new Int32Array(this.feats.length * 2);
      f.set(this.feats);
      this.feats = f;
    }
    this.feats[this.len++] = h;
  }

  endToken(): void {
    this.n++;
    this.offsets[this.n] = this.len;
  }
}

/** Hashed features of one sentence, token by token (a frozen FeatureBuffer). */
export interface SentenceFeatures {
  feats: Int32Array;
  offsets: Int32Array;
  n: number;
}

/** A frozen copy of the buffer's current contents. */
export function freeze(buf: FeatureBuffer): SentenceFeatures {
  return { feats: buf.feats.slice(0, buf.len), offsets: buf.offsets.slice(0, buf.n + 1), n: buf.n };
}
