/**
 * `Doc`: the document that owns the clean text and every stand-off layer.
 *
 * Like spaCy's `Doc`, stages receive the Doc and add their layer to it; they never re-read the
 * raw input. Helpers here give stages fast views (the text of a span, the sentence at an offset,
 * the tokens inside a span) without copying the data.
 */
import type {
  Analysis,
  Attribution,
  Block,
  Claim,
  Entity,
  Event,
  Message,
  PublishedInference,
  Quote,
  Relation,
  Removed,
  Sentence,
  Source,
  TimeExpression,
  Token,
} from './analysis.ts';
import { firstStartAtOrAfter } from '../text/search.ts';

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
  private tokenList: Token[] = [];
  /** Per-token facts computed once, on first use (see the token-layer helpers below). */
  private tokenLowers: (string | undefined)[] = [];
  private tokenShapes: (string | undefined)[] = [];
  private tokenSentences: Int32Array | undefined;
  /**
   * Per-token entity labels in BIO form (`B-PERSON`, `I-ORG`, `O`), written by the recogniser and
   * read by the entity stage that groups and merges them. Not part of the JSON output.
   */
  tokenTags: string[] = [];
  entities: Entity[] = [];
  /** Entities by id (`entityById`), rebuilt when `doc.entities` is replaced or grows. */
  private idTable: { entities: Entity[]; count: number; byId: Map<string, Entity> } | undefined;
  /** All mentions by position, built on first use (`mentions()`); see `entitiesChanged`. */
  private mentionIndex: { entities: Entity[]; count: number; refs: MentionRef[]; longest: number } | undefined;
  /** The attribution model's reading (internal: quotes and claims are its public form). */
  attributions: Attribution[] = [];
  quotes: Quote[] = [];
  claims: Claim[] = [];
  times: TimeExpression[] = [];
  /** The publication day read from the text, when none was given (`nlp/times/published.ts`). */
  publishedInferred?: PublishedInference;
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

  /** Word tokens in text order, inside sentences (`nlp/tokens.ts`). Setting them resets what is computed of them. */
  get tokens(): Token[] {
    return this.tokenList;
  }

  set tokens(tokens: Token[]) {
    this.tokenList = tokens;
    this.tokenLowers = [];
    this.tokenShapes = [];
    this.tokenSentences = undefined;
  }

  /** The text of a span. */
  span(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  tokenText(i: number): string {
    const t = this.tokens[i];
    return this.text.slice(t.start, t.end);
  }

  /** Token `i` lower-cased (computed once). */
  lower(i: number): string {
    return (this.tokenLowers[i] ??= this.tokenText(i).toLowerCase());
  }

  /**
   * Token `i`'s shape: each run of capitals `X`, of lower-case letters `x`, of digits `d`, other
   * characters as they are ("Al-Sharaa" → "Xx-Xx", "2025" → "d", "U.S." → "X.X."). Computed once.
   */
  shape(i: number): string {
    return (this.tokenShapes[i] ??= wordShape(this.tokenText(i)));
  }

  /** Whether token `i` holds a letter or digit (a word or number, not punctuation). */
  isWord(i: number): boolean {
    return /[\p{L}\p{N}]/u.test(this.tokenText(i));
  }

  /** Index of the sentence holding token `i` (-1 when it lies in none). */
  sentenceOfToken(i: number): number {
    if (!this.tokenSentences) {
      const out = new Int32Array(this.tokenList.length).fill(-1);
      let s = 0;
      for (let t = 0; t < this.tokenList.length; t++) {
        const start = this.tokenList[t].start;
        while (s < this.sentences.length && this.sentences[s].end <= start) s++;
        if (s < this.sentences.length && this.sentences[s].start <= start) out[t] = s;
      }
      this.tokenSentences = out;
    }
    return this.tokenSentences[i];
  }

  /** Token index range `[from, to)` of sentence `si`. */
  sentenceTokens(si: number): [number, number] {
    const s = this.sentences[si];
    return s ? this.tokenRange(s.start, s.end) : [0, 0];
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

  /**
   * Every entity mention, sorted by start (then by end, longer first), each with its entity: the
   * index that span look-ups read instead of walking every entity. Built on first use; rebuilt when
   * `doc.entities` is replaced or grows. A stage that adds mentions to an existing entity calls
   * `entitiesChanged()`.
   */
  mentions(): readonly MentionRef[] {
    const idx = this.mentionIndex;
    if (idx && idx.entities === this.entities && idx.count === this.entities.length) return idx.refs;
    const refs: MentionRef[] = [];
    let longest = 0;
    this.entities.forEach((entity, order) => {
      for (const m of entity.mentions) {
        refs.push({ entity, order, start: m.start, end: m.end });
        longest = Math.max(longest, m.end - m.start);
      }
    });
    refs.sort((a, b) => a.start - b.start || b.end - a.end);
    this.mentionIndex = { entities: this.entities, count: this.entities.length, refs, longest };
    return refs;
  }

  /** Forget the mention index (after mentions were added to or removed from an entity in place). */
  entitiesChanged(): void {
    this.mentionIndex = undefined;
  }

  /** Mentions lying wholly inside `[start, end)`, in text order. */
  mentionsIn(start: number, end: number): MentionRef[] {
    const refs = this.mentions();
    const out: MentionRef[] = [];
    for (let i = firstStartAtOrAfter(refs, start); i < refs.length && refs[i].start < end; i++) {
      if (refs[i].end <= end) out.push(refs[i]);
    }
    return out;
  }

  /**
   * The entity one of whose mentions covers `[start, end)` exactly or contains it; when several do,
   * the first in `doc.entities`. Mentions that start before `start` are read back only as far as the
   * longest mention reaches.
   */
  entityAt(start: number, end: number): Entity | undefined {
    const refs = this.mentions();
    const longest = this.mentionIndex!.longest;
    let best: MentionRef | undefined;
    for (let i = firstStartAtOrAfter(refs, start + 1) - 1; i >= 0 && refs[i].start >= start - longest; i--) {
      const r = refs[i];
      if (r.end >= end && (!best || r.order < best.order)) best = r;
    }
    return best?.entity;
  }

  /** The entity with this id (the first, should two share it), from a table rebuilt when `doc.entities` changes. */
  entityById(id: string | null | undefined): Entity | undefined {
    if (!id) return undefined;
    const t = this.idTable;
    if (!t || t.entities !== this.entities || t.count !== this.entities.length) {
      const byId = new Map<string, Entity>();
      for (const e of this.entities) if (!byId.has(e.id)) byId.set(e.id, e);
      this.idTable = { entities: this.entities, count: this.entities.length, byId };
    }
    // ids are given once, when an entity is made (`extract/entities/finish.ts`, geo's new places)
    return this.idTable!.byId.get(id);
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
      ...(this.publishedInferred ? { publishedInferred: this.publishedInferred } : {}),
      relations: this.relations,
      events: this.events,
      messages: this.messages,
    };
  }
}

/** See `Doc.shape`. */
export function wordShape(word: string): string {
  let out = '';
  let last = '';
  for (const ch of word) {
    const k = /\p{Lu}/u.test(ch) ? 'X' : /\p{L}/u.test(ch) ? 'x' : /\p{N}/u.test(ch) ? 'd' : ch;
    if (k !== last || (k !== 'X' && k !== 'x' && k !== 'd')) out += k;
    last = k;
  }
  return out;
}

/** One entity mention with its entity (see `Doc.mentions`). */
export interface MentionRef {
  entity: Entity;
  /** Index of the entity in `doc.entities`. */
  order: number;
  start: number;
  end: number;
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
