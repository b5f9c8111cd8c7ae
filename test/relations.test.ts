import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractRelations } from '../src/extract/relations.ts';
import { Pipeline } from '../src/pipeline.ts';
import { docWith, idOf } from './helpers/docs.ts';

const TEXT = [
  'The talks were steered by Prime Minister Ana Lund’s Chief Adviser, Tomas Reed, drawing on his contacts and the charity he founded.',
  'Bridgeworks has staff in the fledgling presidency of Karim Daoud, diplomats say.',
  'Norwegian Foreign Minister Ola Berg arrived in N’Djamena, where Chad hosted the talks.',
  'Ida Moe, a member of the Centre Party, joined him. Later the Chief Adviser flew on to the Kanem province of Western Chad.',
  'Police are hunting Musa Ali – the smuggler behind a string of border raids who escaped in May.',
].join('\n');

function build() {
  return docWith(TEXT, [
    { name: 'Ana Lund', type: 'PERSON' },
    { name: 'Tomas Reed', type: 'PERSON' },
    { name: 'Bridgeworks', type: 'ORG' },
    { name: 'Karim Daoud', type: 'PERSON' },
    { name: 'Norway', type: 'GPE', aliases: ['Norwegian'] },
    { name: 'Ola Berg', type: 'PERSON' },
    { name: 'Chad', type: 'GPE' },
    { name: 'Ida Moe', type: 'PERSON' },
    { name: 'Centre Party', type: 'ORG' },
    { name: 'Kanem', type: 'GPE' },
    { name: 'Western Chad', type: 'LOC' },
    { name: 'Musa Ali', type: 'PERSON' },
  ]);
}

test('possessive title with apposition: role of the possessor', () => {
  const doc = build();
  const r = extractRelations(doc).find((x) => x.subject === idOf(doc, 'Tomas Reed') && x.predicate === 'role');
  assert.equal(r?.objectText, 'Chief Adviser');
  assert.equal(r?.of, idOf(doc, 'Ana Lund'));
  assert.ok(doc.text.slice(r!.start, r!.end).includes('Tomas Reed'), 'evidence covers the person');
});

test('demonym + title + name: role of the country', () => {
  const doc = build();
  const r = extractRelations(doc).find((x) => x.subject === idOf(doc, 'Ola Berg') && x.predicate === 'role');
  assert.equal(r?.objectText, 'Foreign Minister');
  assert.equal(r?.of, idOf(doc, 'Norway'));
});

test('office noun: "the presidency of X" gives president of the main state', () => {
  const doc = build();
  const r = extractRelations(doc).find((x) => x.subject === idOf(doc, 'Karim Daoud'));
  assert.equal(r?.objectText, 'president');
  assert.equal(r?.of, idOf(doc, 'Chad'));
});

test('founded: pronoun and description resolved, reporting source skipped', () => {
  const doc = build();
  const r = extractRelations(doc).find((x) => x.predicate === 'founded');
  assert.equal(r?.subject, idOf(doc, 'Tomas Reed'));
  assert.equal(r?.object, idOf(doc, 'Bridgeworks'));
});

test('member_of, located_in and appositive descriptions', () => {
  const doc = build();
  const rels = extractRelations(doc);
  assert.ok(
    rels.some(
      (x) =>
        x.subject === idOf(doc, 'Ida Moe') && x.predicate === 'member_of' && x.object === idOf(doc, 'Centre Party'),
    ),
    'member_of',
  );
  assert.ok(
    rels.some(
      (x) => x.subject === idOf(doc, 'Kanem') && x.predicate === 'located_in' && x.object === idOf(doc, 'Western Chad'),
    ),
    'located_in',
  );
  const d = rels.find((x) => x.subject === idOf(doc, 'Musa Ali') && x.predicate === 'role');
  assert.equal(d?.objectText, 'smuggler behind a string of border raids');
});

test('"the <Title>" refers back to the person who holds it', () => {
  const doc = build();
  const rels = extractRelations(doc);
  assert.ok(
    !rels.some((x) => x.subject === idOf(doc, 'Ida Moe') && x.objectText === 'Chief Adviser'),
    'not given to the last person named',
  );
  assert.equal(rels.filter((x) => x.subject === idOf(doc, 'Tomas Reed') && x.predicate === 'role').length, 1);
});

test('seed article: the six gold relations (full pipeline)', async (t) => {
  const { existsSync, readFileSync, readdirSync } = await import('node:fs');
  const path = await import('node:path');
  const { fileURLToPath } = await import('node:url');
  const shared = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../shared');
  const goldPath = path.join(shared, 'seed/gold.json');
  if (!existsSync(goldPath)) {
    t.skip('../shared/seed not present');
    return;
  }
  const { Pipeline } = await import('../src/pipeline.ts');
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const dir = path.join(shared, 'seed');
  const file = readdirSync(dir).find((f) => f.endsWith('.txt'))!;
  const doc = new Pipeline().process({
    text: readFileSync(path.join(dir, file), 'utf8'),
    source: { published: gold.published },
  } as never);
  if (doc.entities.length === 0) {
    t.skip('entity stage not yet producing output');
    return;
  }
  const rels = extractRelations(doc);
  const named = (id: string | undefined, name: string): boolean => {
    const e = doc.entityById(id);
    return !!e && [e.name, ...e.aliases].some((n) => n.toLowerCase() === name.toLowerCase());
  };
  const misses = gold.relations.filter(
    (g: { subject: string; predicate: string; object: string; of?: string }) =>
      !rels.some(
        (r) =>
          named(r.subject, g.subject) &&
          r.predicate === g.predicate &&
          (named(r.object, g.object) || r.objectText?.toLowerCase() === g.object.toLowerCase()) &&
          (!g.of || named(r.of, g.of)),
      ),
  );
  assert.deepEqual(misses, []);
});

test('relations: texts with a long s or Kelvin sign keep the /iu patterns (the fast /i forms match alike elsewhere)', () => {
  const p = new Pipeline();
  const roles = (word: string) => {
    const a = p.analyze({
      id: 'r',
      source: { published: '2024-03-05' },
      text: `Egypt's economy grew under the ${word} of Ahmed Farouk, officials in Cairo said on Monday. The company, led by Maria Okafor, expanded.`,
    });
    return a.relations
      .filter((r) => r.predicate === 'role')
      .map((r) => a.entities.find((e) => e.id === r.subject)?.name);
  };
  assert.deepEqual(roles('PRESIDENCY'), ['Ahmed Farouk']);
  // "preſidency" matches /presidency/iu (ſ folds to s), not /presidency/i: the text takes the /iu form
  assert.deepEqual(roles('preſidency'), ['Ahmed Farouk']);
  assert.deepEqual(roles('pres-idency'), []);
});
