/**
 * The time-annotated corpora of the evaluation commands (eval:times, eval:published), read into one
 * shape: MEANTIME (NewsReader CAT XML: tokens and TIMEX3 markables) and TimeML (TempEval-3's
 * TBAQ-cleaned: inline TIMEX3 tags, the creation time in <DCT>).
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { Doc } from '../src/model/doc.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { decodeXmlEntities } from '../src/text/xml.ts';

export interface GoldTimex {
  start: number;
  end: number;
  type: string;
  value: string;
  text: string;
}
/** A document to score: its text, creation day, sentences, the parts scored and the gold times. */
export interface EvalDoc {
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

export function loadMeantime(file: string): EvalDoc {
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
export function loadTimeml(file: string): EvalDoc {
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

export function listFiles(dir: string, ext: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = path.join(dir, e);
    if (statSync(p).isDirectory()) out.push(...listFiles(p, ext));
    else if (e.endsWith(ext)) out.push(p);
  }
  return out;
}
