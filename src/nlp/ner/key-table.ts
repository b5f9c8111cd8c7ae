/**
 * The gazetteer's names as a sorted table of keys with a mask each, searched by halves where the
 * table's text lies: `key<TAB>mask` lines (`data/name-lists/gazetteer-keys.tsv`). Loading it is
 * reading the text and finding where its lines and tabs are; no string is made per key (splitting
 * the 30,000 lines into keys and masks took 50 ms of every start on this project's machines, and a
 * map of their first tokens 20 ms more). A key is token keys joined by a space.
 */

/** A sorted table of keys and masks, over its text. */
export class KeyTable {
  /** The table's text: `key<TAB>mask` lines, sorted by key. */
  readonly text: string;
  /** Where key i starts in `text`, and where its tab is (its end). */
  private readonly starts: Int32Array;
  private readonly tabs: Int32Array;

  /**
   * The table of this text. Refuses a line without a tab, and unless `sorted` (the shipped table,
   * which `test/ner-gazetteer.test.ts` checks instead of every start) one whose keys are out of
   * order or repeated: the look-ups search it by halves.
   */
  constructor(text: string, sorted = false) {
    const starts: number[] = [];
    const tabs: number[] = [];
    for (let at = 0; at < text.length;) {
      let nl = text.indexOf('\n', at);
      if (nl < 0) nl = text.length;
      if (nl > at) {
        const tab = text.indexOf('\t', at);
        if (tab <= at || tab > nl) throw new Error(`gazetteer key table: line ${starts.length + 1} has no key and tab`);
        starts.push(at);
        tabs.push(tab);
      }
      at = nl + 1;
    }
    this.text = text;
    this.starts = Int32Array.from(starts);
    this.tabs = Int32Array.from(tabs);
    if (!sorted)
      for (let i = 1; i < starts.length; i++)
        if (!this.follows(i))
          throw new Error(`gazetteer key table: line ${i + 1} is not a key after the one before it`);
  }

  /** Whether key i sorts after key i - 1 (compared where they lie). */
  private follows(i: number): boolean {
    const t = this.text;
    const aEnd = this.tabs[i - 1];
    const bEnd = this.tabs[i];
    for (let a = this.starts[i - 1], b = this.starts[i]; ; a++, b++) {
      if (b === bEnd) return false; // key i ends first, or both end: not after
      if (a === aEnd) return true;
      const d = t.charCodeAt(b) - t.charCodeAt(a);
      if (d !== 0) return d > 0;
    }
  }

  /** The table text of keys and their masks: `key<TAB>mask` lines sorted by key (UTF-16 code units). */
  static format(masks: ReadonlyMap<string, number>): string {
    const keys = [...masks.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return keys.map((k) => `${k}\t${masks.get(k)}\n`).join('');
  }

  /** The number of keys. */
  get size(): number {
    return this.starts.length;
  }

  /** Key i. */
  key(i: number): string {
    return this.text.slice(this.starts[i], this.tabs[i]);
  }

  /** The mask of key i (the decimal digits after its tab). */
  mask(i: number): number {
    const t = this.text;
    let m = 0;
    for (let at = this.tabs[i] + 1; at < t.length; at++) {
      const d = t.charCodeAt(at) - 48;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
    }
    return m;
  }

  /** Every key and its mask. */
  entries(): Map<string, number> {
    const out = new Map<string, number>();
    for (let i = 0; i < this.size; i++) out.set(this.key(i), this.mask(i));
    return out;
  }

  /**
   * How key i compares with `q`, as `<` compares strings (UTF-16 code units): negative when it
   * sorts before, 0 when equal, positive after. With `prefix`, 0 when key i begins with `q`.
   */
  compare(i: number, q: string, prefix = false): number {
    const t = this.text;
    const end = this.tabs[i];
    let at = this.starts[i];
    for (let k = 0; ; k++, at++) {
      if (k === q.length) return at === end || prefix ? 0 : 1;
      if (at === end) return -1;
      const d = t.charCodeAt(at) - q.charCodeAt(k);
      if (d !== 0) return d;
    }
  }

  /** The first key not sorting before `q` (`size` when none). */
  lowerBound(q: string): number {
    let lo = 0;
    let hi = this.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(mid, q) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The index of key `q`, -1 when the table lacks it. */
  indexOf(q: string): number {
    const i = this.lowerBound(q);
    return i < this.size && this.compare(i, q) === 0 ? i : -1;
  }
}
