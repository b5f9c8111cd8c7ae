/**
 * The sitrep pipeline, composed in one place.
 *
 *   RawArticle ──ingest──▶ (text | html) ──clean──▶ Doc
 *   Doc ─▶ sentences ─▶ tokens ─▶ ner ─▶ entities ─▶ geo ─▶ attributions ─▶ quotes ─▶ claims ─▶ times
 *       ─▶ relations ─▶ events ─▶ Analysis (JSON)
 *
 * Each stage is a module with one job: it declares the layers it reads and adds (`reads`, `adds`),
 * and the pipeline checks when it is built that each layer is added before it is read.
 * Where is X found? Follow the list below to the module.
 */
import { Doc } from './model/doc.ts';
import type { Analysis } from './model/analysis.ts';
import { checkStageOrder, type Stage } from './model/stage.ts';
import type { RawArticle } from './ingest/types.ts';
import { cleanArticle } from './clean/clean.ts';
import { sentenceStage } from './nlp/sentences.ts';
import { tokenStage } from './nlp/tokens.ts';
import { defaultRecognizer } from './nlp/ner/recognizer.ts';
import { entityStage } from './extract/entities/index.ts';
import { timeStage } from './nlp/times.ts';
import { attributionStage } from './nlp/attribution/index.ts';
import { quoteStage } from './extract/quotes.ts';
import { claimStage } from './extract/claims.ts';
import { geoStage } from './extract/geo/index.ts';
import { relationStage } from './extract/relations.ts';
import { eventStage } from './extract/events/index.ts';

export type { Stage };
export type { Layer } from './model/stage.ts';

export interface PipelineOptions {
  /** Replace the entity recogniser (the stage that writes `doc.tokenTags`). */
  recognizer?: Stage;
}

/** The stages in the order they run. */
export function buildStages(options: PipelineOptions = {}): Stage[] {
  return [
    sentenceStage, // nlp/sentences.ts: sentence boundaries
    tokenStage, // nlp/tokens.ts: word tokens
    options.recognizer ?? defaultRecognizer(), // nlp/ner/: BIO entity labels per token
    entityStage, // extract/entities/: mentions grouped into entities, aliases, roles
    geoStage, // extract/geo/: places geocoded in context (and place names the recogniser missed)
    attributionStage, // nlp/attribution/: cues, sources and contents of attributions (a trained model)
    quoteStage, // extract/quotes.ts: direct and partial quotations and their speakers
    claimStage, // extract/claims.ts: claims, their sources and hedges
    timeStage, // nlp/times.ts: dates and durations, resolved against the publication day
    //            (after quotes: a date inside a quotation resolves against when it was said)
    relationStage, // extract/relations.ts: roles, affiliations, founders, locations
    eventStage, // extract/events/: PLOVER events with actors, targets, place, date, counts
  ];
}

export class Pipeline {
  readonly stages: Stage[];

  constructor(options: PipelineOptions = {}) {
    this.stages = buildStages(options);
    checkStageOrder(this.stages);
  }

  /** Turn a raw article into a Doc with every layer filled in. */
  process(raw: RawArticle): Doc {
    const doc = cleanArticle(raw);
    for (const stage of this.stages) stage.run(doc);
    return doc;
  }

  /** Run the pipeline on one article and return the milliseconds each step took (for benchmarks). */
  timeStages(raw: RawArticle): Array<[string, number]> {
    const times: Array<[string, number]> = [];
    let t = performance.now();
    const doc = cleanArticle(raw);
    times.push(['clean', performance.now() - t]);
    for (const stage of this.stages) {
      t = performance.now();
      stage.run(doc);
      times.push([stage.name, performance.now() - t]);
    }
    return times;
  }

  analyze(raw: RawArticle): Analysis {
    return this.process(raw).toJSON();
  }
}
