/**
 * eval:events: PLOVER event coding on the coded sentences of ../shared/data/events/plover-gold-sentences.json.
 *
 * Figures:
 *   - event-type accuracy: share of sentences whose gold type is among the types found;
 *   - actor (source) and target F1: gold actor texts against the actor texts of the event chosen for
 *     the sentence (the found event of the gold type, else the first one found). A gold and a found
 *     actor match when they share a content word, case-insensitively (overlap / head match); each
 *     actor matches at most once.
 * The gold file is PLOVER 0.5b1: its labels map to 0.8 types (DEMAND → REQUEST, DISAPPROVE → ACCUSE
 * (disapprove), INVESTIGATE → ACCUSE (investigate), FIGHT → ASSAULT); DOCUMENT entries are skipped.
 *
 * Precision (false events are what a reader of the output pays for):
 *   - type precision: share of the events found on the gold sentences whose type is the gold type
 *     (each sentence is coded with one event, so every other event found there is counted as noise);
 *   - events per sentence on the gold sentences;
 *   - on whole articles, through the full pipeline: the seed article (events found against the
 *     analyst's gold events, ../shared/seed/gold.json) and the team articles in examples/
 *     (events per article, and how many have no actor and no target).
 * Options: --half a|b scores every other sentence (held-out halves), --errors prints the misses,
 * --list prints the events found on the seed and example articles.
 *
 *   node --import tsx scripts/eval-events.ts [--half a|b] [--errors] [--list]
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { extractEvents } from '../src/extract/events/index.ts';
import { Pipeline } from '../src/pipeline.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import type { Analysis } from '../src/model/analysis.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLD = path.resolve(repoRoot, '../shared/data/events/plover-gold-sentences.json');
/** PLOVER 0.5b1 labels of the gold file → 0.8 types. */
export const TYPE_MAP: Record<string, string> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  INVESTIGATE: 'ACCUSE',
  FIGHT: 'ASSAULT',
};
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

interface GoldActor {
  actorText: string;
}
interface GoldItem {
  id: string;
  event: string;
  text?: string;
  source?: GoldActor[] | string | null;
  target?: GoldActor[] | string | null;
}

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

const actorTexts = (x: GoldItem['source']): string[] =>
  Array.isArray(x) ? x.map((a) => a.actorText).filter((t) => t && t.trim()) : [];

function main(): void {
  if (!existsSync(GOLD)) {
    console.log(`eval:events skipped: ${GOLD} not found`);
    return;
  }
  const args = process.argv.slice(2);
  const half = args.includes('--half') ? args[args.indexOf('--half') + 1] : undefined;
  const showErrors = args.includes('--errors');
  const items = (JSON.parse(readFileSync(GOLD, 'utf8')) as GoldItem[]).filter((i) => i.event !== 'DOCUMENT' && i.text);
  const picked = items.filter((_, i) => !half || (half === 'a' ? i % 2 === 0 : i % 2 === 1));
  let typeOk = 0;
  let found = 0;
  let foundGold = 0;
  const act = [0, 0, 0];
  const tar = [0, 0, 0];
  const perType = new Map<string, [number, number]>();
  const t0 = performance.now();
  for (const item of picked) {
    const gold = TYPE_MAP[item.event] ?? item.event;
    const doc = new Doc({ id: item.id, source: {}, text: item.text!.trim() });
    // the layers the pipeline gives every stage: sentences and tokens
    sentenceStage.run(doc);
    tokenStage.run(doc);
    const events = extractEvents(doc);
    const types = new Set(events.map((e) => e.type));
    const ok = types.has(gold);
    found += events.length;
    foundGold += events.filter((e) => e.type === gold).length;
    if (ok) typeOk++;
    const pt = perType.get(gold) ?? [0, 0];
    perType.set(gold, [pt[0] + (ok ? 1 : 0), pt[1] + 1]);
    const chosen = events.find((e) => e.type === gold) ?? events[0];
    const a = matchActors(actorTexts(item.source), chosen ? chosen.actors.map((x) => x.text) : []);
    const t = matchActors(actorTexts(item.target), chosen ? chosen.targets.map((x) => x.text) : []);
    for (let k = 0; k < 3; k++) {
      act[k] += a[k];
      tar[k] += t[k];
    }
    if (showErrors && (!ok || a[0] < a[1] || t[0] < t[1])) {
      console.log(
        `${ok ? '  ' : 'XX'} ${gold} found=[${[...types].join(',')}] src=${JSON.stringify(actorTexts(item.source))} got=${JSON.stringify(chosen?.actors.map((x) => x.text))} tgt=${JSON.stringify(actorTexts(item.target))} got=${JSON.stringify(chosen?.targets.map((x) => x.text))}\n   ${item.text!.trim().slice(0, 200)}`,
      );
    }
  }
  const f1 = ([tp, g, f]: number[]): string => {
    const p = f ? tp / f : 0;
    const r = g ? tp / g : 0;
    return `P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${(p + r ? (2 * p * r) / (p + r) : 0).toFixed(3)}`;
  };
  const ms = performance.now() - t0;
  console.log(`PLOVER gold sentences${half ? ` (half ${half})` : ''}: ${picked.length}`);
  console.log(`event-type accuracy: ${(typeOk / picked.length).toFixed(3)} (${typeOk}/${picked.length})`);
  console.log(`actor  ${f1(act)}`);
  console.log(`target ${f1(tar)}`);
  console.log(
    `type precision: ${(found ? foundGold / found : 0).toFixed(3)} (${foundGold}/${found} events of the gold type), ${(found / picked.length).toFixed(2)} events per sentence`,
  );
  console.log(`per type: ${[...perType.entries()].map(([k, [o, n]]) => `${k} ${o}/${n}`).join(', ')}`);
  console.log(`time: ${ms.toFixed(0)} ms`);
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
  const per: string[] = [];
  for (const ex of JSON.parse(readFileSync(exList, 'utf8')) as {
    id: string;
    file: string;
    published: string;
    publisher?: string;
  }[]) {
    const a = run(ex.id, path.join(exDir, ex.file), ex.published, ex.publisher);
    total += a.events.length;
    bare += a.events.filter((e) => !e.actors.length && !e.targets.length).length;
    per.push(`${ex.id} ${a.events.length}`);
    if (list) {
      console.log(`  ${ex.id}`);
      for (const e of a.events) console.log(line(a, e));
    }
  }
  console.log(`example articles: ${total} events (${bare} with no actor and no target): ${per.join(', ')}`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) main();
