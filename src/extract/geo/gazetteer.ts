/**
 * `Gazetteer`: the places of `data/gazetteer/gazetteer.tsv.gz` (built by
 * `scripts/build-gazetteer.ts`), indexed by name key, exact-case abbreviation and demonym.
 *
 * Load it once (`Gazetteer.default()`); lookups are map reads. The transliteration index
 * (`bySkeleton`) is built on first use only.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
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
  '../../../data/gazetteer/gazetteer.tsv.gz',
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
  /** Name key → line numbers of the places with that name or alternative name. */
  private readonly byKey = new Map<string, number | number[]>();
  /** Exact-case abbreviations ("UK", "NSW", "TX") → places. */
  readonly byAbbr = new Map<string, Place[]>();
  /** Demonym key ("syrian", "syrians") → country. */
  readonly byDemonym = new Map<string, Place>();
  /** Country code → the country place. */
  readonly countries = new Map<string, Place>();
  /** Region key (`US.TX`) → the region place. */
  readonly regions = new Map<string, Place>();
  /** Country code → skeleton key → places, built per country on first use. */
  private skeletons = new Map<string, Map<string, number[]>>();
  /** Country code → line numbers of its cities and regions, built on first skeleton lookup. */
  private linesByCountry?: Map<string, number[]>;
  /**
   * The lines of the file, and the places made from them on first use: loading only indexes the
   * name keys (most of the 140k places are never looked at by a given article).
   */
  private readonly lines: string[];
  private readonly made: (Place | undefined)[];

  /** The gazetteer shipped in `data/gazetteer/`, loaded once per process. */
  static default(): Gazetteer {
    shared ??= Gazetteer.load(DEFAULT_PATH);
    return shared;
  }

  static load(file: string): Gazetteer {
    return new Gazetteer(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  }

  constructor(tsv: string) {
    this.lines = tsv.split('\n');
    if (this.lines[this.lines.length - 1] === '') this.lines.pop();
    this.made = new Array(this.lines.length);
    for (let i = 0; i < this.lines.length; i++) {
      const line = this.lines[i];
      // The last three columns: abbreviations, demonym keys, name keys (read without splitting the line).
      const t3 = line.lastIndexOf('\t');
      const t2 = line.lastIndexOf('\t', t3 - 1);
      const t1 = line.lastIndexOf('\t', t2 - 1);
      let from = t3 + 1;
      while (from < line.length) {
        let to = line.indexOf('|', from);
        if (to < 0) to = line.length;
        if (to > from) this.addIndex(line.slice(from, to), i);
        from = to + 1;
      }
      const kind = line.charCodeAt(0);
      // Countries, regions and places with abbreviations or demonyms are made now (about 5,000).
      if (kind === 67 /* C */ || kind === 65 /* A */ || t2 > t1 + 1 || t3 > t2 + 1) {
        const p = this.place(i);
        if (t2 > t1 + 1) for (const a of line.slice(t1 + 1, t2).split('|')) this.add(this.byAbbr, a, p);
        if (t3 > t2 + 1) for (const d of line.slice(t2 + 1, t3).split('|')) this.byDemonym.set(d, p);
        if (p.kind === 'C') this.countries.set(p.cc, p);
        if (p.kind === 'A') this.regions.set(p.admin1, p);
      }
    }
  }

  /** Every place (made on demand; used by the per-country transliteration index). */
  get places(): Place[] {
    const out: Place[] = [];
    for (let i = 0; i < this.lines.length; i++) out.push(this.place(i));
    return out;
  }

  /** The place of line `i`, made on first use. */
  private place(i: number): Place {
    let p = this.made[i];
    if (p) return p;
    const f = this.lines[i].split('\t');
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

  private addIndex(key: string, i: number): void {
    const l = this.byKey.get(key);
    if (l === undefined) this.byKey.set(key, i);
    else if (typeof l === 'number') {
      if (l !== i) this.byKey.set(key, [l, i]);
    } else if (l[l.length - 1] !== i) l.push(i);
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
      this.linesByCountry = new Map();
      for (let i = 0; i < this.lines.length; i++) {
        const line = this.lines[i];
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
      const key = skeletonKey(column(this.lines[i], NAME_COLUMN));
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
    const l = this.byKey.get(nameKey(name));
    if (l === undefined) return NO_PLACES;
    return typeof l === 'number' ? [this.place(l)] : l.map((i) => this.place(i));
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
