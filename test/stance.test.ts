/**
 * The stance of an article towards a claim (src/extract/stance/, `sitrep stance`): cue reading,
 * the shipped model on team-written claims and articles (fictional places and people), FNC-1
 * scoring, folds by claim, deterministic training, and the command's handling of bad records.
 * The FNC-1 data itself is read only by the last test, skipped when ../shared/data is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { claimDenies, deniedClaimWords, findCues, readClaim, readText } from '../src/extract/stance/cues.ts';
import { defaultStanceModel, judgeStance, StanceModel, type Stance } from '../src/extract/stance/model.ts';
import {
  claimFolds,
  DEFAULT_TRAINING,
  fitStanceModel,
  readCorpus,
  readFnc,
  type Pair,
} from '../src/extract/stance/train.ts';
import { classScores, fncScore, overlapBaseline } from '../src/extract/stance/evaluate.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const BIN = path.join(ROOT, 'bin/sitrep.mjs');
const FNC = path.resolve(ROOT, '../shared/data/stance/fnc1');
const dir = mkdtempSync(path.join(tmpdir(), 'sitrep-stance-'));

function sitrep(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CLAIM = 'The mayor of Lindenfeld has resigned';
const DENIAL =
  'The mayor of Lindenfeld, Greta Holm, denied on Tuesday reports that she had resigned, calling them false. ' +
  '"I am not going anywhere," she told reporters outside the town hall. ' +
  'A spokesman said the rumour began on social media.';
const CONFIRMATION =
  'The mayor of Lindenfeld, Greta Holm, resigned on Tuesday, the town council confirmed. ' +
  'She announced her resignation in a letter to councillors, and her deputy will take over until an election.';
const HEDGED =
  'The mayor of Lindenfeld has reportedly resigned, according to unconfirmed reports on local radio. ' +
  'The town hall could not be reached for comment, and it is unclear whether the reports are true.';
const BAKERY =
  'A new bakery opened on the harbour front this week, selling rye bread and cinnamon buns. ' +
  'The owner said business had been brisk since the first morning.';
const HOAX_CLAIM = 'A giant squid washed up on Porthwenn beach';
const HOAX =
  'Photographs of a giant squid said to have washed up on Porthwenn beach were a hoax, the coastguard said. ' +
  'The images had been doctored, and there is no evidence that any animal was found. ' +
  'Marine biologists dismissed the reports as false.';

test('cues: refuting words and phrases, hedges from hedges.json, negations', () => {
  const cues = findCues(readClaim('Officials dismissed the reports as false: there is no evidence, a hoax.').lowers);
  assert.ok(cues.ref.includes('dismissed') && cues.ref.includes('hoax') && cues.ref.includes('no evidence'));
  assert.ok(cues.ref.includes('as false'));
  assert.deepEqual(findCues(readClaim('He reportedly left.').lowers).unc, ['reportedly']);
  assert.deepEqual(findCues(readClaim("She didn't leave.").lowers).neg, ["n't"]);
});

test('a claim that states a denial is told from one with a negation in a purpose clause', () => {
  assert.equal(claimDenies(readClaim('No, the mayor of Lindenfeld has not resigned')), true);
  assert.equal(claimDenies(readClaim('Lindenfeld mayor denies she resigned')), true);
  assert.equal(claimDenies(readClaim('Giant squid photo is a hoax')), true);
  assert.equal(claimDenies(readClaim('Mayor adopts a cat so it won’t be lonely')), false);
  assert.equal(claimDenies(readClaim(CLAIM)), false);
});

test("claim words in a negation's scope or beside a refuting cue are counted", () => {
  const claim = new Set(readClaim('The mayor adopted a dog').content);
  const [s] = readText('The mayor has not adopted anything, and the dog story is a hoax.').sentences;
  assert.deepEqual(deniedClaimWords(s, claim), { negated: 1, refuted: 1 });
});

test('the shipped model: a denial disagrees, a confirmation agrees, a hedged report discusses, another story is unrelated', () => {
  const model = defaultStanceModel();
  const cases: [string, string, Stance][] = [
    [CLAIM, DENIAL, 'disagree'],
    [HOAX_CLAIM, HOAX, 'disagree'],
    [CLAIM, CONFIRMATION, 'agree'],
    [CLAIM, HEDGED, 'discuss'],
    [CLAIM, BAKERY, 'unrelated'],
  ];
  for (const [claim, text, stance] of cases) {
    const v = judgeStance(model, claim, text);
    assert.equal(v.stance, stance, `${text.slice(0, 50)}…: ${v.stance}`);
    assert.ok(v.confidence > 0 && v.confidence <= 1);
    for (const e of v.evidence) assert.equal(text.slice(e.start, e.end), e.text);
    if (stance === 'unrelated') assert.deepEqual(v.evidence, []);
    else assert.ok(v.evidence.length >= 1);
  }
  // the sentence that denies is the evidence of the denial
  assert.match(judgeStance(model, CLAIM, DENIAL).evidence[0].text, /denied/);
});

test('a claim that denies swaps agree and disagree', () => {
  const model = defaultStanceModel();
  const denial = 'No, the mayor of Lindenfeld has not resigned';
  assert.equal(judgeStance(model, denial, CONFIRMATION).stance, 'disagree');
  assert.equal(judgeStance(model, 'Lindenfeld mayor denies she resigned', DENIAL).stance, 'agree');
});

test('FNC-1 score, per-class F1 and the word-overlap baseline', () => {
  const gold: Stance[] = ['agree', 'disagree', 'discuss', 'unrelated', 'unrelated'];
  const pred: Stance[] = ['agree', 'discuss', 'unrelated', 'unrelated', 'discuss'];
  const s = fncScore(gold, pred);
  // agree exact 1; disagree→discuss 0.25; discuss→unrelated 0; unrelated right 0.25; unrelated→discuss 0
  assert.equal(s.score, 1.5);
  assert.equal(s.best, 3.5);
  const c = classScores(gold, pred);
  assert.equal(c.perClass.agree.f1, 1);
  assert.equal(c.perClass.disagree.f1, 0);
  assert.equal(c.accuracy, 0.4);
  assert.equal(overlapBaseline(readClaim(CLAIM), readText(CONFIRMATION)), 'discuss');
  assert.equal(overlapBaseline(readClaim(CLAIM), readText(BAKERY)), 'unrelated');
});

/** Team-written pairs: two claims, each with its articles, and unrelated pairs across. */
function fictionalData() {
  const bodies = new Map<string, string>([
    ['d1', DENIAL],
    ['c1', CONFIRMATION],
    ['h1', HEDGED],
    ['x1', HOAX],
    ['b1', BAKERY],
  ]);
  const pairs: Pair[] = [
    { claim: CLAIM, body: 'd1', stance: 'disagree' },
    { claim: CLAIM, body: 'c1', stance: 'agree' },
    { claim: CLAIM, body: 'h1', stance: 'discuss' },
    { claim: 'Lindenfeld mayor quits', body: 'c1', stance: 'agree' },
    { claim: CLAIM, body: 'x1', stance: 'unrelated' },
    { claim: HOAX_CLAIM, body: 'x1', stance: 'disagree' },
    { claim: HOAX_CLAIM, body: 'b1', stance: 'unrelated' },
    { claim: 'Harbour bakery opens', body: 'b1', stance: 'agree' },
    { claim: 'Harbour bakery opens', body: 'd1', stance: 'unrelated' },
  ];
  return { pairs, bodies };
}

test('folds by claim: headlines of one claim and its articles lie in one fold', () => {
  const { pairs } = fictionalData();
  const { pairFold, bodyFold } = claimFolds(pairs, 3);
  const fold = (claim: string) => pairFold[pairs.findIndex((p) => p.claim === claim)];
  // the two headlines of the mayor's claim share their article c1, so one group
  assert.equal(fold(CLAIM), fold('Lindenfeld mayor quits'));
  for (const [i, p] of pairs.entries()) if (p.stance !== 'unrelated') assert.equal(bodyFold.get(p.body), pairFold[i]);
  assert.deepEqual(claimFolds(pairs, 3).pairFold, pairFold);
});

test('training is deterministic and a saved model reads back the same', () => {
  const data = fictionalData();
  const corpus = readCorpus(data);
  const opts = { ...DEFAULT_TRAINING, idfBits: 10, stanceBits: 12 };
  const a = fitStanceModel(corpus, data.pairs, opts, 'fictional');
  const b = fitStanceModel(corpus, data.pairs, opts, 'fictional');
  const fa = path.join(dir, 'a.bin');
  const fb = path.join(dir, 'b.bin');
  a.save(fa);
  b.save(fb);
  assert.deepEqual(readFileSync(fa), readFileSync(fb));
  const back = StanceModel.load(fa);
  assert.deepEqual(judgeStance(back, CLAIM, DENIAL), judgeStance(a, CLAIM, DENIAL));
  writeFileSync(path.join(dir, 'bad.bin'), 'not a model');
  assert.throws(() => StanceModel.load(path.join(dir, 'bad.bin')), /not a stance model/);
});

test('sitrep stance --help describes the records and the output', () => {
  const r = sitrep(['stance', '--help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /--jsonl/);
  assert.match(r.out, /claim/);
  assert.match(r.out, /evidence/);
});

test('sitrep stance --jsonl: one line per good record, one error line per bad one, exit status 1', () => {
  const file = path.join(dir, 'pairs.jsonl');
  const lines = [
    JSON.stringify({ id: 1, claim: CLAIM, text: DENIAL }),
    'not json',
    JSON.stringify({ id: 'no-claim', text: DENIAL }),
    '',
    JSON.stringify({ id: 'empty', claim: '  ', text: DENIAL }),
    JSON.stringify({ id: 'huge', claim: CLAIM, text: 'Words. '.repeat(300_000) }),
    JSON.stringify([1, 2]),
    // a numeric id above 2^53 keeps its digits
    '{"id": 12345678901234567890, ' + JSON.stringify({ claim: CLAIM, text: BAKERY }).slice(1),
  ];
  writeFileSync(file, lines.join('\n') + '\n');
  const r = sitrep(['stance', file, '--jsonl']);
  assert.equal(r.code, 1, r.err);
  const out = r.out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.deepEqual(
    out.map((o) => [o.id, o.stance]),
    [
      ['1', 'disagree'],
      ['12345678901234567890', 'unrelated'],
    ],
  );
  assert.deepEqual(Object.keys(out[0]), ['id', 'stance', 'confidence', 'evidence']);
  const errors = r.err.trim().split('\n');
  assert.equal(errors.length, 5, r.err);
  assert.match(errors[0], /pairs\.jsonl:2: malformed JSON/);
  assert.match(errors[1], /pairs\.jsonl:3 \(id no-claim\): record has no "claim" string/);
  assert.match(errors[2], /\(id empty\): "claim" is empty/);
  assert.match(errors[3], /\(id huge\): "text" is over 2000000 characters/);
  assert.match(errors[4], /pairs\.jsonl:7: record is not a JSON object/);
});

test('sitrep stance reads standard input; an empty input or a missing file is one line', () => {
  const r = sitrep(['stance', '-', '--jsonl'], JSON.stringify({ id: 'a', claim: HOAX_CLAIM, text: HOAX }) + '\n');
  assert.equal(r.code, 0, r.err);
  assert.equal(JSON.parse(r.out).stance, 'disagree');
  const empty = sitrep(['stance', '-', '--jsonl'], '\n\n');
  assert.equal(empty.code, 1);
  assert.match(empty.err, /stdin: no records/);
  const missing = sitrep(['stance', path.join(dir, 'nowhere.jsonl')]);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /nowhere\.jsonl: no such file/);
});

test(
  'FNC-1: 5,828 pairs read, and no claim group split across folds',
  { skip: !existsSync(FNC) && 'FNC-1 is absent (../shared/data)' },
  () => {
    const data = readFnc(FNC);
    assert.equal(data.pairs.length, 5828);
    assert.equal(data.bodies.size, 388);
    const { pairFold, bodyFold } = claimFolds(data.pairs, 5);
    const claimFold = new Map<string, number>();
    for (const [i, p] of data.pairs.entries()) {
      assert.equal(claimFold.get(p.claim) ?? pairFold[i], pairFold[i], `claim split: ${i}`);
      claimFold.set(p.claim, pairFold[i]);
      if (p.stance !== 'unrelated') assert.equal(bodyFold.get(p.body), pairFold[i]);
    }
    const sizes = [0, 1, 2, 3, 4].map((f) => pairFold.filter((x) => x === f).length);
    assert.ok(Math.min(...sizes) > 1000, `fold sizes ${sizes}`);
  },
);
