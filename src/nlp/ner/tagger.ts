/**
 * The two-pass document tagger: pass 1 labels each sentence from its own words and document-wide
 * casing evidence; pass 2 relabels it knowing how pass 1 labelled the same words elsewhere in the
 * document (Ratinov and Roth's "extended prediction history" and context aggregation), so an
 * article names one person the same way throughout and a later "Mr X" confirms an earlier "X".
 */
import {
  DocContext,
  DocVotes,
  FeatureBuffer,
  N_LABELS,
  freeze,
  secondPassFeatures,
  sentenceView,
  staticFeatures,
  type SentenceFeatures,
  type SentenceView,
} from './features.ts';
import type { Gazetteer } from './gazetteer.ts';
import { viterbi, type NerModel } from './model.ts';

export class Tagger {
  readonly model: NerModel;
  readonly gaz: Gazetteer;
  private buf = new FeatureBuffer(8192);
  private scores = new Float32Array(256 * N_LABELS);

  constructor(model: NerModel, gaz: Gazetteer) {
    this.model = model;
    this.gaz = gaz;
  }

  private ensureScores(n: number): Float32Array {
    if (this.scores.length < n * N_LABELS) this.scores = new Float32Array(n * N_LABELS * 2);
    return this.scores;
  }

  /**
   * Labels every token of a document given as sentences of token strings. Returns one array of
   * label indices (into LABELS) per sentence.
   */
  tagDocument(sentences: string[][]): Uint8Array[] {
    const views = sentences.map(sentenceView);
    const ctx = DocContext.build(views.map((v) => v.words));
    const passes = this.model.passes;
    const first: SentenceFeatures[] = [];
    const labels1: Uint8Array[] = [];
    const buf = this.buf;
    for (const v of views) {
      const n = v.words.length;
      buf.reset(n);
      staticFeatures(v, ctx, this.gaz, buf);
      const out = new Uint8Array(n);
      this.decode(0, buf, out);
      labels1.push(out);
      if (passes.length > 1) first.push(freeze(buf));
    }
    if (passes.length < 2) return labels1;
    return this.secondPass(views, first, labels1);
  }

  /** Pass 2 over a document whose first-pass features and labels are known. */
  secondPass(views: SentenceView[], first: SentenceFeatures[], labels1: Uint8Array[]): Uint8Array[] {
    const votes = DocVotes.build(views, labels1);
    const buf = this.buf;
    const result: Uint8Array[] = [];
    for (let s = 0; s < views.length; s++) {
      const n = views[s].words.length;
      buf.reset(n);
      secondPassFeatures(views[s], first[s], labels1[s], votes, buf);
      const out = new Uint8Array(n);
      this.decode(1, buf, out);
      result.push(out);
    }
    return result;
  }

  private decode(pass: number, buf: FeatureBuffer, out: Uint8Array): void {
    if (buf.n === 0) return;
    const scores = this.ensureScores(buf.n);
    const m = this.model.passes[pass];
    m.emissions(buf, scores);
    viterbi(scores, buf.n, m.trans, out);
  }
}
