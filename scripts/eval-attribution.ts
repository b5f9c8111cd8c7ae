/**
 * eval:attribution — sitrep's quotes and claims against PolNeAR's hand-annotated attributions.
 *
 *   node --import tsx scripts/eval-attribution.ts [--dir PATH | --held-back] [--limit N] [--examples N]
 *
 * `--held-back` scores the tenth of PolNeAR train that training holds back (the articles rules and
 * features are developed on), so dev stays for measuring.
 * Runs the whole pipeline on each article of PolNeAR dev (or any folder in its layout, such as
 * the held-out test split) and prints speech recall, recall over all attributions, precision and
 * source accuracy (`scripts/attribution-score.ts` says how each is counted), for all articles and
 * for each half of them (articles alternately, by name), with a few example misses of each kind.
 */
import { Pipeline } from '../src/pipeline.ts';
import { readPolnear } from '../src/nlp/attribution/polnear.ts';
import { optionValue, sharedPathOrExit, pct } from './lib.ts';
import { addTally, emptyTally, itemsOf, scoreDoc, summary, type Item, type Tally } from './attribution-score.ts';

const args = process.argv.slice(2);
if (args.includes('--help')) {
  console.log('usage: npm run eval:attribution -- [--dir POLNEAR_SPLIT | --held-back] [--limit N] [--examples N]');
  process.exit(0);
}
const heldBack = args.includes('--held-back');
const dir = optionValue('dir') ?? sharedPathOrExit(`data/attribution/polnear/${heldBack ? 'train' : 'dev'}`);
const limit = Number(optionValue('limit') ?? Infinity);
const nExamples = Number(optionValue('examples') ?? 4);

let docs: ReturnType<typeof readPolnear>;
try {
  docs = heldBack ? readPolnear(dir).filter((_, i) => i % 10 === 9) : readPolnear(dir, limit);
} catch (err) {
  console.error(`eval:attribution: ${(err as Error).message}`);
  process.exit(1);
}
const pipeline = new Pipeline();
const total = emptyTally();
const halves = [emptyTally(), emptyTally()];
const misses = { speech: [] as string[], other: [] as string[], spurious: [] as string[], source: [] as string[] };
const clip = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n)}…` : s).replace(/\s+/g, ' ');
let words = 0;
/** Items and how many match a gold content, by kind (for where precision is lost). */
const byKind = new Map<string, { n: number; ok: number }>();
const t0 = performance.now();

docs.forEach((d, di) => {
  const doc = pipeline.process({ id: d.name, source: {}, text: d.text });
  words += doc.tokens.length;
  const items = itemsOf(doc, d.text);
  const { tally, results, matched: itemMatched } = scoreDoc(d, items);
  addTally(total, tally);
  addTally(halves[di % 2], tally);
  for (const r of results) {
    const c = r.gold.content;
    const content = c ? d.text.slice(c.start, c.end) : '';
    const src = r.gold.source ? d.text.slice(r.gold.source.start, r.gold.source.end) : '—';
    const cue = r.gold.cue ? d.text.slice(r.gold.cue.start, r.gold.cue.end) : '—';
    if (!r.match) (r.speech ? misses.speech : misses.other).push(`[${src} | ${cue}] ${clip(content)}`);
    else if (r.sourceRight === false)
      misses.source.push(`gold ${src} / found ${clip(r.match.source, 40)}: ${clip(content, 70)}`);
  }
  const matched = new Set(results.map((r) => r.match).filter((m): m is Item => !!m));
  items.forEach((it, k) => {
    const kind = byKind.get(it.detail) ?? { n: 0, ok: 0 };
    kind.n++;
    kind.ok += itemMatched[k];
    byKind.set(it.detail, kind);
  });
  for (const it of items) {
    const overlapsGold = d.attributions.some((g) => g.content && g.content.start < it.end && it.start < g.content.end);
    if (!matched.has(it) && !overlapsGold) misses.spurious.push(`${it.kind} [${clip(it.source, 30)}] ${clip(it.text)}`);
  }
});
const seconds = (performance.now() - t0) / 1000;

const line = (label: string, t: Tally) => {
  const s = summary(t);
  return (
    `${label.padEnd(10)} speech recall ${pct(s.speechRecall).padStart(5)}  recall ${pct(s.recall).padStart(5)}  ` +
    `precision ${pct(s.precision).padStart(5)}  source accuracy ${pct(s.sourceAccuracy).padStart(5)}  ` +
    `(${t.speech} speech of ${t.gold} attributions, ${t.items} items)`
  );
};
console.log(`eval:attribution on ${docs.length} articles of ${dir}`);
console.log(line('all', total));
console.log(line('half A', halves[0]));
console.log(line('half B', halves[1]));
console.log(
  `${(docs.length / seconds).toFixed(1)} articles/s, ${Math.round(words / seconds)} tokens/s (whole pipeline)`,
);
console.log('precision by kind of item:');
for (const [kind, k] of [...byKind].sort((a, b) => b[1].n - a[1].n))
  console.log(`  ${kind.padEnd(28)} ${String(k.n).padStart(5)} items, ${pct(k.ok / k.n).padStart(5)} match`);
if (nExamples > 0) {
  const show = (title: string, list: string[]) => {
    console.log(`\n${title} (${list.length}), for example:`);
    // Spread the examples over the list rather than taking the first article's.
    const step = Math.max(1, Math.floor(list.length / nExamples));
    for (let i = 0; i < list.length && i / step < nExamples; i += step) console.log(`  ${list[i]}`);
  };
  show('speech attributions missed', misses.speech);
  show('other attributions missed', misses.other);
  show('quotes and claims overlapping no attribution', misses.spurious);
  show('sources wrong', misses.source);
}
