/**
 * The entity recogniser stage: labels every token of the Doc with a BIO tag over sitrep's entity
 * types (`B-PERSON`, `I-GPE`, `O`, ...) in `doc.tokenTags`, sentence by sentence, with the trained
 * two-pass tagger (`data/models/ner/model.bin`, see its README) and the type mapping of `types.ts`,
 * then corrected with lexicon and pattern evidence the model cannot see (`refine.ts`).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc } from '../../model/doc.ts';
import type { Stage } from '../../model/stage.ts';
import { LABELS } from './labels.ts';
import { loadGazetteer, type Gazetteer } from './gazetteer.ts';
import { loadModel } from './model.ts';
import { refineTags, tokenTexts, type RefineRule } from './refine.ts';
import { Tagger } from './tagger.ts';
import { toSitrepTags, writeSitrepTags } from './types.ts';

/** The shipped model. */
export function defaultModelPath(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(here, '../../../data/models/ner/model.bin');
}

/** The shipped tagger, once loaded (`defaultTagger`). */
let cachedTagger: Tagger | undefined;

/** The shipped tagger, loaded on first use and cached for the process. */
export function defaultTagger(): Tagger {
  if (!cachedTagger) cachedTagger = new Tagger(loadModel(defaultModelPath()), loadGazetteer());
  return cachedTagger;
}

/**
 * CoNLL labels (`B-PER`, `I-LOC`, `O`) of a document given as sentences of tokens.
 */
export function tagConll(sentences: string[][], tagger: Tagger = defaultTagger()): string[][] {
  return tagger.tagDocument(sentences).map((labels) => Array.from(labels, (y) => LABELS[y]));
}

/**
 * sitrep labels (`B-PERSON`, `I-GPE`, `B-NORP`, `O`) of a document given as sentences of tokens.
 */
export function recognize(
  sentences: string[][],
  tagger: Tagger = defaultTagger(),
  gaz: Gazetteer = loadGazetteer(),
): string[][] {
  const conll = tagConll(sentences, tagger);
  return sentences.map((toks, s) => toSitrepTags(toks, conll[s], gaz));
}

/** Token index ranges of the Doc's sentences; the whole token list when no sentences are known. */
export function sentenceRanges(doc: Doc): [number, number][] {
  if (doc.sentences.length === 0) return doc.tokens.length ? [[0, doc.tokens.length]] : [];
  const ranges: [number, number][] = [];
  for (const s of doc.sentences) {
    const [from, to] = doc.tokenRange(s.start, s.end);
    if (to > from) ranges.push([from, to]);
  }
  return ranges;
}

/** How the recogniser stage runs: corrections on or off, rules left out. */
export interface RecognizerOptions {
  /** Skip the lexicon and pattern corrections of `refine.ts` (the bare model, for evaluation). */
  raw?: boolean;
  /** Correction rules to leave out (ablations; see `REFINE_RULES`). */
  skipRules?: ReadonlySet<RefineRule>;
}

/** The stage. `modelPath` overrides the shipped model (tests, experiments). */
export function defaultRecognizer(modelPath?: string, options: RecognizerOptions = {}): Stage {
  let tagger: Tagger | undefined;
  const getTagger = (): Tagger | undefined => {
    if (tagger) return tagger;
    if (modelPath) tagger = new Tagger(loadModel(modelPath), loadGazetteer());
    else if (existsSync(defaultModelPath())) tagger = defaultTagger();
    return tagger;
  };
  return {
    name: 'ner',
    reads: ['text', 'sentences', 'tokens'],
    adds: ['tokenTags'],
    run(doc: Doc) {
      doc.tokenTags = doc.tokens.map(() => 'O');
      if (doc.tokens.length === 0) return;
      const t = getTagger();
      if (!t) {
        doc.warn('ner', `no entity model at ${defaultModelPath()}; run npm run train:ner`);
        return;
      }
      const ranges = sentenceRanges(doc);
      // each token's text read once, for the tagger and the corrections both
      const texts = tokenTexts(doc);
      const sentences = ranges.map(([from, to]) => texts.slice(from, to));
      // `recognize`, written straight into the Doc's tags from the label indices (`writeSitrepTags`)
      const labels = t.tagDocument(sentences);
      const gaz = loadGazetteer();
      for (let s = 0; s < ranges.length; s++) writeSitrepTags(labels[s], texts, ranges[s][0], gaz, doc.tokenTags);
      if (!options.raw) refineTags(doc, ranges, { skip: options.skipRules, texts });
    },
  };
}
