/**
 * `npm run golden -- --write FILE` / `--check FILE`: a fingerprint of the whole pipeline's output
 * on a fixed set of documents, for refactoring with identical output. Each document's analysis is
 * hashed; `--check` names the documents (and the layers) whose analysis changed.
 *
 * Documents: the team's examples, the seed, 300 synthetic articles, and where `../shared/data` is
 * present the PolNeAR dev articles, the GeoVirus texts and the PLOVER gold sentences (read there,
 * never copied).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Pipeline } from '../src/pipeline.ts';
import type { RawArticle } from '../src/ingest/types.ts';
import { synthCorpus } from './synth.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const SHARED = path.resolve(ROOT, '../shared');

function* documents(): Generator<RawArticle> {
  const ex = path.join(ROOT, 'examples/articles');
  for (const f of readdirSync(ex).sort()) {
    yield { id: `ex:${f}`, source: { published: '2026-05-15' }, text: readFileSync(path.join(ex, f), 'utf8') };
  }
  const seed = path.join(SHARED, 'seed/000_706619d9f3362164.txt');
  if (existsSync(seed)) yield { id: 'seed', source: { published: '2025-07-20' }, text: readFileSync(seed, 'utf8') };
  for (const a of synthCorpus(300, 600)) {
    yield { id: `synth:${a.id}`, source: { published: a.published, publisher: a.publisher }, text: a.text };
  }
  const pol = path.join(SHARED, 'data/attribution/polnear/dev/text');
  if (existsSync(pol)) {
    for (const f of readdirSync(pol).sort()) {
      yield { id: `polnear:${f}`, source: { published: '2016-06-01' }, text: readFileSync(path.join(pol, f), 'utf8') };
    }
  }
  const geo = path.join(SHARED, 'data/geovirus/GeoVirus-dev.xml');
  if (existsSync(geo)) {
    const xml = readFileSync(geo, 'utf8');
    let i = 0;
    for (const m of xml.matchAll(/<text>([\s\S]*?)<\/text>/g)) {
      yield {
        id: `geovirus:${i++}`,
        source: {},
        text: m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>'),
      };
    }
  }
  const plover = path.join(SHARED, 'data/events/plover-gold-sentences.json');
  if (existsSync(plover)) {
    const items = JSON.parse(readFileSync(plover, 'utf8')) as Array<{ id: string; text?: string }>;
    for (const it of items)
      if (it.text) yield { id: `plover:${it.id}`, source: { published: '2020-01-01' }, text: it.text };
  }
}

const LAYERS = [
  'text',
  'blocks',
  'removed',
  'sentences',
  'entities',
  'quotes',
  'claims',
  'times',
  'relations',
  'events',
  'messages',
] as const;

function fingerprint(a: Record<string, unknown>): string {
  const layer = LAYERS.map((k) => createHash('sha1').update(JSON.stringify(a[k])).digest('hex').slice(0, 10));
  return layer.join(' ');
}

const mode = process.argv[2];
const file = process.argv[3];
if ((mode !== '--write' && mode !== '--check') || !file) {
  console.error('usage: npm run golden -- --write FILE | --check FILE');
  process.exit(2);
}
const pipeline = new Pipeline();
const lines: string[] = [];
for (const raw of documents())
  lines.push(`${raw.id}\t${fingerprint(pipeline.analyze(raw) as unknown as Record<string, unknown>)}`);
if (mode === '--write') {
  writeFileSync(file, lines.join('\n') + '\n');
  console.log(`${lines.length} documents fingerprinted into ${file}`);
} else {
  const want = new Map(
    readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split('\t') as [string, string]),
  );
  let changed = 0;
  const perLayer = new Map<string, number>();
  for (const l of lines) {
    const [id, fp] = l.split('\t');
    const old = want.get(id);
    if (old === fp) continue;
    changed++;
    const a = fp.split(' ');
    const b = (old ?? '').split(' ');
    const diff = LAYERS.filter((_, i) => a[i] !== b[i]);
    for (const d of diff) perLayer.set(d, (perLayer.get(d) ?? 0) + 1);
    if (changed <= 15) console.log(`changed: ${id} (${diff.join(', ')})`);
  }
  console.log(
    `${lines.length} documents, ${changed} changed; by layer: ${[...perLayer].map(([k, n]) => `${k} ${n}`).join(', ') || 'none'}`,
  );
  process.exit(changed ? 1 : 0);
}
