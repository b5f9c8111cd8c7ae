/**
 * `Doc`: the document that owns the clean text and every stand-off layer.
 *
 * Like spaCy's `Doc`, stages receive the Doc and add their layer to it; they never re-read the
 * raw input. Helpers here give stages fast views (the text of a span, the sentence at an offset,
 * the tokens inside a span) without copying the data.
 */
import type {
  Analysis,
  Block,
  Claim,
  Entity,
  Event,
  Message,
  Quote,
  Relation,
  Removed,
  Sentence,
  Source,
  TimeExpression,
  Token,
} from './analysis.ts';

export interface DocInit {
  id: string;
  source: Source;
  text: string;
  blocks?: Block[];
  removed?: Removed[];
}

export class Doc {
  readonly id: string;
  readonly source: Source;
  readonly text: string;
  blocks: Block[];
  removed: Removed[];
  sentences: Sentence[] = [];
  tokens: Token[] = [];
  /**
   * Per-token entity labels in BIO form (`B-PERSON`, `I-ORG`, `O`), written by the recogniser and
   * read by the entity stage that groups and merges them. Not part of the JSON output.
   */
  tokenTags: string[] = [];
  entities: Entity[] = [];
  quotes: Quote[] = [];
  claims: Claim[] = [];
  times: TimeExpression[] = [];
  relations: Relation[] = [];
  events: Event[] = [];
  messages: Message[] = [];

  constructor(init: DocInit) {
    this.id = init.id;
    this.source = init.source;
    this.text = init.text;
    this.blocks = init.blocks ?? [{ kind: 'paragraph', start: 0, end: init.text.length }];
    this.removed = init.removed ?? [];
  }

  /** The text of a span. */
  span(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  tokenText(i: number): string {
    const t = this.tokens[i];
    return this.text.slice(t.start, t.end);
  }

  /** Index of the sentence containing `offset`, or -1. */
  sentenceIndexAt(offset: number): number {
    return indexAt(this.sentences, offset);
  }

  /** Index of the block containing `offset`, or -1. */
  blockIndexAt(offset: number): number {
    return indexAt(this.blocks, offset);
  }

  /** Index of the token containing `offset`, or -1. */
  tokenIndexAt(offset: number): number {
    return indexAt(this.tokens, offset);
  }

  /** Token index range `[from, to)` of the tokens lying inside `[start, end)`. */
  tokenRange(start: number, end: number): [number, number] {
    const from = lowerBound(this.tokens, start);
    let to = from;
    while (to < this.tokens.length && this.tokens[to].end <= end) to++;
    return [from, to];
  }

  /** Id of the entity one of whose mentions covers `[start, end)` exactly or contains it. */
  entityAt(start: number, end: number): Entity | undefined {
    for (const e of this.entities) {
      for (const m of e.mentions) if (m.start <= start && m.end >= end) return e;
    }
    return undefined;
  }

  entityById(id: string | null | undefined): Entity | undefined {
    if (!id) return undefined;
    return this.entities.find((e) => e.id === id);
  }

  warn(stage: string, text: string): void {
    this.messages.push({ level: 'warning', stage, text });
  }

  info(stage: string, text: string): void {
    this.messages.push({ level: 'info', stage, text });
  }

  /** The JSON form (see `schema/analysis.schema.json`). */
  toJSON(): Analysis {
    return {
      id: this.id,
      source: this.source,
      text: this.text,
      blocks: this.blocks,
      removed: this.removed,
      sentences: this.sentences,
      entities: this.entities,
      quotes: this.quotes,
      claims: this.claims,
      times: this.times,
      relations: this.relations,
      events: this.events,
      messages: this.messages,
    };
  }
}

interface Spanned {
  start: number;
  end: number;
}

/** First index whose `end` is greater than `offset` (items sorted and non-overlapping). */
function lowerBound(items: Spanned[], offset: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid].end <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function indexAt(items: Spanned[], offset: number): number {
  const i = lowerBound(items, offset);
  return i < items.length && items[i].start <= offset ? i : -1;
}
