/**
 * The sitrep data model: one clean text plus stand-off layers.
 *
 * Every item of every layer holds `start`/`end` character offsets (UTF-16 string indices, `end`
 * exclusive) into `Analysis.text`, so any line of output can be checked against the article.
 * This is the JSON contract (see `schema/analysis.schema.json`): later stages add fields and
 * layers, they never rename them.
 */

/** Where an article came from and what we know about it before reading it. */
export interface Source {
  path?: string;
  url?: string;
  title?: string;
  publisher?: string;
  /** Publication day, ISO 8601 (`YYYY-MM-DD`); relative dates resolve against it. */
  published?: string;
  authors?: string[];
  language?: string;
}

export type BlockKind = 'title' | 'paragraph' | 'caption' | 'heading';

/** A block of the clean text: a title, a body paragraph, a heading or a photo caption. */
export interface Block {
  kind: BlockKind;
  start: number;
  end: number;
}

/** Text the cleaner took out of the body, and why. */
export interface Removed {
  text: string;
  reason: string;
}

export interface Sentence {
  start: number;
  end: number;
}

export interface Token {
  start: number;
  end: number;
}

export type EntityType = 'PERSON' | 'ORG' | 'GPE' | 'LOC' | 'NORP' | 'MISC';

export interface Mention {
  start: number;
  end: number;
  text: string;
  /**
   * The mention's own type where it differs from its entity's: "Syrian" is a mention of the
   * entity Syria (GPE) but is itself a nationality (NORP).
   */
  type?: EntityType;
}

export interface Geo {
  lat: number;
  lon: number;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  geonameId?: number;
  admin1?: string;
}

/** One real-world entity of the article, with all its mentions merged. */
export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  mentions: Mention[];
  /** Titles and roles the text gives it ("Foreign Secretary", "president"). */
  roles: string[];
  /** Other names and descriptions used for it in the article ("Mr Lammy", "the Foreign Secretary"). */
  aliases: string[];
  geo?: Geo;
}

/** A span of the text: character offsets [start, end). */
export interface TextSpan {
  start: number;
  end: number;
}

/**
 * One attribution the attribution model reads: a cue ("said", "according to", "believes"), the
 * content attributed, and the source it rests on, when the text names one. Internal: the quote
 * and claim stages turn attributions into quotes and claims; they are not part of the JSON.
 */
export interface Attribution {
  cue: TextSpan;
  content: TextSpan | null;
  source: TextSpan | null;
}

/**
 * `direct`: a quotation of a sentence or more; `partial`: phrases in marks inside the reporter's
 * sentence, the quote spanning the reported clause that holds them where a source is named
 * (`the plan was “dead on arrival”`); `indirect`: reported speech with no marks ("said that …").
 */
export type QuoteKind = 'direct' | 'partial' | 'indirect';

export interface Quote {
  text: string;
  start: number;
  end: number;
  kind: QuoteKind;
  /** Entity id of the speaker, or null when the speaker is not an entity of the article. */
  speaker: string | null;
  /** How the text names the speaker where the quote is attributed ("the Foreign Secretary"). */
  speakerText: string | null;
  /** The reporting verb ("said", "wrote"). */
  cue: string | null;
  /** The medium, where the text names it ("social media"). */
  channel?: string;
}

export type ClaimSourceKind = 'named' | 'anonymous' | 'publication' | 'unattributed';

export interface Claim {
  text: string;
  start: number;
  end: number;
  source: { kind: ClaimSourceKind; text: string | null; entity?: string };
  /** The words that mark it as resting on someone's word ("say", "reveals", "is understood to"). */
  cue: string | null;
  hedged: boolean;
}

export type TimeKind = 'date' | 'time' | 'duration' | 'set';

export interface TimeExpression {
  text: string;
  start: number;
  end: number;
  /** ISO 8601 value: `2025`, `2025-07`, `2025-07-13`, `2025-W29`, `P14Y`, ... */
  value: string;
  kind: TimeKind;
  /** Resolved against a publication day read from the text (`Analysis.publishedInferred`), none being given. */
  inferred?: boolean;
}

/** The publication day read from the text when none was given (nlp/times/published.ts). */
export interface PublishedInference {
  /** `YYYY-MM-DD` */
  value: string;
  confidence: number;
  /** The expressions that gave it away: a dateline, a relative day beside a calendar date. */
  evidence: { start: number; end: number; text: string }[];
}

export interface Relation {
  subject: string;
  predicate: string;
  object?: string;
  objectText?: string;
  /**
   * For `role`: entity id of what the role is held in ("Foreign Minister" of Syria, "National
   * Security Adviser" of Keir Starmer).
   */
  of?: string;
  start: number;
  end: number;
}

export interface EventActor {
  entity: string | null;
  text: string;
  sector?: string;
}

export interface Event {
  id: string;
  type: string;
  mode?: string;
  context?: string;
  actors: EventActor[];
  targets: EventActor[];
  where?: string;
  when?: string;
  dead?: number | string;
  injured?: number | string;
  displaced?: number | string;
  arrested?: number | string;
  negated?: boolean;
  hypothetical?: boolean;
  future?: boolean;
  historical?: boolean;
  text: string;
  start: number;
  end: number;
  /** Index into `quotes` or `claims` when the event is reported speech. */
  quote?: number;
  claim?: number;
}

/** A note raised while analysing an article (what was skipped, why), carried with the analysis. */
export interface Message {
  level: 'info' | 'warning';
  stage: string;
  text: string;
}

/** The analysis of one article: the JSON that `sitrep analyze --json` writes. */
export interface Analysis {
  id: string;
  source: Source;
  text: string;
  blocks: Block[];
  removed: Removed[];
  sentences: Sentence[];
  entities: Entity[];
  quotes: Quote[];
  claims: Claim[];
  times: TimeExpression[];
  publishedInferred?: PublishedInference;
  relations: Relation[];
  events: Event[];
  messages: Message[];
}
