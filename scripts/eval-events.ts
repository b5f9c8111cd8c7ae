/**
 * eval:events: PLOVER event coding on the coded sentences of ../shared/data/events/plover-gold-sentences.json.
 *
 * The event-type model is trained on these sentences too, so they are scored by 5-fold
 * cross-validation: the model of fold k (sentences k, k+5, …) is trained on everything else
 * (`train-types.ts`); `--fit` scores the shipped model instead (a training fit, not a measure).
 *
 * Figures, for all sentences and each half (even and odd sentences):
 *   - event-type accuracy: share of sentences whose gold type is among the types found;
 *   - actor (source) and target F1: gold actor texts against the actor texts of the event chosen for
 *     the sentence (the found event of the gold type, else the first one found). A gold and a found
 *     actor match when they share a content word, case-insensitively (overlap / head match); each
 *     actor matches at most once;
 *   - type precision: share of the events found whose type is the gold type (each sentence is coded
 *     with one event, so every other event found there is counted as noise), and events per sentence.
 * The gold file is PLOVER 0.5b1: its labels map to 0.8 types (DEMAND → REQUEST, DISAPPROVE → ACCUSE
 * (disapprove), INVESTIGATE → ACCUSE (investigate), FIGHT → ASSAULT); DOCUMENT entries are skipped.
 *
 * Then, on whole articles through the full pipeline: the seed article (events found against the
 * analyst's gold events, ../shared/seed/gold.json; eval:seed says which match), the team articles in
 * examples/ (events per article, how many have no actor and no target), and false events per 1,000
 * words on the articles marked `noEvents` there (science, business, sport: every event is false).
 * Options: --fit, --errors prints the misses, --list prints the events found on the articles.
 *
 *   node --import tsx scripts/eval-events.ts [--fit] [--errors] [--list]
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractEvents } from '../src/extract/events/index.ts';
import { Pipeline } from '../src/pipeline.ts';
import { sentencesAndTokens } from './lib.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { petrarchVerbs, type TypeModel } from '../src/extract/events/type-model.ts';
import {
  DEFAULT_TRAINING,
  readCodedSentences,
  readTrainingSet,
  trainTypeModel,
  type CodedSentence,
  type TrainingSet,
} from '../src/extract/events/train-types.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLD = path.resolve(repoRoot, '../shared/data/events/plover-gold-sentences.json');
/** Words that do not make two actor texts the same actor. */
const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'and',
  'in',
  'on',
  'its',
  'his',
  'her',
  'their',
  "'s",
  's',
  'new',
  'top',
  'senior',
  'some',
  'group',
  'leaders',
  'leader',
  'officials',
  'official',
  'government',
  'forces',
  'president',
  'minister',
  'people',
  'based',
]);

function words(s: string): Set<string> {
  return new Set(
    (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])
      .filter((w) => !STOP.has(w))
      .map((w) => w.replace(/(ians?|ese|is|ish|s)$/, '')),
  );
}

/** Greedy one-to-one matching of gold and found actor texts; returns [tp, gold count, found count]. */
export function matchActors(gold: string[], found: string[]): [number, number, number] {
  const used = new Set<number>();
  let tp = 0;
  for (const g of gold) {
    const gw = words(g);
    const k = found.findIndex((f, i) => !used.has(i) && [...words(f)].some((w) => gw.has(w)));
    if (k >= 0) {
      used.add(k);
      tp++;
    }
  }
  return [tp, gold.length, found.length];
}

/** How the dev sentences are scored: folds of cross-validation, each scored by a model that never saw it. */
const FOLDS = 5;

interface SentenceResult {
  gold: string;
  ok: boolean;
  found: number;
  foundGold: number;
  act: [number, number, number];
  tar: [number, number, number];
  line: string;
}

/** The dev sentences scored by 5-fold cross-validation: the model of fold k trains on everything but fold k. */
function crossValidated(set: TrainingSet): SentenceResult[] {
  const results: SentenceResult[] = new Array(set.sentences.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const coded = set.coded.filter((_, i) => i % FOLDS !== fold).flat();
    const model = trainTypeModel([...set.stories, ...set.background, ...coded], {
      ...DEFAULT_TRAINING,
      trainedOn: `fold ${fold}`,
    });
    set.sentences.forEach((item, i) => {
      if (i % FOLDS === fold) results[i] = scoreSentence(item, model);
    });
  }
  return results;
}

/** One coded sentence's events against its gold type, actors and targets. */
function scoreSentence(item: CodedSentence, model?: TypeModel): SentenceResult {
  const doc = sentencesAndTokens(item.text, item.id);
  const events = extractEvents(doc, model);
  const types = new Set(events.map((e) => e.type));
  const ok = types.has(item.type);
  const chosen = events.find((e) => e.type === item.type) ?? events[0];
  const act = matchActors(item.source, chosen ? chosen.actors.map((x) => x.text) : []);
  const tar = matchActors(item.target, chosen ? chosen.targets.map((x) => x.text) : []);
  const line = `${ok ? '  ' : 'XX'} ${item.type} found=[${[...types].join(',')}] src=${JSON.stringify(item.source)} got=${JSON.stringify(chosen?.actors.map((x) => x.text))} tgt=${JSON.stringify(item.target)} got=${JSON.stringify(chosen?.targets.map((x) => x.text))}\n   ${item.text.slice(0, 200)}`;
  return {
    gold: item.type,
    ok,
    found: events.length,
    foundGold: events.filter((e) => e.type === item.type).length,
    act,
    tar,
    line,
  };
}

const f1 = ([tp, g, f]: number[]): string => {
  const p = f ? tp / f : 0;
  const r = g ? tp / g : 0;
  return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}`;
};

/** The figures of a set of scored sentences. */
function report(label: string, rs: SentenceResult[], perType: boolean): void {
  const sum = (k: 'act' | 'tar') => [0, 1, 2].map((j) => rs.reduce((a, r) => a + r[k][j], 0));
  const typeOk = rs.filter((r) => r.ok).length;
  const found = rs.reduce((a, r) => a + r.found, 0);
  const foundGold = rs.reduce((a, r) => a + r.foundGold, 0);
  console.log(`${label}: ${rs.length} sentences`);
  console.log(`  event-type accuracy: ${(typeOk / rs.length).toFixed(3)} (${typeOk}/${rs.length})`);
  console.log(`  actor  ${f1(sum('act'))}`);
  console.log(`  target ${f1(sum('tar'))}`);
  console.log(
    `  type precision: ${(found ? foundGold / found : 0).toFixed(3)} (${foundGold}/${found} events of the gold type), ${(found / rs.length).toFixed(2)} events per sentence`,
  );
  if (!perType) return;
  const per = new Map<string, [number, number]>();
  for (const r of rs) {
    const pt = per.get(r.gold) ?? [0, 0];
    per.set(r.gold, [pt[0] + (r.ok ? 1 : 0), pt[1] + 1]);
  }
  console.log(`  per type: ${[...per.entries()].map(([k, [o, n]]) => `${k} ${o}/${n}`).join(', ')}`);
}

function main(): void {
  if (!existsSync(GOLD)) {
    console.log(`eval:events skipped: ${GOLD} not found`);
    return;
  }
  const args = process.argv.slice(2);
  if (args.includes('--help')) {
    console.log('usage: npm run eval:events -- [--fit] [--errors] [--list]   (5-fold cross-validation unless --fit)');
    return;
  }
  const t0 = performance.now();
  const fit = args.includes('--fit');
  const results = fit
    ? readCodedSentences(GOLD).map((item) => scoreSentence(item))
    : crossValidated(readTrainingSet(sentencesAndTokens, path.resolve(GOLD, '../..'), petrarchVerbs()));
  const how = fit
    ? 'the shipped model (training fit: it was trained on these sentences)'
    : `${FOLDS}-fold cross-validation`;
  console.log(`PLOVER coded sentences, ${how}`);
  report('all', results, true);
  report(
    'half a',
    results.filter((_, i) => i % 2 === 0),
    false,
  );
  report(
    'half b',
    results.filter((_, i) => i % 2 === 1),
    false,
  );
  if (args.includes('--errors'))
    for (const r of results) if (!r.ok || r.act[0] < r.act[1] || r.tar[0] < r.tar[1]) console.log(r.line);
  console.log(`time: ${(performance.now() - t0).toFixed(0)} ms`);
  articles(args.includes('--list'));
}

/** Render one event as a line (type, actors → targets, evidence). */
function line(a: Analysis, e: Analysis['events'][number]): string {
  const names = (l: typeof e.actors): string => l.map((x) => x.text).join(', ') || '?';
  return `    ${e.type}${e.mode ? '/' + e.mode : ''} ${names(e.actors)} → ${names(e.targets)}${e.when ? ' @' + e.when : ''}  «${e.text.slice(0, 70)}»`;
}

/** Events through the whole pipeline on the seed article and the example articles. */
function articles(list: boolean): void {
  const pipeline = new Pipeline();
  const run = (id: string, file: string, published: string, publisher?: string): Analysis =>
    pipeline.analyze({ id, source: { path: file, published, publisher }, text: readFileSync(file, 'utf8') });
  const seedDir = path.resolve(repoRoot, '../shared/seed');
  const goldPath = path.join(seedDir, 'gold.json');
  if (existsSync(goldPath)) {
    const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as {
      article: string;
      published: string;
      publisher?: string;
      events?: unknown[];
    };
    const a = run('seed', path.join(seedDir, gold.article), gold.published, gold.publisher);
    const n = gold.events?.length ?? 0;
    console.log(
      `seed article: ${a.events.length} events for ${n} gold events (precision bound ${(a.events.length ? Math.min(n, a.events.length) / a.events.length : 0).toFixed(2)}; eval:seed checks which match)`,
    );
    if (list) for (const e of a.events) console.log(line(a, e));
  } else console.log(`seed article skipped: ${goldPath} not found`);
  const exDir = path.resolve(repoRoot, 'examples');
  const exList = path.join(exDir, 'articles.json');
  if (!existsSync(exList)) return;
  let total = 0;
  let bare = 0;
  let quietEvents = 0;
  let quietWords = 0;
  const per: string[] = [];
  for (const ex of JSON.parse(readFileSync(exList, 'utf8')) as {
    id: string;
    file: string;
    published: string;
    publisher?: string;
    noEvents?: boolean;
  }[]) {
    const a = run(ex.id, path.join(exDir, ex.file), ex.published, ex.publisher);
    total += a.events.length;
    bare += a.events.filter((e) => !e.actors.length && !e.targets.length).length;
    per.push(`${ex.id} ${a.events.length}`);
    if (ex.noEvents) {
      quietEvents += a.events.length;
      quietWords += a.text.split(/\s+/).filter(Boolean).length;
    }
    if (list) {
      console.log(`  ${ex.id}${ex.noEvents ? ' (reports no political event)' : ''}`);
      for (const e of a.events) console.log(line(a, e));
    }
  }
  console.log(`example articles: ${total} events (${bare} with no actor and no target): ${per.join(', ')}`);
  console.log(
    `articles reporting no political event (science, business, sport): ${quietEvents} false events in ${quietWords} words, ` +
      `${((quietEvents / Math.max(1, quietWords)) * 1000).toFixed(2)} per 1,000 words`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
