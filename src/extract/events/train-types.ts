/**
 * Training the event-type model (`type-model.ts`) from data, never from rules:
 *
 * - **PLOVER coded sentences** (`plover-gold-sentences.json`): each sentence's event words are
 *   marked (`(EVT: agreed)`); a cue on one of them is an example of the sentence's type, every
 *   other cue of the sentence an example of no event. These are also the dev sentences, so what
 *   is reported on them is 5-fold cross-validation (`crossValidate`), never the training fit.
 * - **NGEC synthetic stories** (`ngec-synthetic-stories.csv`, 4,500 stories each written about one
 *   event of a labelled type): in a story's lead sentence, a cue whose lexicon or dictionary
 *   reading is the story's type is an example of that type, the other cues of no event (weighted
 *   lower: the labels are the story's, not the sentence's).
 *
 * - **News with no political events** (GeoVirus: WikiNews reports of disease outbreaks; MEANTIME:
 *   WikiNews business news about Apple and Airbus): every cue there is an example of no event, so
 *   the model learns that "beat", "attack" or "support" in a science or business story reports no
 *   PLOVER event (weighted lower: such news now and then reports one).
 *
 * A multinomial logistic model is fitted by stochastic gradient descent in a seeded order, so
 * training is deterministic.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Doc } from '../../model/doc.ts';
import { permutation } from '../../nlp/shuffle.ts';
import { csvRecords } from '../../text/csv.ts';
import { decodeXmlEntities } from '../../text/xml.ts';
import { matchTriggers, type TriggerMatch } from './lexicon.ts';
import { sentenceToks } from './tokens.ts';
import {
  CLASSES,
  TypeModel,
  cueFeatures,
  dictionaryVerb,
  MIN_SHARE,
  sentenceCues,
  type CuedSentence,
  type TypeModelHeader,
} from './type-model.ts';
import type { VerbTable } from './petrarch.ts';

/** PLOVER 0.5b1 labels of the coded sentences → PLOVER 0.8 types. */
export const PLOVER_05_TYPES: Record<string, string> = {
  DEMAND: 'REQUEST',
  DISAPPROVE: 'ACCUSE',
  INVESTIGATE: 'ACCUSE',
  FIGHT: 'ASSAULT',
};

export interface CodedSentence {
  id: string;
  text: string;
  /** PLOVER 0.8 type. */
  type: string;
  /** The words marked as the event (`(EVT: …)` in the markup), lower case. */
  eventWords: Set<string>;
  source: string[];
  target: string[];
}

interface GoldActor {
  actorText?: string;
}

const actorTexts = (x: unknown): string[] =>
  Array.isArray(x) ? (x as GoldActor[]).map((a) => a.actorText ?? '').filter((t) => t.trim()) : [];

/** The coded sentences of `plover-gold-sentences.json` (DOCUMENT entries left out). */
export function readCodedSentences(file: string): CodedSentence[] {
  const items = JSON.parse(readFileSync(file, 'utf8')) as Array<Record<string, unknown>>;
  return items
    .filter((i) => i.event !== 'DOCUMENT' && typeof i.text === 'string')
    .map((i) => {
      const markup = String((i.textInfo as { markup?: string } | undefined)?.markup ?? '');
      const eventWords = new Set<string>();
      for (const m of markup.matchAll(/\(EVT:\s*([^)]*)\)/g))
        for (const w of m[1].toLowerCase().match(/[\p{L}\p{N}'-]+/gu) ?? []) eventWords.add(w);
      const event = String(i.event);
      return {
        id: String(i.id),
        text: String(i.text).trim(),
        type: PLOVER_05_TYPES[event] ?? event,
        eventWords,
        source: actorTexts(i.source),
        target: actorTexts(i.target),
      };
    });
}

export interface Story {
  text: string;
  title: string;
  type: string;
}

/** The NGEC stories: text and PLOVER type. */
export function readStories(file: string): Story[] {
  return csvRecords(readFileSync(file, 'utf8'))
    .filter((r) => CLASSES.includes(r.label))
    .map((r) => ({ text: r.text, title: r.title, type: r.label }));
}

/**
 * A text read into a Doc with the layers the events stage reads (sentences and tokens): the
 * caller runs the pipeline's stages, so training reads text exactly as the stage does.
 */
export type Reader = (text: string) => Doc;

/** The sentences of a text, each with its tokens and cues. */
export function cuedSentences(read: Reader, text: string, table: VerbTable): CuedSentence[] {
  const doc = read(text);
  return doc.sentences.map((_, si) => {
    const toks = sentenceToks(doc, si);
    return sentenceCues(toks, matchTriggers(toks), table);
  });
}

export interface Example {
  feats: number[];
  label: number;
  weight: number;
}

/** The examples of one coded sentence: its cues on event words are its type, the others none. */
export function codedExamples(read: Reader, s: CodedSentence, table: VerbTable): Example[] {
  const label = CLASSES.indexOf(s.type);
  const out: Example[] = [];
  for (const sentence of cuedSentences(read, s.text, table)) {
    const { toks, cues } = sentence;
    cues.forEach((cue, rank) => {
      let onEvent = false;
      for (let i = cue.from; i < cue.to; i++) if (s.eventWords.has(toks[i].lower)) onEvent = true;
      out.push({
        feats: cueFeatures(sentence, rank),
        label: onEvent ? label : 0,
        weight: 1,
      });
    });
  }
  return out;
}

/** Whether the lexicon or the dictionary reads a cue as `type`. */
function readsAs(s: CuedSentence, cue: TriggerMatch, type: string): boolean {
  if (cue.entry.type === type) return true;
  return (dictionaryVerb(s.table, s.toks[cue.from].lower)?.entry.types[type] ?? 0) >= MIN_SHARE;
}

/** Weights of the story examples against the coded sentences' (their labels are the story's). */
export const STORY_WEIGHTS = { event: 0.1, none: 0.03, title: 0.5 };

/** Names put in for a story title's placeholders ("{country_1} Expels {country_2} Envoy"). */
const PLACEHOLDER_NAMES: Record<string, string> = {
  country_1: 'Arland',
  country_2: 'Brevia',
  country_3: 'Corvany',
  city: 'Dunmore',
};

/**
 * A story title as a sentence: headline capitals lowered (so its verbs read as verbs), the
 * placeholders named ("{country_1} Expels {country_2} Envoy" → "Arland expels Brevia envoy").
 */
export function titleSentence(title: string): string {
  return title
    .replace(/\b(?!\{)[A-Z][a-z]+\b/g, (w) => w.toLowerCase())
    .replace(/\{(\w+)\}/g, (_, k: string) => PLACEHOLDER_NAMES[k] ?? 'Arland');
}

/**
 * The examples of a sentence written about a story's event: a cue the lexicon or the dictionary
 * reads as the story's type is an example of it (weighted `eventWeight`), any other of no event.
 */
function storyLabelled(sentence: CuedSentence, type: string, eventWeight: number): Example[] {
  const label = CLASSES.indexOf(type);
  return sentence.cues.map((cue, rank) => {
    const event = readsAs(sentence, cue, type);
    return {
      feats: cueFeatures(sentence, rank),
      label: event ? label : 0,
      weight: event ? eventWeight : STORY_WEIGHTS.none,
    };
  });
}

/** The examples of the distinct story titles: a title is written about its story's event. */
export function titleExamples(read: Reader, stories: Story[], table: VerbTable): Example[] {
  const seen = new Set<string>();
  const out: Example[] = [];
  for (const story of stories) {
    const key = `${story.type}\t${story.title}`;
    if (seen.has(key)) continue;
    seen.add(key);
    for (const sentence of cuedSentences(read, titleSentence(story.title), table))
      out.push(...storyLabelled(sentence, story.type, STORY_WEIGHTS.title));
  }
  return out;
}

/** The examples of one story's lead sentence. */
export function storyExamples(read: Reader, story: Story, table: VerbTable): Example[] {
  const lead = cuedSentences(read, story.text.split(/\n/)[0], table)[0];
  return lead ? storyLabelled(lead, story.type, STORY_WEIGHTS.event) : [];
}

/** The weight of a background cue's no-event example. */
export const BACKGROUND_WEIGHT = 0.3;

/**
 * Texts of news with no political events: GeoVirus's article texts (`<text>` elements) and the
 * MEANTIME articles' tokens (`<token>` elements, joined by spaces), from `../shared/data`.
 */
export function readBackgroundTexts(dataDir: string): string[] {
  const out: string[] = [];
  const geovirus = path.join(dataDir, 'geovirus/GeoVirus-dev.xml');
  for (const m of readFileSync(geovirus, 'utf8').matchAll(/<text>([\s\S]*?)<\/text>/g))
    out.push(decodeXmlEntities(m[1]));
  for (const corpus of ['corpus_apple', 'corpus_airbus']) {
    const dir = path.join(dataDir, 'meantime', corpus);
    for (const f of readdirSync(dir)
      .filter((n) => n.endsWith('.xml'))
      .sort()) {
      const xml = readFileSync(path.join(dir, f), 'utf8');
      const toks = [...xml.matchAll(/<token [^>]*>([^<]*)<\/token>/g)].map((m) => decodeXmlEntities(m[1]));
      out.push(toks.join(' '));
    }
  }
  return out;
}

/** The examples of a background text: every cue, no event. */
export function backgroundExamples(read: Reader, text: string, table: VerbTable): Example[] {
  return cuedSentences(read, text, table).flatMap((sentence) =>
    sentence.cues.map((_, rank) => ({
      feats: cueFeatures(sentence, rank),
      label: 0,
      weight: BACKGROUND_WEIGHT,
    })),
  );
}

/**
 * Everything the model learns from: story and background examples, and the coded sentences'
 * examples, one list per sentence (for cross-validation).
 */
export interface TrainingSet {
  sentences: CodedSentence[];
  coded: Example[][];
  stories: Example[];
  background: Example[];
  /** What it holds, for the model card. */
  description: string;
}

/** Reads the training set from `../shared/data` (`dataDir`). */
export function readTrainingSet(read: Reader, dataDir: string, table: VerbTable): TrainingSet {
  const eventsDir = path.join(dataDir, 'events');
  const sentences = readCodedSentences(path.join(eventsDir, 'plover-gold-sentences.json'));
  const stories = readStories(path.join(eventsDir, 'ngec-synthetic-stories.csv'));
  const background = readBackgroundTexts(dataDir);
  return {
    sentences,
    coded: sentences.map((s) => codedExamples(read, s, table)),
    stories: [...stories.flatMap((s) => storyExamples(read, s, table)), ...titleExamples(read, stories, table)],
    background: background.flatMap((t) => backgroundExamples(read, t, table)),
    description:
      `${sentences.length} PLOVER coded sentences, ` +
      `the lead sentences and distinct titles of ${stories.length} NGEC stories, ` +
      `${background.length} GeoVirus and MEANTIME articles as news with no political events`,
  };
}

export interface TrainOptions {
  bits: number;
  epochs: number;
  rate: number;
  seed: number;
  threshold: number;
  sureThreshold: number;
  retypeThreshold: number;
  trainedOn: string;
}

export const DEFAULT_TRAINING: TrainOptions = {
  bits: 16,
  epochs: 10,
  rate: 0.2,
  seed: 17,
  threshold: 0.3,
  sureThreshold: 0.6,
  retypeThreshold: 0.5,
  trainedOn: '',
};

/** Fits the model: softmax regression by SGD, the learning rate falling as 1/(1 + epoch). */
export function trainTypeModel(examples: Example[], opts: TrainOptions = DEFAULT_TRAINING): TypeModel {
  const header: TypeModelHeader = {
    bits: opts.bits,
    trainedOn: opts.trainedOn,
    threshold: opts.threshold,
    sureThreshold: opts.sureThreshold,
    retypeThreshold: opts.retypeThreshold,
    epochs: opts.epochs,
  };
  const model = new TypeModel(header);
  const K = CLASSES.length;
  const w = model.weights;
  const p = new Float64Array(K);
  for (let e = 0; e < opts.epochs; e++) {
    const rate = opts.rate / (1 + e);
    for (const i of permutation(examples.length, opts.seed + e)) {
      const x = examples[i];
      model.probabilities(x.feats, p);
      for (let k = 0; k < K; k++) {
        const g = (p[k] - (k === x.label ? 1 : 0)) * rate * x.weight;
        if (g > -1e-7 && g < 1e-7) continue;
        for (const f of x.feats) w[(f & model.mask) * K + k] -= g;
      }
    }
  }
  return model;
}
