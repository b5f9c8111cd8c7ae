/**
 * The event-type model: for each cue a sentence offers (a trigger of the team lexicon, or a verb of
 * PETRARCH2's CAMEO dictionary), the probability that it reports a PLOVER event of each type, or
 * none. A multinomial logistic model over hashed features of the cue, its neighbours, its object
 * and the dictionaries' readings; trained by `npm run train:events` (`train-types.ts`), the model
 * card is `data/models/events/README.md`.
 *
 * File layout (`data/models/events/model.bin`, little-endian): 8 bytes magic "SREVT01\0", u32
 * header length, header JSON (padded to 4 bytes), then Float32 weights [2^bits × classes].
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { hashStr, mix, FNV_OFFSET } from '../../nlp/hashing.ts';
import { lexiconFile, wordList, wordSet } from '../../lexicon/load.ts';
import type { Tok } from './tokens.ts';
import type { TriggerMatch } from './lexicon.ts';
import type { VerbEntry, VerbTable } from './petrarch.ts';

const MAGIC = 'SREVT01\0';

/** The classes: no event, then the 16 PLOVER types (`data/lexicons/plover/coding.json`). */
export const CLASSES: readonly string[] = ['NONE', ...wordList('plover/coding', 'types')];

export interface TypeModelHeader {
  bits: number;
  trainedOn: string;
  /** The likeliest event cue of a sentence is kept from this probability of an event (chosen on training data). */
  threshold: number;
  /** Any other cue of the sentence is kept from this probability. */
  sureThreshold: number;
  /** A lexicon cue takes the model's type instead of the lexicon's from this probability of that type. */
  retypeThreshold: number;
  epochs: number;
}

export const MODEL_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../data/models/events/model.bin',
);

export class TypeModel {
  readonly header: TypeModelHeader;
  readonly mask: number;
  readonly weights: Float32Array;

  constructor(header: TypeModelHeader, weights?: Float32Array) {
    this.header = header;
    this.mask = (1 << header.bits) - 1;
    this.weights = weights ?? new Float32Array((1 << header.bits) * CLASSES.length);
  }

  /** Class probabilities for one cue's features (softmax of the class scores), into `out`. */
  probabilities(feats: readonly number[], out = new Float64Array(CLASSES.length)): Float64Array {
    const K = CLASSES.length;
    out.fill(0);
    for (const f of feats) {
      const b = (f & this.mask) * K;
      for (let k = 0; k < K; k++) out[k] += this.weights[b + k];
    }
    let max = -Infinity;
    for (let k = 0; k < K; k++) if (out[k] > max) max = out[k];
    let z = 0;
    for (let k = 0; k < K; k++) z += out[k] = Math.exp(out[k] - max);
    for (let k = 0; k < K; k++) out[k] /= z;
    return out;
  }

  save(file: string): void {
    const json = Buffer.from(JSON.stringify(this.header));
    const pad = (4 - ((MAGIC.length + 4 + json.length) % 4)) % 4;
    const head = Buffer.alloc(MAGIC.length + 4 + json.length + pad, 0x20);
    head.write(MAGIC, 0, 'latin1');
    head.writeUInt32LE(json.length + pad, MAGIC.length);
    json.copy(head, MAGIC.length + 4);
    writeFileSync(file, Buffer.concat([head, Buffer.from(this.weights.buffer, this.weights.byteOffset)]));
  }

  static load(file = MODEL_FILE): TypeModel {
    const buf = readFileSync(file);
    if (buf.toString('latin1', 0, MAGIC.length) !== MAGIC) throw new Error(`${file}: not an event-type model`);
    const len = buf.readUInt32LE(MAGIC.length);
    const at = MAGIC.length + 4;
    const header = JSON.parse(buf.toString('utf8', at, at + len)) as TypeModelHeader;
    const bytes = buf.subarray(at + len);
    // the weights are viewed where the file's bytes lie (the header is padded to 4 bytes), not copied:
    // a copy of the 4.4 MB took 18 ms of every start; a file read into a shared pool is copied
    const weights =
      bytes.byteOffset % 4 === 0 && bytes.length % 4 === 0
        ? new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)
        : new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    if (weights.length !== (1 << header.bits) * CLASSES.length) throw new Error(`${file}: weights do not fit header`);
    return new TypeModel(header, weights);
  }
}

let shipped: TypeModel | undefined;
/** The shipped model, loaded once. */
export function defaultTypeModel(): TypeModel {
  shipped ??= TypeModel.load();
  return shipped;
}

// ---------------------------------------------------------------- the PETRARCH2 verb table

let verbTable: VerbTable | undefined;
/** PETRARCH2's verbs read as PLOVER types (`data/lexicons/plover/petrarch-verbs.json`). */
export function petrarchVerbs(): VerbTable {
  if (!verbTable) {
    const file = lexiconFile('plover/petrarch-verbs');
    verbTable = { verbs: file.verbs as VerbTable['verbs'], forms: file.forms as VerbTable['forms'] };
  }
  return verbTable;
}

/** Lemmas a regular inflected form may come from ("attacked" → attack, attacke; "cried" → cry). */
function lemmaCandidates(w: string): string[] {
  const out = [w];
  if (/ies$|ied$/.test(w)) out.push(w.slice(0, -3) + 'y');
  if (w.endsWith('es')) out.push(w.slice(0, -2));
  if (w.endsWith('s')) out.push(w.slice(0, -1));
  if (w.endsWith('ed')) out.push(w.slice(0, -2), w.slice(0, -1));
  if (/([^aeiou])\1ed$/.test(w)) out.push(w.slice(0, -3));
  if (w.endsWith('ing')) out.push(w.slice(0, -3), w.slice(0, -3) + 'e');
  if (/([^aeiou])\1ing$/.test(w)) out.push(w.slice(0, -4));
  return out;
}

/** The dictionary lemma of a word, or '' (the look-up itself, before the memo). */
function lemmaIn(table: VerbTable, w: string): string {
  const irregular = table.forms[w];
  if (irregular && table.verbs[irregular]) return irregular;
  for (const c of lemmaCandidates(w)) if (table.verbs[c]) return c;
  return '';
}

/** The dictionary verb a word is a form of, or null. */
export function dictionaryVerb(table: VerbTable, w: string): { lemma: string; entry: VerbEntry } | null {
  const lemma = lemmaIn(table, w);
  return lemma ? { lemma, entry: table.verbs[lemma] } : null;
}

/** What the model reads of a word wherever it stands: its stem, whether it is a word, its dictionary verb. */
interface WordInfo {
  stem: string;
  isWord: boolean;
  verb: VerbEntry | null;
}

/** Words whose reading is remembered (the memo starts afresh when full). */
const WORD_MEMO_SIZE = 50_000;
/**
 * Each table's memo of word → reading: the words around every cue are read, most of them again
 * and again, and the dictionary look-up tries up to eight spellings (measured 2026-12-07 on one
 * core: the events stage takes 0.86 ms an article with the memo, 1.14 ms without).
 */
const wordMemos = new WeakMap<VerbTable, Map<string, WordInfo>>();

function wordInfo(table: VerbTable, w: string): WordInfo {
  let memo = wordMemos.get(table);
  if (!memo) wordMemos.set(table, (memo = new Map()));
  let info = memo.get(w);
  if (!info) {
    const isWord = LETTER_OR_DIGIT.test(w);
    const lemma = isWord && w.length >= 3 ? lemmaIn(table, w) : '';
    info = { stem: stem(w), isWord, verb: lemma ? table.verbs[lemma] : null };
    if (memo.size >= WORD_MEMO_SIZE) memo.clear();
    memo.set(w, info);
  }
  return info;
}

// ---------------------------------------------------------------- features

/** How many words after a verb its object patterns are looked for in. */
const OBJECT_WINDOW = 6;
/** A dictionary type counts as a reading of the verb from this share of its codes. */
export const MIN_SHARE = 0.15;

/** How many words before a cue its modality (future, negation, condition) is read from. */
const MODALITY_WINDOW = 4;
/** How many words before a cue the cue it may complement ("agreed to withdraw") is looked for. */
const HEAD_WINDOW = 6;
/** Words marking an act as announced, denied or conditional (`data/lexicons/event-words.json`). */
const MODALITY: ReadonlyArray<[string, ReadonlySet<string>]> = [
  ['fut', wordSet('event-words', 'futureWords')],
  ['neg', wordSet('event-words', 'negations')],
  ['hyp', wordSet('event-words', 'hypotheticalWords')],
];

/** A rough stem: a word's form without a regular ending, numbers as one class. */
function stem(w: string): string {
  if (/\d/.test(w)) return '#';
  return w.length > 4 ? w.replace(/(?:ing|ed|es|s)$/, '') : w;
}

/** A letter or a digit. */
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
/** Opens with a capital letter. */
const CAPITAL = /^\p{Lu}/u;

/** Feature templates' names, each hashed once: a feature is its template's hash folded with its value(s). */
const templates = new Map<string, number>();
function T(name: string): number {
  let h = templates.get(name);
  if (h === undefined) templates.set(name, (h = hashStr(FNV_OFFSET, name)));
  return h;
}
const feature = (template: number, value: string): number => mix(hashStr(template, value));
/** A feature of two values ("the lexicon's type with the cue's rank"). */
const pair = (template: number, a: string, b: string): number => mix(hashStr(hashStr(hashStr(template, a), '|'), b));

/** The features a dictionary verb gives whatever its context: its types, its likeliest type and its own code's. */
const verbFeatureMemo = new WeakMap<VerbEntry, number[]>();
function verbFeatures(entry: VerbEntry): number[] {
  let out = verbFeatureMemo.get(entry);
  if (out) return out;
  out = [];
  let top = '';
  let best = 0;
  for (const t in entry.types) {
    const share = entry.types[t];
    if (share >= MIN_SHARE) out.push(feature(T('dv'), t));
    if (share > best) [top, best] = [t, share];
  }
  if (top) out.push(feature(T('dv1'), top));
  if (entry.code) out.push(feature(T('dc'), entry.code));
  verbFeatureMemo.set(entry, out);
  return out;
}

// ---------------------------------------------------------------- cues

/** A sentence as the model reads it: its tokens, its cues, and the dictionary its words are read in. */
export interface CuedSentence {
  toks: readonly Tok[];
  cues: TriggerMatch[];
  table: VerbTable;
}

/**
 * The cues of a sentence: the trigger lexicon's matches. (Candidates from every PETRARCH2 verb
 * were tried too: in cross-validation the model kept almost none and scored no better, at twice
 * the stage's time; the dictionary informs the features of the lexicon's cues instead.)
 */
export function sentenceCues(toks: readonly Tok[], lexiconMatches: TriggerMatch[], table: VerbTable): CuedSentence {
  return { toks, cues: lexiconMatches, table };
}

/**
 * The features of cue `rank` of a sentence: its words and pattern, the lexicon's and the
 * dictionary's readings of it, the words either side, the dictionary types its object words give,
 * the modality before it (future, negation, condition) and the cue before it, which it may
 * complement ("agreed to withdraw").
 */
export function cueFeatures(s: CuedSentence, rank: number): number[] {
  const { toks, table } = s;
  const word = (i: number) => wordInfo(table, toks[i].lower);
  const cue = s.cues[rank];
  const prev = s.cues[rank - 1];
  const r = String(Math.min(rank, 2));
  const headStem = word(cue.from).stem;
  const lexType = cue.entry.type;
  const f: number[] = [
    feature(T('bias'), ''),
    feature(T('rank'), r),
    feature(T('h'), headStem),
    feature(T('pos'), cue.entry.pos),
  ];
  f.push(
    feature(T('p'), cue.entry.pattern),
    feature(T('lt'), lexType),
    pair(T('hlt'), headStem, lexType),
    pair(T('ltr'), lexType, r),
  );
  for (let i = cue.from + 1; i < cue.to; i++) f.push(feature(T('in'), word(i).stem));
  const verb = word(cue.from).verb;
  if (verb) {
    for (const x of verbFeatures(verb)) f.push(x);
    if (verb.code) f.push(pair(T('dcr'), verb.code, r));
    const objects = verb.objects;
    if (objects) {
      for (let i = cue.to; i < Math.min(toks.length, cue.to + OBJECT_WINDOW); i++) {
        const t = objects[toks[i].lower] ?? objects[word(i).stem];
        if (t) f.push(feature(T('do'), t));
      }
    }
  }
  // neighbours: two words either side, skipping punctuation
  let k = 0;
  for (let i = cue.from - 1; i >= 0 && k < 2; i--) {
    if (!word(i).isWord) continue;
    f.push(feature(++k === 1 ? T('l1') : T('l2'), word(i).stem));
    if (k === 1 && CAPITAL.test(toks[i].text)) f.push(feature(T('lcap'), ''));
  }
  if (k === 0) f.push(feature(T('l1'), '<s>'));
  k = 0;
  for (let i = cue.to; i < toks.length && k < 2; i++) {
    if (!word(i).isWord) continue;
    f.push(feature(++k === 1 ? T('r1') : T('r2'), word(i).stem));
    if (k === 1 && CAPITAL.test(toks[i].text)) f.push(feature(T('rcap'), ''));
  }
  // what the cue's own reading is, to pair with its modality and with the cue it may complement
  const reading = lexType;
  for (let i = cue.from - 1; i >= Math.max(0, cue.from - MODALITY_WINDOW); i--) {
    if (!word(i).isWord) break;
    for (const [name, words] of MODALITY) if (words.has(toks[i].lower)) f.push(feature(T(name), reading));
  }
  if (prev && cue.from - prev.to <= HEAD_WINDOW) {
    f.push(feature(T('hd'), prev.entry.type), pair(T('hdr'), prev.entry.type, reading));
  }
  return f;
}

/** The class probabilities of the cue being judged (one buffer, reused). */
const scratch = new Float64Array(CLASSES.length);

/**
 * A cue's verdict: the probability that it reports an event at all, the type it most likely
 * reports and that type's probability.
 */
export function judgeCue(model: TypeModel, s: CuedSentence, rank: number): { type: string; p: number; event: number } {
  const p = model.probabilities(cueFeatures(s, rank), scratch);
  let best = 1;
  for (let k = 2; k < p.length; k++) if (p[k] > p[best]) best = k;
  return { type: CLASSES[best], p: p[best], event: 1 - p[0] };
}
