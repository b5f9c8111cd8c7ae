/**
 * The document-level counts of the tagger's fast path (`DocContext` and `DocVotes` of
 * `features.ts`, kept in arrays under lower-form ids).
 */
import { N_LABELS } from './labels.ts';
import { LINE_NORMAL } from './shapes.ts';
import type { CachedWord } from './word-cache.ts';
import { WF_LETTER, WF_OPENER, WF_STARTS_UPPER, WF_TITLE, WF_UPPER } from './word-features.ts';

/**
 * `DocContext` and `DocVotes` of the document being tagged, in arrays under lower-form ids
 * (`CachedWord.lid`) rather than maps under strings: each token's counts are read and bumped
 * where they lie, with no string hashing and no map entries made per document. A word the
 * document does not count reads as zeros, as a missing map entry does in the reference forms.
 * Zeroed again after each document (`clear`), for the words it had.
 */
export class DocCounts {
  /** `DocContext.capMid` and `.lowerSeen` per lower form. */
  capMid = new Int32Array(0);
  lowerSeen = new Int32Array(0);
  /** `DocVotes.counts`: `votes[lid * N_LABELS + label]`. */
  votes = new Int32Array(0);
  /** `DocVotes.titled`: 1 for a lower form seen titled. */
  titled = new Uint8Array(0);

  /** Room for lower-form ids below `n`. */
  ensure(n: number): void {
    if (n <= this.capMid.length) return;
    const m = Math.max(4096, 2 * n);
    const grow = <T extends Int32Array | Uint8Array>(a: T, size: number): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.capMid = grow(this.capMid, m);
    this.lowerSeen = grow(this.lowerSeen, m);
    this.votes = grow(this.votes, m * N_LABELS);
    this.titled = grow(this.titled, m);
  }

  /** `DocContext.build` (same counts, under ids, from the words' flags). */
  context(words: CachedWord[][], lines: number[]): void {
    const { capMid, lowerSeen } = this;
    for (let s = 0; s < words.length; s++) {
      if (lines[s] !== LINE_NORMAL) continue;
      const ws = words[s];
      for (let i = 0; i < ws.length; i++) {
        const f = ws[i].info.flags;
        if (!(f & WF_LETTER)) continue;
        if (!(f & WF_UPPER)) lowerSeen[ws[i].lid]++;
        else if (i > 0 && f & WF_STARTS_UPPER && !(ws[i - 1].info.flags & WF_OPENER)) capMid[ws[i].lid]++;
      }
    }
  }

  /** `DocVotes.build` (same counts, under ids, from the words' flags). */
  countVotes(words: CachedWord[][], firstPass: Uint8Array[]): void {
    const { votes, titled } = this;
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      const labels = firstPass[s];
      for (let i = 0; i < ws.length; i++) {
        const f = ws[i].info.flags;
        if (!(f & WF_LETTER)) continue;
        const lid = ws[i].lid;
        votes[lid * N_LABELS + labels[i]]++;
        if (i > 0 && ws[i - 1].info.flags & WF_TITLE && f & WF_STARTS_UPPER && labels[i] !== 0) titled[lid] = 1;
      }
    }
  }

  /** Zeroes the counts of the document's words. */
  clear(words: CachedWord[][]): void {
    const { capMid, lowerSeen, titled, votes } = this;
    for (let s = 0; s < words.length; s++) {
      const ws = words[s];
      for (let i = 0; i < ws.length; i++) {
        const lid = ws[i].lid;
        capMid[lid] = 0;
        lowerSeen[lid] = 0;
        titled[lid] = 0;
        // `votes.fill(0, lid * N_LABELS, (lid + 1) * N_LABELS)` as plain stores (no built-in call per token)
        for (let k = lid * N_LABELS, e = k + N_LABELS; k < e; k++) votes[k] = 0;
      }
    }
  }
}
