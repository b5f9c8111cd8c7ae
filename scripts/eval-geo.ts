/**
 * eval:geo — toponym recognition and resolution on GeoVirus dev (../shared/data/geovirus).
 *
 *   node --import tsx scripts/eval-geo.ts [--errors] [--file PATH]
 *
 * Runs the sitrep pipeline (plus the geo stage when the pipeline does not include it yet) on each
 * text and prints:
 *   - accuracy@161km: share of gold toponyms whose span is found (overlap) and placed within 161 km,
 *     for all texts and for each half (texts alternately: the halves rules are checked on);
 *   - precision: share of the placed spans found that overlap a gold toponym and lie within 161 km;
 *   - span recall: share of gold toponyms overlapped by a found GPE/LOC span (placed or not);
 *   - oracle spans: accuracy@161km when the gold names are geocoded directly (resolution alone);
 *   - throughput.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pipeline } from '../src/pipeline.ts';
import { decodeXmlEntities } from '../src/text/xml.ts';
import { geoStage, resolveMentions, distanceKm, Gazetteer, toponymMentions } from '../src/extract/geo/index.ts';

/** The published threshold of the GeoVirus/LGL literature: 100 miles. */
const WITHIN_KM = 161;

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showErrors = args.includes('--errors');
const fileArg = args.indexOf('--file');
const file = fileArg >= 0 ? args[fileArg + 1] : path.resolve(repoRoot, '../shared/data/geovirus/GeoVirus-dev.xml');
if (!fs.existsSync(file)) {
  console.log(`eval:geo skipped: ${file} not found`);
  process.exit(0);
}

interface Gold {
  name: string;
  start: number;
  end: number;
  lat: number;
  lon: number;
}
const tag = (s: string, t: string): string =>
  decodeXmlEntities(new RegExp(`<${t}>([\\s\\S]*?)</${t}>`).exec(s)?.[1] ?? '');

const xml = fs.readFileSync(file, 'utf8');
const articles = [...xml.matchAll(/<article>([\s\S]*?)<\/article>/g)].map((m) => {
  const text = tag(m[1], 'text');
  const gold: Gold[] = [...m[1].matchAll(/<location>([\s\S]*?)<\/location>/g)].map((l) => ({
    name: tag(l[1], 'name'),
    start: Number(tag(l[1], 'start')) - 1, // the file is 1-based
    end: Number(tag(l[1], 'end')) - 1,
    lat: Number(tag(l[1], 'lat')),
    lon: Number(tag(l[1], 'lon')),
  }));
  return { text, gold };
});

const t0 = performance.now();
const gaz = Gazetteer.default();
const loadMs = performance.now() - t0;
const pipeline = new Pipeline();
const needsGeo = !pipeline.stages.some((s) => s.name === 'geo');

let nGold = 0;
let placed = 0;
let spanFound = 0;
let oracle = 0;
let nPred = 0;
let predOk = 0;
let chars = 0;
let pipelineMs = 0;
/** Gold toponyms and those placed within the distance, per half of the texts (alternately). */
const halves = [
  { gold: 0, placed: 0 },
  { gold: 0, placed: 0 },
];
const errors: string[] = [];

articles.forEach((a, ai) => {
  nGold += a.gold.length;
  const half = halves[ai % 2];
  half.gold += a.gold.length;
  chars += a.text.length;
  const t = performance.now();
  const doc = pipeline.process({ id: `geovirus-${ai}`, source: {}, text: a.text });
  if (needsGeo) geoStage.run(doc);
  pipelineMs += performance.now() - t;
  // Offsets are compared only when the cleaner kept the text as given.
  const aligned = doc.text === a.text;
  const preds: { start: number; end: number; lat: number; lon: number; name: string }[] = [];
  const spans: { start: number; end: number }[] = [];
  for (const e of doc.entities) {
    if (e.type !== 'GPE' && e.type !== 'LOC') continue;
    for (const m of e.mentions) spans.push(m);
  }
  // Placed toponyms: demonym mentions ("Mexican", merged into Mexico by the entity stage) are no place names.
  for (const { entity: e, mention: m } of toponymMentions(doc, gaz)) {
    preds.push({ start: m.start, end: m.end, lat: e.geo!.lat, lon: e.geo!.lon, name: m.text });
  }
  const overlaps = (x: { start: number; end: number }, g: Gold): boolean =>
    aligned && x.start < g.end && g.start < x.end;
  for (const g of a.gold) {
    if (spans.some((s) => overlaps(s, g))) spanFound++;
    const hit = preds.filter((p) => overlaps(p, g));
    if (hit.some((p) => distanceKm(p, g) <= WITHIN_KM)) {
      placed++;
      half.placed++;
    } else if (showErrors)
      errors.push(
        hit.length
          ? `[${ai}] WRONG ${g.name} → ${hit[0].name} (${hit[0].lat},${hit[0].lon}) gold (${g.lat},${g.lon}) ${Math.round(distanceKm(hit[0], g))} km`
          : `[${ai}] MISSED ${g.name}`,
      );
  }
  for (const p of preds) {
    nPred++;
    if (a.gold.some((g) => overlaps(p, g) && distanceKm(p, g) <= WITHIN_KM)) predOk++;
    else if (showErrors && !a.gold.some((g) => overlaps(p, g))) errors.push(`[${ai}] EXTRA ${p.name}`);
  }
  // Oracle spans: geocode the gold names themselves, with each other as context.
  const res = resolveMentions(gaz, a.text, a.gold);
  a.gold.forEach((g, i) => {
    const r = res[i];
    if (r && distanceKm(r.place, g) <= WITHIN_KM) oracle++;
    else if (showErrors)
      errors.push(
        r
          ? `[${ai}] ORACLE-WRONG ${g.name} → ${r.place.name}/${r.place.kind}/${r.place.cc} ${Math.round(distanceKm(r.place, g))} km`
          : `[${ai}] ORACLE-UNKNOWN ${g.name}`,
      );
  });
});

const f = (x: number): string => x.toFixed(3);
if (showErrors) console.log(errors.join('\n'));
console.log(`GeoVirus ${path.basename(file)}: ${articles.length} texts, ${nGold} gold toponyms`);
console.log(`accuracy@161km (span found and placed): ${f(placed / nGold)}  (${placed}/${nGold})`);
console.log(
  `  halves (texts alternately):          A ${f(halves[0].placed / halves[0].gold)}, B ${f(halves[1].placed / halves[1].gold)}`,
);
console.log(`precision of placed spans:              ${f(nPred ? predOk / nPred : 0)}  (${predOk}/${nPred})`);
console.log(`span recall (GPE/LOC found):            ${f(spanFound / nGold)}  (${spanFound}/${nGold})`);
console.log(`oracle spans accuracy@161km:            ${f(oracle / nGold)}  (${oracle}/${nGold})`);
console.log(
  `throughput: ${(articles.length / (pipelineMs / 1000)).toFixed(1)} texts/s, ${Math.round(chars / 1024 / (pipelineMs / 1000))} KB/s (pipeline${needsGeo ? ' + geo stage' : ''}); gazetteer load ${Math.round(loadMs)} ms`,
);
