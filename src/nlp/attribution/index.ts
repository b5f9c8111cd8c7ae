/**
 * The attribution stage: who is said to have said, believed or reported what. A model trained on
 * PolNeAR's hand-annotated news (`npm run train:attribution`, model card in
 * `data/models/attribution/README.md`) finds each cue, then the cue's source and content
 * (`decode.ts`); the quote and claim stages give them their analyst's form.
 */
import path from 'node:path';
import type { Doc } from '../../model/doc.ts';
import type { Stage } from '../../model/stage.ts';
import type { Attribution, TextSpan } from '../../model/analysis.ts';
import { DATA_DIR } from '../../lexicon/load.ts';
import { decode, type TokenAttribution } from './decode.ts';
import { TokenView } from './features.ts';
import { loadModel, type AttributionModel } from './model.ts';

/** Where the trained model ships. */
export const MODEL_FILE = path.join(DATA_DIR, 'models/attribution/model.bin');

let shared: AttributionModel | undefined;

/** The shipped model, read once. */
export function defaultModel(): AttributionModel {
  shared ??= loadModel(MODEL_FILE);
  return shared;
}

/** The model's attributions of a Doc whose sentences, tokens and entity tags are in place, in character offsets. */
export function attributionsOf(doc: Doc, model: AttributionModel = defaultModel()): Attribution[] {
  const span = (s: TokenAttribution['source']): TextSpan | null =>
    s ? { start: doc.tokens[s.start].start, end: doc.tokens[s.end - 1].end } : null;
  return decode(model, new TokenView(doc)).map((a) => ({
    cue: span(a.cue) as TextSpan,
    content: span(a.content),
    source: span(a.source),
  }));
}

export const attributionStage: Stage = {
  name: 'attributions',
  reads: ['sentences', 'tokens', 'tokenTags', 'blocks'],
  adds: ['attributions'],
  run(doc) {
    doc.attributions = attributionsOf(doc);
  },
};
