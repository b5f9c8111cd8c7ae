/**
 * `Gazetteer`: the places of `data/gazetteer/gazetteer.tsv` (built by
 * `scripts/build-gazetteer.ts`), indexed by name key, exact-case abbreviation and demonym.
 *
 * Load it once (`Gazetteer.default()`); the name index is read from `gazetteer.idx` beside it
 * (`gazetteer-index.ts`), lines are decoded and places made when first looked at. The
 * transliteration index (`bySkeleton`) is built on first use only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  TsvBytes,
  buildIndex,
  keyHash,
  lastColumns,
  nameKeysOf,
  readIndex,
  type GazetteerIndex,
} from './gazetteer-index.ts';
import { nameKey, skeletonKey } from './normalize.ts';

export { nameKey };

/** C country, A first-level region (state, province), P populated place, R region/continent/sea. */
export type PlaceKind = 'C' | 'A' | 'P' | 'R';

export interface Place {
  kind: PlaceKind;
  name: string;
  /** ISO 3166-1 alpha-2, or '' for places spanning several countries (continents, seas). */
  cc: string;
  /** Key of the first-level region (`US.TX`), '' when unknown. */
  admin1: string;
  /** Inhabitants (cities: GeoNames; regions: sum of their cities); 0 when unknown. */
  pop: number;
  lat: number;
  lon: number;
  geonameId?: number;
  /** GeoNames feature code for cities (PPLC capital, PPLA region seat), kind for team regions. */
  fcode: string;
}

/** The shipped gazetteer (built by scripts/build-gazetteer.ts). */
const DEFAULT_PATH = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/gazetteer/gazetteer.tsv',
);

/** The shipped gazetteer, loaded once per process (`Gazetteer.default()`). */
let shared: Gazetteer | undefined;

/**
 * Names whose `lookup` results are kept: the same few hundred names are looked up again and again
 * within an article and across articles, and a hit in this small map spares keying the name and
 * reading the 140k-key name index (a cache miss). Starts afresh when full. Kept for speed: it saves
 * about 0.46 ms of an article's analysis (mean of 7 interleaved rounds, 0.13 to 1.3), and without it
 * the geo stage takes 34% longer on an 800 KB text (measured 2026-12-07).
 */
const LOOKUP_MEMO_SIZE = 20_000;
/** What a lookup that finds nothing returns: one shared array, never written (results are `readonly`). */
const NO_PLACES: readonly Place[] = [];

/** Columns of a gazetteer line (see `place`): the name and the country code. */
const NAME_COLUMN = 1;
const COUNTRY_COLUMN = 3;

/** Column `n` (0-based) of a tab-separated line, read without splitting the whole line. */
function column(line: string, n: number): string {
  let from = 0;
  for (let k = 0; k < n; k++) from = line.indexOf('\t', from) + 1;
  const to = line.indexOf('\t', from);
  return to < 0 ? line.slice(from) : line.slice(from, to);
}

/** Places by name, abbreviation, demonym and transliteration skeleton, read from the gazetteer's lines. */
export class Gazetteer {
  /** The file's bytes: lines are read and decoded when first wanted (`line`). */
  private readonly tsv: TsvBytes;
  /** Where its lines start, and name key → line numbers of the places with that name or alternative name. */
  private readonly index: GazetteerIndex;
  /** Exact-case abbreviations ("UK", "NSW", "TX") → places. */
  readonly byAbbr = new Map<string, Place[]>();
  /** Demonym key ("syrian", "syrians") → country. */
  readonly byDemonym = new Map<string, Place>();
  /** Country code → the country place, and region key (`US.TX`) → the region place, made on first use. */
  private byCountry?: Map<string, Place>;
  private byRegion?: Map<string, Place>;
  /** Country code → skeleton key → places, built per country on first use. */
  private skeletons = new Map<string, Map<string, number[]>>();
  /** Country code → line numbers of its cities and regions, built on first skeleton lookup. */
  private linesByCountry?: Map<string, number[]>;
  /**
   * The lines of the file, and the places made from them, on first use: most of the 140k places
   * are never looked at by a given article.
   */
  private readonly lines: (string | undefined)[];
  private readonly made: (Place | undefined)[];

  /** The gazetteer shipped in `data/gazetteer/`, loaded once per process. */
  static default(): Gazetteer {
    shared ??= Gazetteer.load(DEFAULT_PATH);
    return shared;
  }

  /**
   * The gazetteer of a tsv file, with the index file beside it (`.idx` for `.tsv`) when that was
   * built from this tsv; else the index is built here (a few tenths of a second).
   */
  static load(file: string): Gazetteer {
    const tsv = new TsvBytes(file);
    let index: GazetteerIndex | undefined;
    try {
      index = readIndex(fs.readFileSync(file.replace(/\.tsv$/, '.idx')), tsv);
    } catch {
      // no index file: built below
    }
    return new Gazetteer(tsv, index);
  }

  /** The gazetteer of a tsv's text or bytes, with its index if built (`buildIndex`), else building it. */
  constructor(tsv: string | Buffer | TsvBytes, index?: GazetteerIndex) {
    this.tsv = tsv instanceof TsvBytes ? tsv : new TsvBytes(typeof tsv === 'string' ? Buffer.from(tsv, 'utf8') : tsv);
    this.index = index ?? readIndex(buildIndex(this.tsv.bytes()), this.tsv)!;
    const n = this.index.starts.length - 1;
    this.lines = new Array(n);
    this.made = new Array(n);
    // Places with abbreviations or demonyms are made now (about 330); countries and regions on first use.
    for (const i of this.index.abbreviated) {
      const line = this.line(i);
      const [t1, t2, t3] = lastColumns(line);
      const p = this.place(i);
      if (t2 > t1 + 1) for (const a of line.slice(t1 + 1, t2).split('|')) this.add(this.byAbbr, a, p);
      if (t3 > t2 + 1) for (const d of line.slice(t2 + 1, t3).split('|')) this.byDemonym.set(d, p);
    }
  }

  /** Country code → the country place. */
  get countries(): ReadonlyMap<string, Place> {
    if (!this.byCountry) this.indexKinds();
    return this.byCountry!;
  }

  /** Region key (`US.TX`) → the region place (a first-level region). */
  get regions(): ReadonlyMap<string, Place> {
    if (!this.byRegion) this.indexKinds();
    return this.byRegion!;
  }

  /** `countries` and `regions`, from the lines of kind C and A (in file order: a later line of a key wins). */
  private indexKinds(): void {
    this.byCountry = new Map();
    this.byRegion = new Map();
    const { starts } = this.index;
    const tsv = this.tsv.bytes(); // every line's first byte: all are read
    for (let i = 0; i + 1 < starts.length; i++) {
      const k = tsv[starts[i]];
      if (k !== 67 /* C */ && k !== 65 /* A */) continue;
      const p = this.place(i);
      if (p.kind === 'C') this.byCountry.set(p.cc, p);
      if (p.kind === 'A') this.byRegion.set(p.admin1, p);
    }
  }

  /** Line `i` of the file (without its newline), decoded on first use. */
  private line(i: number): string {
    let l = this.lines[i];
    if (l === undefined) {
      const { starts } = this.index;
      this.lines[i] = l = this.tsv.text(starts[i], starts[i + 1] - 1);
    }
    return l;
  }

  /** Every place (made on demand; used by the per-country transliteration index). */
  get places(): Place[] {
    this.tsv.bytes(); // every line is read: all at once
    const out: Place[] = [];
    for (let i = 0; i < this.lines.length; i++) out.push(this.place(i));
    return out;
  }

  /** The place of line `i`, made on first use. */
  private place(i: number): Place {
    let p = this.made[i];
    if (p) return p;
    const f = this.line(i).split('\t');
    p = {
      kind: f[0] as PlaceKind,
      name: f[1],
      cc: f[3],
      admin1: f[4],
      pop: Number(f[5]) || 0,
      lat: Number(f[6]),
      lon: Number(f[7]),
      // present (maybe undefined) in every place: one object shape for all
      geonameId: f[8] ? Number(f[8]) : undefined,
      fcode: f[9],
    };
    this.made[i] = p;
    return p;
  }

  /**
   * Where the lines carrying this name key are listed in the index's postings (their count, then
   * the lines), -1 when none does: the key's hash found in the table, and the key in the name keys
   * of the first of its lines (two keys may share a hash).
   */
  private postingsOf(key: string): number {
    const { table, postings } = this.index;
    const mask = (table.length >>> 1) - 1;
    const h = keyHash(key);
    for (let s = h & mask; table[2 * s + 1] !== 0; s = (s + 1) & mask) {
      if (table[2 * s] !== h) continue;
      const at = table[2 * s + 1] - 1;
      if (nameKeysOf(this.line(postings[at + 1])).includes(key)) return at;
    }
    return -1;
  }

  private add(map: Map<string, Place[]>, key: string, p: Place): void {
    if (!key) return;
    const l = map.get(key);
    if (!l) map.set(key, [p]);
    else if (!l.includes(p)) l.push(p);
  }

  /**
   * Skeleton key → line numbers (in file order) of the cities and regions of one country. Read
   * from the lines' name and country columns: places are made only for the skeletons looked up.
   */
  private skeletonIndex(cc: string): Map<string, number[]> {
    if (!this.linesByCountry) {
      this.tsv.bytes(); // every line is read: all at once
      this.linesByCountry = new Map();
      for (let i = 0; i < this.lines.length; i++) {
        const line = this.line(i);
        const k = line.charCodeAt(0);
        if (k !== 80 /* P */ && k !== 65 /* A */) continue;
        const c = column(line, COUNTRY_COLUMN);
        const l = this.linesByCountry.get(c);
        if (l) l.push(i);
        else this.linesByCountry.set(c, [i]);
      }
    }
    const m = new Map<string, number[]>();
    for (const i of this.linesByCountry.get(cc) ?? []) {
      const key = skeletonKey(column(this.line(i), NAME_COLUMN));
      if (!key) continue;
      const l = m.get(key);
      if (l) l.push(i);
      else m.set(key, [i]);
    }
    return m;
  }

  /** `lookupUncached`'s results by the name asked (see LOOKUP_MEMO_SIZE). */
  private readonly lookupMemo = new Map<string, readonly Place[]>();

  /**
   * Places whose name or alternative name has this key (case and accents folded). The array is
   * shared between callers (memoised): read it, never write it.
   */
  lookup(name: string): readonly Place[] {
    let r = this.lookupMemo.get(name);
    if (r === undefined) {
      r = this.lookupUncached(name);
      if (this.lookupMemo.size >= LOOKUP_MEMO_SIZE) this.lookupMemo.clear();
      this.lookupMemo.set(name, r);
    }
    return r;
  }

  /** The look-up without the memo: the name keyed and read from the name index (`lookup` keeps its answers). */
  lookupUncached(name: string): readonly Place[] {
    const at = this.postingsOf(nameKey(name));
    if (at < 0) return NO_PLACES;
    const { postings } = this.index;
    const out: Place[] = [];
    for (let k = at + 1; k <= at + postings[at]; k++) out.push(this.place(postings[k]));
    return out;
  }

  /** Places abbreviated exactly so ("UK", "NSW"): an array of the index, to read, never to write. */
  lookupAbbr(text: string): readonly Place[] {
    return this.byAbbr.get(text) ?? NO_PLACES;
  }

  /** The country of a demonym ("Syrian", "Syrians", "British"). */
  demonym(word: string): Place | undefined {
    return this.byDemonym.get(nameKey(word));
  }

  /**
   * Cities and regions of the given countries whose transliteration skeleton matches
   * ("Sweida" → As-Suwayda). Restricted to countries because skeletons are loose keys.
   */
  lookupSkeleton(name: string, countries: Iterable<string>): Place[] {
    const key = skeletonKey(name);
    const out: Place[] = [];
    for (const cc of countries) {
      let m = this.skeletons.get(cc);
      if (!m) {
        m = this.skeletonIndex(cc);
        this.skeletons.set(cc, m);
      }
      const lines = m.get(key);
      if (lines) for (const i of lines) out.push(this.place(i));
    }
    return out;
  }
}
