/**
 * CoNLL-2003 reading and conlleval scoring.
 *
 * The reader returns documents of sentences of (token, tag); the scorer follows conlleval: an
 * entity counts only when its span and type both match; precision, recall and F1 per type and
 * micro-averaged over all types.
 */
import { readFileSync } from 'node:fs';

/** One sentence of a CoNLL-2003 file: its tokens and their gold labels (as the file writes them). */
export interface ConllSentence {
  tokens: string[];
  tags: string[];
}
/** The sentences of one document. */
export type ConllDocument = ConllSentence[];

/** Parses a CoNLL-2003 file (`token POS chunk NER` lines; `-DOCSTART-` between documents). */
export function parseConll(text: string): ConllDocument[] {
  const docs: ConllDocument[] = [];
  let doc: ConllDocument = [];
  let sent: ConllSentence = { tokens: [], tags: [] };
  const endSentence = () => {
    if (sent.tokens.length) doc.push(sent);
    sent = { tokens: [], tags: [] };
  };
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t) {
      endSentence();
      continue;
    }
    const cols = t.split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      endSentence();
      if (doc.length) docs.push(doc);
      doc = [];
      continue;
    }
    sent.tokens.push(cols[0]);
    sent.tags.push(cols[cols.length - 1]);
  }
  endSentence();
  if (doc.length) docs.push(doc);
  return docs;
}

/** `parseConll` of a file. */
export function readConll(file: string): ConllDocument[] {
  return parseConll(readFileSync(file, 'utf8'));
}

/** Converts IOB1 (I-X may start an entity) to IOB2 (every entity starts with B-X). */
export function toIob2(tags: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t.startsWith('I-')) {
      const prev = i > 0 ? out[i - 1] : 'O';
      if (prev === 'O' || prev.slice(2) !== t.slice(2)) {
        out.push('B-' + t.slice(2));
        continue;
      }
    }
    out.push(t);
  }
  return out;
}

/** An entity span of a labelled sentence: its type and tokens `[start, end)`. */
export interface Chunk {
  type: string;
  start: number;
  /** exclusive */
  end: number;
}

/** Entity chunks of a tag sequence (conlleval rules: a chunk starts at B-X or at an I-X after another type). */
export function chunks(tags: string[]): Chunk[] {
  const out: Chunk[] = [];
  let cur: Chunk | null = null;
  for (let i = 0; i <= tags.length; i++) {
    const t = i < tags.length ? tags[i] : 'O';
    const type = t === 'O' ? '' : t.slice(2);
    const begins = t.startsWith('B-') || (t.startsWith('I-') && (!cur || cur.type !== type));
    if (cur && (t === 'O' || begins)) {
      cur.end = i;
      out.push(cur);
      cur = null;
    }
    if (begins) cur = { type, start: i, end: i + 1 };
  }
  return out;
}

/** Precision, recall and F1 (percent) of one type, with the counts they come from. */
export interface TypeScore {
  precision: number;
  recall: number;
  f1: number;
  gold: number;
  predicted: number;
  correct: number;
}

/** Accumulates conlleval counts over sentences. */
export class ConllScorer {
  private counts = new Map<string, { gold: number; predicted: number; correct: number }>();
  tokens = 0;
  tokensCorrect = 0;

  private get(type: string) {
    let c = this.counts.get(type);
    if (!c) this.counts.set(type, (c = { gold: 0, predicted: 0, correct: 0 }));
    return c;
  }

  /** Adds one sentence's gold and predicted tags. */
  add(gold: string[], predicted: string[]): void {
    const g = chunks(gold);
    const p = chunks(predicted);
    this.tokens += gold.length;
    for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) this.tokensCorrect++;
    const key = (c: Chunk) => `${c.type}:${c.start}:${c.end}`;
    const gs = new Set(g.map(key));
    for (const c of g) this.get(c.type).gold++;
    for (const c of p) {
      const e = this.get(c.type);
      e.predicted++;
      if (gs.has(key(c))) e.correct++;
    }
  }

  /** Scores per type (sorted) and `overall` (micro-averaged), in percent. */
  scores(types?: string[]): Record<string, TypeScore> {
    const out: Record<string, TypeScore> = {};
    const all = { gold: 0, predicted: 0, correct: 0 };
    const names = types ?? [...this.counts.keys()].sort();
    for (const t of names) {
      const c = this.counts.get(t) ?? { gold: 0, predicted: 0, correct: 0 };
      out[t] = score(c);
    }
    for (const c of this.counts.values()) {
      all.gold += c.gold;
      all.predicted += c.predicted;
      all.correct += c.correct;
    }
    out.overall = score(all);
    return out;
  }
}

/** The scores of a gold/predicted/correct count. */
function score(c: { gold: number; predicted: number; correct: number }): TypeScore {
  const precision = c.predicted ? (100 * c.correct) / c.predicted : 0;
  const recall = c.gold ? (100 * c.correct) / c.gold : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, ...c };
}

/** A conlleval-style table. */
export function formatScores(name: string, s: Record<string, TypeScore>): string {
  /** One row: the type name, then the columns right-aligned. */
  const row = (first: string, cells: string[]) => `  ${first.padEnd(8)} ${cells.map((c) => c.padStart(6)).join(' ')}`;
  const lines = [`${name}`, row('type', ['prec', 'rec', 'F1', 'gold', 'pred'])];
  for (const [t, v] of Object.entries(s)) {
    const scores = [v.precision, v.recall, v.f1].map((x) => x.toFixed(2));
    lines.push(row(t, [...scores, String(v.gold), String(v.predicted)]));
  }
  return lines.join('\n');
}
