/**
 * Evaluate the time stage on MEANTIME (NewsReader CAT XML, TIMEX3 annotation of WikiNews).
 *
 *   node --import tsx scripts/eval-times.ts [--split dev] [--data ../shared/data/meantime] [--errors]
 *
 * Per document: the text is rebuilt from the tokens (detokenised, one line for the title, one for
 * the dateline, then the body), the stage runs with the document creation time (the TIMEX3 with
 * functionInDocument="CREATION_TIME", else the dateline's TIMEX3) as publication day, and only the
 * annotated part counts: the sentences up to the last one holding any markable, minus the dateline
 * itself. Empty TIMEX3 (no tokens) are implicit and not scored.
 *
 * Prints relaxed (overlap) and strict span P/R/F1, value accuracy on relaxed matches, value F1
 * (TempEval-3 style: a match with the right value is a true positive), per-type counts and
 * throughput. The shipped files are the dev split; held-out halves are scored the same way.
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { resolveTimes } from '../src/nlp/times.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface Args {
  split: string;
  data: string;
  errors: boolean;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { split: 'dev', data: path.resolve(repoRoot, '../shared/data/meantime'), errors: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--split') args.split = argv[++i];
    else if (argv[i] === '--data') args.data = path.resolve(argv[++i]);
    else if (argv[i] === '--errors') args.errors = true;
  }
  return args;
}

interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
  text: string;
}
interface MeantimeDoc {
  name: string;
  text: string;
  dct: string;
  sentences: { start: number; end: number }[];
  scored: { start: number; end: number }[];
  exclude: { start: number; end: number } | null;
  gold: GoldTimex[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function decode(s: string): string {
  return s.replace(/&(#x?[0-9a-f]+|\w+);/gi, (all, e: string) => {
    if (e[0] === '#')
      return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? all;
  });
}

/** Tokens that attach to the token before them (no space). */
const NO_SPACE_BEFORE = /^(?:[,.;:!?%)\]}]|''|'s|'S|n't|'re|'ve|'ll|'d|'m|’s)$/;
/** Tokens that attach to the token after them. */
const NO_SPACE_AFTER = /^(?:[([{$£€]|``)$/;

function loadDoc(file: string): MeantimeDoc {
  const xml = readFileSync(file, 'utf8');
  const tokens: { id: string; sentence: number; text: string }[] = [];
  for (const m of xml.matchAll(/<token\b[^>]*?\bsentence="(\d+)"[^>]*?\bt_id="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    tokens.push({ id: m[2], sentence: +m[1], text: decode(m[3]).replace(/^``$/, '“').replace(/^''$/, '”') });
  }
  // Rebuild the text: the title, the dateline and the body, each on its own line.
  let text = '';
  const offsets = new Map<string, { start: number; end: number; sentence: number }>();
  const sentences: { start: number; end: number }[] = [];
  let prev: string | null = null;
  let prevSentence = -1;
  for (const t of tokens) {
    if (t.sentence !== prevSentence) {
      if (prevSentence >= 0) sentences[sentences.length - 1].end = text.length;
      if (prevSentence >= 0) text += prevSentence <= 1 ? '\n' : ' ';
      sentences.push({ start: text.length, end: text.length });
      prevSentence = t.sentence;
      prev = null;
    } else if (
      prev !== null &&
      !NO_SPACE_BEFORE.test(t.text) &&
      !NO_SPACE_AFTER.test(prev) &&
      prev !== '“' &&
      t.text !== '”'
    ) {
      text += ' ';
    }
    offsets.set(t.id, { start: text.length, end: text.length + t.text.length, sentence: t.sentence });
    text += t.text;
    prev = t.text;
  }
  if (sentences.length) sentences[sentences.length - 1].end = text.length;

  const markables = xml.slice(xml.indexOf('<Markables'));
  let lastAnnotated = 0;
  for (const m of markables.matchAll(/<token_anchor t_id="(\d+)"\/>/g)) {
    const o = offsets.get(m[1]);
    if (o) lastAnnotated = Math.max(lastAnnotated, o.sentence);
  }
  const gold: GoldTimex[] = [];
  let dct = '';
  let exclude: { start: number; end: number } | null = null;
  let datelineTimex: { value: string; start: number; end: number } | null = null;
  for (const m of markables.matchAll(/<TIMEX3\b([^>]*)>([\s\S]*?)<\/TIMEX3>/g)) {
    const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[1])?.[1] ?? '';
    const ids = [...m[2].matchAll(/t_id="(\d+)"/g)].map((x) => x[1]);
    const spans = ids.map((id) => offsets.get(id)!).filter(Boolean);
    const span = spans.length
      ? { start: Math.min(...spans.map((s) => s.start)), end: Math.max(...spans.map((s) => s.end)) }
      : null;
    if (attr('functionInDocument') === 'CREATION_TIME') {
      dct = attr('value');
      exclude = span;
      continue;
    }
    if (!span) continue; // implicit (empty) TIMEX3
    if (spans[0].sentence === 1) {
      datelineTimex = { value: attr('value'), ...span };
      continue;
    }
    gold.push({ ...span, type: attr('type'), value: attr('value'), text: text.slice(span.start, span.end) });
  }
  if (!dct && datelineTimex) {
    dct = datelineTimex.value;
    exclude = datelineTimex;
  }
  const scored = sentences.filter((_, i) => i <= lastAnnotated && i !== 1);
  return { name: path.basename(file, '.xml'), text, dct: dct.slice(0, 10), sentences, scored, exclude, gold };
}

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p));
    else if (e.endsWith('.xml')) out.push(p);
  }
  return out;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.data)) {
    console.log(`skip: ${args.data} not found (MEANTIME lives in ../shared/data/meantime)`);
    return;
  }
  const files = listFiles(args.data);
  const docs = files.map(loadDoc);
  let nGold = 0,
    nPred = 0,
    relaxed = 0,
    strict = 0,
    valueOk = 0;
  const typeGold: Record<string, number> = {};
  const typePred: Record<string, number> = {};
  const typeMatched: Record<string, number> = {};
  const typeValueOk: Record<string, number> = {};
  const errors: string[] = [];
  for (const d of docs) {
    const doc = new Doc({ id: d.name, source: { published: d.dct }, text: d.text });
    doc.sentences = d.sentences;
    const preds = resolveTimes(doc).filter(
      (t) =>
        d.scored.some((s) => t.start >= s.start && t.start < s.end) &&
        !(d.exclude && t.start < d.exclude.end && d.exclude.start < t.end),
    );
    nGold += d.gold.length;
    nPred += preds.length;
    for (const p of preds) typePred[p.kind] = (typePred[p.kind] ?? 0) + 1;
    const used = new Set<number>();
    for (const g of d.gold) {
      typeGold[g.type] = (typeGold[g.type] ?? 0) + 1;
      let best = -1;
      let bestOverlap = 0;
      preds.forEach((p, i) => {
        if (used.has(i)) return;
        const ov = Math.min(p.end, g.end) - Math.max(p.start, g.start);
        if (ov > bestOverlap) {
          bestOverlap = ov;
          best = i;
        }
      });
      if (best < 0) {
        errors.push(`MISS  ${d.name.slice(0, 30)}  "${g.text}" ${g.type} ${g.value}`);
        continue;
      }
      used.add(best);
      const p = preds[best];
      relaxed++;
      typeMatched[g.type] = (typeMatched[g.type] ?? 0) + 1;
      if (p.start === g.start && p.end === g.end) strict++;
      else errors.push(`SPAN  ${d.name.slice(0, 30)}  gold "${g.text}" · "${p.text}"`);
      if (p.value === g.value) {
        valueOk++;
        typeValueOk[g.type] = (typeValueOk[g.type] ?? 0) + 1;
      } else
        errors.push(
          `VALUE ${d.name.slice(0, 30)}  "${g.text}" gold ${g.value} · "${p.text}" ${p.value} (dct ${d.dct})`,
        );
    }
    preds.forEach((p, i) => {
      if (!used.has(i)) errors.push(`EXTRA ${d.name.slice(0, 30)}  "${p.text}" ${p.kind} ${p.value}`);
    });
  }

  // Throughput: the whole stage (grammar + anchoring) over the full rebuilt texts.
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  const t0 = performance.now();
  let rounds = 0;
  while (performance.now() - t0 < 1000) {
    for (const d of docs) {
      const doc = new Doc({ id: d.name, source: { published: d.dct }, text: d.text });
      doc.sentences = d.sentences;
      resolveTimes(doc);
    }
    rounds++;
  }
  const seconds = (performance.now() - t0) / 1000;

  const pr = relaxed / nPred,
    rr = relaxed / nGold;
  const ps = strict / nPred,
    rs = strict / nGold;
  const pv = valueOk / nPred,
    rv = valueOk / nGold;
  const pct = (x: number) => (100 * x).toFixed(1);
  console.log(
    `MEANTIME ${args.split}: ${docs.length} documents, ${nGold} gold TIMEX3 (creation times excluded), ${nPred} predicted`,
  );
  console.log(`relaxed span  P ${pct(pr)}  R ${pct(rr)}  F1 ${pct(f1(pr, rr))}`);
  console.log(`strict span   P ${pct(ps)}  R ${pct(rs)}  F1 ${pct(f1(ps, rs))}`);
  console.log(`value accuracy on relaxed matches ${pct(valueOk / relaxed)} (${valueOk}/${relaxed})`);
  console.log(
    `value         P ${pct(pv)}  R ${pct(rv)}  F1 ${pct(f1(pv, rv))}   (HeidelTime TempEval-3: value F1 77.6)`,
  );
  console.log('per type (gold / predicted / matched / value right):');
  for (const [gt, pk] of [
    ['DATE', 'date'],
    ['TIME', 'time'],
    ['DURATION', 'duration'],
    ['SET', 'set'],
  ]) {
    console.log(
      `  ${gt.padEnd(9)} ${String(typeGold[gt] ?? 0).padStart(4)} ${String(typePred[pk] ?? 0).padStart(4)} ${String(typeMatched[gt] ?? 0).padStart(4)} ${String(typeValueOk[gt] ?? 0).padStart(4)}`,
    );
  }
  console.log(
    `throughput ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s (${(bytes / 1024).toFixed(0)} KB × ${rounds} rounds in ${seconds.toFixed(2)} s)`,
  );
  if (args.errors) for (const e of errors) console.log(e);
}

main();
