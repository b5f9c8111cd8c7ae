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

const DEFAULT_PATH = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../data/gazetteer/gazetteer.tsv.gz');

let shared: Gazetteer | undefined;

export class Gazetteer {
  readonly places: Place[] = [];
  /** Name key → places with that name or alternative name. */
  readonly byKey = new Map<string, Place[]>();
  /** Exact-case abbreviations ("UK", "NSW", "TX") → places. */
  readonly byAbbr = new Map<string, Place[]>();
  /** Demonym key ("syrian", "syrians") → country. */
  readonly byDemonym = new Map<string, Place>();
  /** Country code → the country place. */
  readonly countries = new Map<string, Place>();
  /** Region key (`US.TX`) → the region place. */
  readonly regions = new Map<string, Place>();
  /** Country code → skeleton key → places, built per country on first use. */
  private skeletons = new Map<string, Map<string, Place[]>>();
  /** Country code → its cities and regions, built on first skeleton lookup. */
  private byCountry?: Map<string, Place[]>;

  /** The gazetteer shipped in `data/gazetteer/`, loaded once per process. */
  static default(): Gazetteer {
    shared ??= Gazetteer.load(DEFAULT_PATH);
    return shared;
  }

  static load(file: string): Gazetteer {
    return new Gazetteer(zlib.gunzipSync(fs.readFileSync(file)).toString('utf8'));
  }

  constructor(tsv: string) {
    for (const line of tsv.split('\n')) {
      if (!line) continue;
      const f = line.split('\t');
      const p: Place = {
        kind: f[0] as PlaceKind,
        name: f[1],
        cc: f[3],
        admin1: f[4],
        pop: Number(f[5]) || 0,
        lat: Number(f[6]),
        lon: Number(f[7]),
        fcode: f[9],
      };
      if (f[8]) p.geonameId = Number(f[8]);
      this.places.push(p);
      // Column 12 holds the precomputed name keys, column 11 the demonym keys.
      for (const k of f[12].split('|')) this.add(this.byKey, k, p);
      if (f[10]) for (const a of f[10].split('|')) this.add(this.byAbbr, a, p);
      if (f[11]) for (const d of f[11].split('|')) this.byDemonym.set(d, p);
      if (p.kind === 'C') this.countries.set(p.cc, p);
      if (p.kind === 'A') this.regions.set(p.admin1, p);
    }
  }

  private add(map: Map<string, Place[]>, key: string, p: Place): void {
    if (!key) return;
    const l = map.get(key);
    if (!l) map.set(key, [p]);
    else if (!l.includes(p)) l.push(p);
  }

  /** Places whose name or alternative name has this key (case and accents folded). */
  lookup(name: string): Place[] {
    return this.byKey.get(nameKey(name)) ?? [];
  }

  /** Places abbreviated exactly so ("UK", "NSW"). */
  lookupAbbr(text: string): Place[] {
    return this.byAbbr.get(text) ?? [];
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
        if (!this.byCountry) {
          this.byCountry = new Map();
          for (const p of this.places) if (p.kind === 'P' || p.kind === 'A') this.add(this.byCountry, p.cc, p);
        }
        m = new Map();
        for (const p of this.byCountry.get(cc) ?? []) this.add(m, skeletonKey(p.name), p);
        this.skeletons.set(cc, m);
      }
      out.push(...(m.get(key) ?? []));
    }
    return out;
  }
}
