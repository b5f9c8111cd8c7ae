/**
 * Evaluate the time stage on MEANTIME (NewsReader CAT XML, TIMEX3 annotation of WikiNews) or on
 * TimeML news (TempEval-3's TBAQ-cleaned: TimeBank and AQUAINT, inline TIMEX3 tags).
 *
 *   node --import tsx scripts/eval-times.ts [--split dev] [--data ../shared/data/meantime] [--errors]
 *   node --import tsx scripts/eval-times.ts --data ../shared/data/tempeval3/TBAQ-cleaned [--errors]
 *
 * The format is told by the files: `.xml` is MEANTIME, `.tml` is TimeML.
 *
 * TimeML: the text is the document's <TEXT> with every tag removed, the creation time is the
 * TIMEX3 inside <DCT>, and every TIMEX3 of <TEXT> is gold. The documents are split in two by
 * document (alternately, in file order): rules were written and tuned on part A only, part B is
 * untouched and is the figure to report. Both are printed, with the gap between them.
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
import { sentenceStage } from '../src/nlp/sentences.ts';
import { decodeXmlEntities } from '../src/text/xml.ts';

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
/** A document to score: its text, creation day, sentences, the parts scored and the gold times. */
interface EvalDoc {
  name: string;
  text: string;
  dct: string;
  sentences: { start: number; end: number }[];
  scored: { start: number; end: number }[];
  exclude: { start: number; end: number } | null;
  gold: GoldTimex[];
}

/** Tokens that attach to the token before them (no space). */
const NO_SPACE_BEFORE = /^(?:[,.;:!?%)\]}]|''|'s|'S|n't|'re|'ve|'ll|'d|'m|’s)$/;
/** Tokens that attach to the token after them. */
const NO_SPACE_AFTER = /^(?:[([{$£€]|``)$/;

function loadDoc(file: string): EvalDoc {
  const xml = readFileSync(file, 'utf8');
  const tokens: { id: string; sentence: number; text: string }[] = [];
  for (const m of xml.matchAll(/<token\b[^>]*?\bsentence="(\d+)"[^>]*?\bt_id="(\d+)"[^>]*>([^<]*)<\/token>/g)) {
    tokens.push({ id: m[2], sentence: +m[1], text: decodeXmlEntities(m[3]).replace(/^``$/, '“').replace(/^''$/, '”') });
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

/**
 * A TimeML document (TBAQ-cleaned): the <TEXT> with its tags removed; the creation day from <DCT>;
 * sentences from sitrep's own splitter, over blocks cut at blank lines, as the cleaner cuts paragraphs.
 */
function loadTimeml(file: string): EvalDoc {
  const xml = readFileSync(file, 'utf8');
  const dct = /<DCT>\s*<TIMEX3\b[^>]*\bvalue="([^"]*)"/.exec(xml)?.[1] ?? '';
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml)?.[1] ?? '';
  let text = '';
  const gold: GoldTimex[] = [];
  const open: { start: number; type: string; value: string }[] = [];
  for (const m of body.matchAll(/<(\/?)(\w+)\b([^>]*)>|[^<]+/g)) {
    if (m[2] === undefined) {
      text += decodeXmlEntities(m[0]);
      continue;
    }
    if (m[2] !== 'TIMEX3') continue;
    if (!m[1]) {
      const attr = (n: string) => new RegExp(`\\b${n}="([^"]*)"`).exec(m[3])?.[1] ?? '';
      if (!m[3].trimEnd().endsWith('/')) open.push({ start: text.length, type: attr('type'), value: attr('value') });
      continue;
    }
    const t = open.pop();
    if (t) gold.push({ start: t.start, end: text.length, type: t.type, value: t.value, text: text.slice(t.start) });
  }
  // Leading and trailing space of a tag's content is not part of the expression.
  for (const g of gold) {
    while (g.start < g.end && /\s/.test(text[g.start])) g.start++;
    while (g.end > g.start && /\s/.test(text[g.end - 1])) g.end--;
    g.text = text.slice(g.start, g.end);
  }
  const blocks: { kind: 'paragraph'; start: number; end: number }[] = [];
  for (const m of text.matchAll(/\S(?:[\s\S]*?\S)?(?=\s*\n\s*\n|\s*$)/g))
    blocks.push({ kind: 'paragraph', start: m.index, end: m.index + m[0].length });
  const doc = new Doc({ id: file, source: {}, text, blocks });
  sentenceStage.run(doc);
  const sentences = doc.sentences.map((s) => ({ start: s.start, end: s.end }));
  return {
    name: path.basename(file, '.tml'),
    text,
    dct: dct.slice(0, 10),
    sentences,
    scored: [{ start: 0, end: text.length }],
    exclude: null,
    gold: gold.sort((a, b) => a.start - b.start),
  };
}

function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, ext));
    else if (e.endsWith(ext)) out.push(p);
  }
  return out;
}

function f1(p: number, r: number): number {
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
}

/** What the stage found against the gold, for a set of documents. */
interface Score {
  gold: number;
  predicted: number;
  relaxed: number;
  strict: number;
  valueOk: number;
  typeGold: Record<string, number>;
  typePred: Record<string, number>;
  typeMatched: Record<string, number>;
  typeValueOk: Record<string, number>;
  errors: string[];
}

function runStage(d: EvalDoc) {
  const doc = new Doc({ id: d.name, source: { published: d.dct }, text: d.text });
  doc.sentences = d.sentences;
  return resolveTimes(doc);
}

/** The sentence holding an offset, on one line (for the error list). */
function sentenceAround(d: EvalDoc, offset: number): string {
  const s = d.sentences.find((x) => x.start <= offset && offset < x.end);
  return s ? d.text.slice(s.start, s.end).replace(/\s+/g, ' ') : '';
}

function score(docs: EvalDoc[]): Score {
  const sc: Score = {
    gold: 0,
    predicted: 0,
    relaxed: 0,
    strict: 0,
    valueOk: 0,
    typeGold: {},
    typePred: {},
    typeMatched: {},
    typeValueOk: {},
    errors: [],
  };
  const count = (r: Record<string, number>, k: string) => (r[k] = (r[k] ?? 0) + 1);
  for (const d of docs) {
    const preds = runStage(d).filter(
      (t) =>
        d.scored.some((s) => t.start >= s.start && t.start < s.end) &&
        !(d.exclude && t.start < d.exclude.end && d.exclude.start < t.end),
    );
    sc.gold += d.gold.length;
    sc.predicted += preds.length;
    for (const p of preds) count(sc.typePred, p.kind);
    const used = new Set<number>();
    for (const g of d.gold) {
      count(sc.typeGold, g.type);
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
        sc.errors.push(
          `MISS  ${d.name.slice(0, 30)}  "${g.text}" ${g.type} ${g.value}\n        ${sentenceAround(d, g.start)}`,
        );
        continue;
      }
      used.add(best);
      const p = preds[best];
      sc.relaxed++;
      count(sc.typeMatched, g.type);
      if (p.start === g.start && p.end === g.end) sc.strict++;
      else sc.errors.push(`SPAN  ${d.name.slice(0, 30)}  gold "${g.text}" · "${p.text}"`);
      if (p.value === g.value) {
        sc.valueOk++;
        count(sc.typeValueOk, g.type);
      } else
        sc.errors.push(
          `VALUE ${d.name.slice(0, 30)}  "${g.text}" gold ${g.value} · "${p.text}" ${p.value} (dct ${d.dct})` +
            `\n        ${sentenceAround(d, g.start)}`,
        );
    }
    preds.forEach((p, i) => {
      if (!used.has(i)) sc.errors.push(`EXTRA ${d.name.slice(0, 30)}  "${p.text}" ${p.kind} ${p.value}`);
    });
  }
  return sc;
}

const pct = (x: number) => (100 * x).toFixed(1);

/** Relaxed span F1, strict span F1, value F1 and value accuracy (percent). */
function figures(sc: Score) {
  const rate = (n: number) => ({ p: n / sc.predicted, r: n / sc.gold, f: f1(n / sc.predicted, n / sc.gold) });
  return {
    relaxed: rate(sc.relaxed),
    strict: rate(sc.strict),
    value: rate(sc.valueOk),
    accuracy: sc.valueOk / sc.relaxed,
  };
}

function printScore(title: string, sc: Score): void {
  const f = figures(sc);
  console.log(title);
  console.log(`relaxed span  P ${pct(f.relaxed.p)}  R ${pct(f.relaxed.r)}  F1 ${pct(f.relaxed.f)}`);
  console.log(`strict span   P ${pct(f.strict.p)}  R ${pct(f.strict.r)}  F1 ${pct(f.strict.f)}`);
  console.log(`value accuracy on relaxed matches ${pct(f.accuracy)} (${sc.valueOk}/${sc.relaxed})`);
  console.log(
    `value         P ${pct(f.value.p)}  R ${pct(f.value.r)}  F1 ${pct(f.value.f)}   (HeidelTime TempEval-3: value F1 77.6)`,
  );
  console.log('per type (gold / predicted / matched / value right):');
  for (const [gt, pk] of [
    ['DATE', 'date'],
    ['TIME', 'time'],
    ['DURATION', 'duration'],
    ['SET', 'set'],
  ]) {
    const cell = (r: Record<string, number>, k: string) => String(r[k] ?? 0).padStart(4);
    console.log(
      `  ${gt.padEnd(9)} ${cell(sc.typeGold, gt)} ${cell(sc.typePred, pk)} ${cell(sc.typeMatched, gt)} ${cell(sc.typeValueOk, gt)}`,
    );
  }
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  if (!existsSync(args.data)) {
    console.log(`skip: ${args.data} not found (MEANTIME lives in ../shared/data/meantime)`);
    return;
  }
  const timeml = listFiles(args.data, '.tml');
  const docs = timeml.length > 0 ? timeml.map(loadTimeml) : listFiles(args.data, '.xml').map(loadDoc);
  const all = score(docs);
  const corpus = timeml.length > 0 ? `TimeML ${path.basename(args.data)}` : `MEANTIME ${args.split}`;
  printScore(
    `${corpus}: ${docs.length} documents, ${all.gold} gold TIMEX3 (creation times excluded), ${all.predicted} predicted`,
    all,
  );
  if (timeml.length > 0) {
    const a = score(docs.filter((_, i) => i % 2 === 0));
    const b = score(docs.filter((_, i) => i % 2 === 1));
    console.log('');
    printScore(`part A (rules tuned here): ${Math.ceil(docs.length / 2)} documents, ${a.gold} gold`, a);
    console.log('');
    printScore(`part B (untouched, the figure to report): ${Math.floor(docs.length / 2)} documents, ${b.gold} gold`, b);
    const fa = figures(a),
      fb = figures(b);
    console.log(
      `\ngap A − B: relaxed F1 ${pct(fa.relaxed.f - fb.relaxed.f)}, value F1 ${pct(fa.value.f - fb.value.f)} points`,
    );
  }

  // Throughput: the whole stage (grammar + anchoring) over the full texts.
  const bytes = docs.reduce((n, d) => n + Buffer.byteLength(d.text), 0);
  const t0 = performance.now();
  let rounds = 0;
  while (performance.now() - t0 < 1000) {
    for (const d of docs) runStage(d);
    rounds++;
  }
  const seconds = (performance.now() - t0) / 1000;
  console.log(
    `throughput ${((bytes * rounds) / 1e6 / seconds).toFixed(2)} MB/s (${(bytes / 1024).toFixed(0)} KB × ${rounds} rounds in ${seconds.toFixed(2)} s)`,
  );
  // TimeML: only part A's errors are shown, so that nothing is written from part B.
  if (args.errors)
    for (const e of timeml.length > 0 ? score(docs.filter((_, i) => i % 2 === 0)).errors : all.errors) console.log(e);
}

main();
