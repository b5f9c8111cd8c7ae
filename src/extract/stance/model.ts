/**
 * The stance model: does an article agree with a claim, disagree with it (deny, refute, correct
 * it), discuss it without taking a side, or not speak of it at all? Two stages, each a
 * multinomial logistic model written here with no dependencies, trained by `npm run train:stance`
 * (`train.ts`); the model card is `data/models/stance/README.md`.
 *
 *   1. related or unrelated, from how much of the claim the article holds (`relatedFeatures`);
 *      related from `relatedThreshold` (chosen by cross-validation on training data);
 *   2. for a related article, agree, disagree or discuss, from the cue words of the sentences that
 *      speak of the claim, the lead and the whole article, and the words of those sentences
 *      (`stanceFeatures`).
 *
 * File layout (`data/models/stance/model.bin`, little-endian): 8 bytes magic "SRSTN01\0", u32
 * header length, header JSON (padded to 4 bytes), then Float32 arrays one after another: the IDF
 * table [2^idfBits], the relatedness weights [RELATED_FEATURES × 2], the stance weights
 * [2^stanceBits × 3].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { claimDenies, readClaim, readText, type ReadSentence, type ReadText } from './cues.ts';
import {
  IdfTable,
  LEAD_SENTENCES,
  RELATED_FEATURES,
  focusSentences,
  relatedFeatures,
  sentenceFeatures,
  stanceFeatures,
  type Features,
  type Overlap,
} from './features.ts';

const MAGIC = 'SRSTN01\0';

/** The four stances, as FNC-1 names them. */
export const STANCES = ['agree', 'disagree', 'discuss', 'unrelated'] as const;
export type Stance = (typeof STANCES)[number];
/** The classes of the second stage (a related article's stance). */
export const RELATED_STANCES = ['agree', 'disagree', 'discuss'] as const;

/** A multinomial logistic model over sparse features: `size` rows (hashed buckets or dense indexes) × `classes`. */
export class Softmax {
  readonly mask: number;
  constructor(
    readonly size: number,
    readonly classes: number,
    readonly weights: Float32Array = new Float32Array(size * classes),
  ) {
    // hashed tables have a power-of-two size and are indexed by the hash's low bits
    this.mask = (size & (size - 1)) === 0 ? size - 1 : -1;
  }

  row(i: number): number {
    return (this.mask >= 0 ? i & this.mask : i) * this.classes;
  }

  /** Class probabilities (softmax of the class scores), into `out`. */
  probabilities(f: Features, out = new Float64Array(this.classes)): Float64Array {
    const K = this.classes;
    out.fill(0);
    for (let j = 0; j < f.idx.length; j++) {
      const b = this.row(f.idx[j]);
      const v = f.val[j];
      for (let k = 0; k < K; k++) out[k] += this.weights[b + k] * v;
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (out[k] > max) max = out[k];
    let z = 0;
    for (let k = 0; k < K; k++) z += out[k] = Math.exp(out[k] - max);
    for (let k = 0; k < K; k++) out[k] /= z;
    return out;
  }

  /** How much some features push towards class `c` beyond the mean of the classes. */
  push(f: Features, c: number): number {
    let s = 0;
    for (let j = 0; j < f.idx.length; j++) {
      const b = this.row(f.idx[j]);
      let mean = 0;
      for (let k = 0; k < this.classes; k++) mean += this.weights[b + k];
      s += f.val[j] * (this.weights[b + c] - mean / this.classes);
    }
    return s;
  }
}

/**
 * The probabilities of agree, disagree and discuss for a related article. The model learns the
 * stance towards a claim's positive form: for a claim that denies (`claimDenies`: "No, the
 * president did not adopt …"), agreeing with the positive form is disagreeing with the claim, so
 * agree and disagree swap.
 */
export function relatedStances(stance: Softmax, f: Features, denies: boolean): Float64Array {
  const p = stance.probabilities(f);
  if (denies) [p[0], p[1]] = [p[1], p[0]];
  return p;
}

/** The class of the model's own reading (the positive form's) that a stance of the claim is. */
const modelClass = (c: number, denies: boolean): number => (denies && c < 2 ? 1 - c : c);

export interface StanceHeader {
  trainedOn: string;
  idfBits: number;
  stanceBits: number;
  /** An article is related from this probability of the first stage. */
  relatedThreshold: number;
  /** How the model was fitted (`train.ts`'s options), for the record. */
  training: Record<string, unknown>;
}

export const MODEL_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/models/stance/model.bin',
);

export class StanceModel {
  constructor(
    readonly header: StanceHeader,
    readonly idf: IdfTable,
    readonly related: Softmax,
    readonly stance: Softmax,
  ) {}

  save(file: string): void {
    const json = Buffer.from(JSON.stringify(this.header));
    const pad = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
    const head = Buffer.alloc(MAGIC.length + 4 + json.length + pad, 0x20);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length + pad, MAGIC.length);
    json.copy(head, MAGIC.length + 4);
    const arrays = [this.idf.values, this.related.weights, this.stance.weights];
    writeFileSync(file, Buffer.concat([head, ...arrays.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength))]));
  }

  static load(file = MODEL_FILE): StanceModel {
    const buf = readFileSync(file);
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`${file}: not a stance model`);
    const len = buf.readUInt32LE(MAGIC.length);
    let at = MAGIC.length + 4;
    const header = JSON.parse(buf.toString('utf8', at, at + len)) as StanceHeader;
    at += len;
    const take = (n: number): Float32Array => {
      if (at + n * 4 > buf.length) throw new Error(`${file}: weights do not fit header`);
      const out = new Float32Array(buf.buffer.slice(buf.byteOffset + at, buf.byteOffset + at + n * 4));
      at += n * 4;
      return out;
    };
    const idf = new IdfTable(header.idfBits, take(1 << header.idfBits));
    const related = new Softmax(RELATED_FEATURES.length, 2, take(RELATED_FEATURES.length * 2));
    const stance = new Softmax(1 << header.stanceBits, RELATED_STANCES.length, take((1 << header.stanceBits) * 3));
    if (at !== buf.length) throw new Error(`${file}: weights do not fit header`);
    return new StanceModel(header, idf, related, stance);
  }
}

let shipped: StanceModel | undefined;
/** The shipped model, loaded once. */
export function defaultStanceModel(): StanceModel {
  shipped ??= StanceModel.load();
  return shipped;
}

// ---------------------------------------------------------------- judging

export interface Evidence {
  start: number;
  end: number;
  text: string;
}

export interface StanceVerdict {
  stance: Stance;
  /** The model's probability of that stance. */
  confidence: number;
  /** The sentences of the text that decided it (none for an unrelated article). */
  evidence: Evidence[];
}

/** The most sentences given as evidence. */
const MAX_EVIDENCE = 2;

/** The probabilities of both stages for a claim and an article already read. */
export function stanceProbabilities(
  model: StanceModel,
  claim: ReadSentence,
  body: ReadText,
): { related: number; stances: Float64Array; overlap: Overlap; denies: boolean } {
  const overlap = relatedFeatures(claim, body, model.idf);
  const related = model.related.probabilities(overlap.features)[1];
  const denies = claimDenies(claim);
  const stances = relatedStances(model.stance, stanceFeatures(claim, body, overlap), denies);
  return { related, stances, overlap, denies };
}

/**
 * The stance of an article (`text`) towards a claim, with the sentences that decided it: of the
 * sentences that speak of the claim most and the lead, those whose own cues and words push
 * towards the verdict most (at most `MAX_EVIDENCE`, in text order); the sentence that holds most
 * of the claim when none does.
 */
export function judgeStance(model: StanceModel, claimText: string, text: string): StanceVerdict {
  const claim = readClaim(claimText);
  const body = readText(text);
  const { related, stances, overlap, denies } = stanceProbabilities(model, claim, body);
  if (related < model.header.relatedThreshold) return { stance: 'unrelated', confidence: 1 - related, evidence: [] };
  let c = 0;
  for (let k = 1; k < stances.length; k++) if (stances[k] > stances[c]) c = k;
  const focus = focusSentences(overlap);
  const candidates = new Set([...focus, ...body.sentences.slice(0, LEAD_SENTENCES).map((_, i) => i)]);
  const k = modelClass(c, denies);
  const pushes = [...candidates].map((i) => {
    const s = body.sentences[i];
    let push = 0;
    if (focus.includes(i)) push += model.stance.push(sentenceFeatures(s, 'focus', true).f, k);
    if (i < LEAD_SENTENCES) push += model.stance.push(sentenceFeatures(s, 'lead', false).f, k);
    return { i, push };
  });
  let chosen = pushes
    .filter((p) => p.push > 0)
    .sort((a, b) => b.push - a.push || a.i - b.i)
    .slice(0, MAX_EVIDENCE)
    .map((p) => p.i);
  if (chosen.length === 0 && focus.length) {
    chosen = [focus.reduce((a, b) => (overlap.sentenceCoverage[a] >= overlap.sentenceCoverage[b] ? a : b))];
  }
  const evidence = chosen
    .sort((a, b) => a - b)
    .map((i) => {
      const s = body.sentences[i];
      return { start: s.start, end: s.end, text: text.slice(s.start, s.end) };
    });
  return { stance: RELATED_STANCES[c], confidence: related * stances[c], evidence };
}
