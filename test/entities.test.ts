/**
 * The entity stage on the default pipeline (trained recogniser): merging, the surname rule, roles and aliases,
 * demonyms, group nouns, particles and apostrophes, headlines in capitals; plus the seed gold.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Pipeline } from '../src/pipeline.ts';
import { resolveDescription, resolvePronoun } from '../src/extract/coref.ts';
import type { Doc } from '../src/model/doc.ts';
import type { Entity, EntityType } from '../src/model/analysis.ts';
import { foldKey } from '../src/lexicon/lexicon.ts';
import { StemIndex } from '../src/extract/entities/merge.ts';
import { asciiAlnumEdges, hasLetter } from '../src/extract/entities/mentions.ts';
import { companyStem } from '../src/extract/entities/names.ts';
import type { RawMention, Work } from '../src/extract/entities/work.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const pipeline = new Pipeline();

function run(text: string, published = '2025-03-14'): Doc {
  return pipeline.process({ id: 't', source: { published }, text });
}

const fold = (s: string) => s.toLowerCase().replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');

/** The entity named `name` by its name or an alias. */
function find(doc: Doc, name: string): Entity | undefined {
  return doc.entities.find((e) => fold(e.name) === fold(name) || e.aliases.some((a) => fold(a) === fold(name)));
}

function must(doc: Doc, name: string): Entity {
  const e = find(doc, name);
  assert.ok(e, `no entity "${name}" in ${JSON.stringify(doc.entities.map((x) => `${x.type}:${x.name}`))}`);
  return e;
}

test('mentions of one person merge; the name drops the honorific', () => {
  const doc = run(
    'Dame Harriet Okonjo-Vance warned on Tuesday that the harbour levy would fall on fishermen. ' +
      'Ms Okonjo-Vance, who chairs the port board, said the plan was rushed. ' +
      "Okonjo-Vance's office declined to comment further.",
  );
  const e = must(doc, 'Harriet Okonjo-Vance');
  assert.equal(e.type, 'PERSON');
  assert.equal(e.name, 'Harriet Okonjo-Vance');
  assert.equal(e.mentions.length, 3);
  assert.ok(e.aliases.includes('Ms Okonjo-Vance'));
  assert.ok(e.aliases.includes('Dame Harriet Okonjo-Vance'));
  assert.equal(doc.entities.filter((x) => x.type === 'PERSON').length, 1);
});

test('two people sharing a surname stay apart; a bare surname goes to the latest', () => {
  const doc = run(
    'John Marsh, the club treasurer, resigned in January. His sister Clara Marsh took over the accounts. ' +
      'Marsh said the books were in good order.',
  );
  const john = must(doc, 'John Marsh');
  const clara = must(doc, 'Clara Marsh');
  assert.notEqual(john.id, clara.id);
  const bare = doc.text.lastIndexOf('Marsh said');
  assert.equal(doc.entityAt(bare, bare + 5)?.id, clara.id);
  assert.deepEqual(john.roles, ['club treasurer']);
});

test('Arabic name particles and apostrophe possessives', () => {
  const doc = run(
    'Militants loyal to Abu Omar al-Tikriti attacked a checkpoint near Mosul. ' +
      'Al-Tikriti’s deputy, Khalid bin Rashed, was arrested two days later. ' +
      'Officials said al-Tikriti had fled across the border.',
  );
  const e = must(doc, 'Abu Omar al-Tikriti');
  assert.equal(e.type, 'PERSON');
  assert.equal(e.mentions.length, 3);
  assert.ok(e.aliases.some((a) => fold(a) === 'al-tikriti'));
  const k = must(doc, 'Khalid bin Rashed');
  assert.equal(k.type, 'PERSON');
  assert.equal(must(doc, 'Mosul').type, 'GPE');
  assert.ok(!doc.entities.some((x) => /’s$|'s$/.test(x.name)));
});

test('roles: title before the name, appositives, nominalisation, and a later description', () => {
  const doc = run(
    'Norwegian Trade Minister Ingrid Solberg met the mayor in Bergen on Monday. ' +
      "The talks were arranged by the Prime Minister's chief of staff, Tomas Lind. " +
      'Peter Aas, chief executive of Nordfisk Group, joined them later. ' +
      'Critics said the premiership of Erik Moen had neglected the coast. ' +
      'Rolf Berg spoke first. Later the Home Secretary said the coast guard needed money.',
  );
  assert.deepEqual(must(doc, 'Ingrid Solberg').roles, ['Trade Minister']);
  assert.ok(must(doc, 'Tomas Lind').roles.some((r) => /chief of staff/i.test(r)));
  assert.deepEqual(must(doc, 'Peter Aas').roles, ['chief executive']);
  assert.deepEqual(must(doc, 'Erik Moen').roles, ['prime minister']);
  const berg = must(doc, 'Rolf Berg');
  assert.deepEqual(berg.roles, ['Home Secretary']);
  assert.ok(berg.aliases.includes('the Home Secretary'));
  assert.equal(must(doc, 'Nordfisk Group').type, 'ORG');
  assert.equal(must(doc, 'Norway').type, 'GPE');
  assert.ok(must(doc, 'Norway').aliases.includes('Norwegian'));
  // helpers for the quote stage
  const d = doc.text.indexOf('the Home Secretary');
  assert.equal(resolveDescription(doc, d, d + 'the Home Secretary'.length)?.id, berg.id);
});

test('demonyms link to their country; group nouns are NORP', () => {
  const doc = run(
    'Kenyan police said two Kenyans were detained at the border with Somalia. ' +
      'Kenya has deployed troops since 2011. ' +
      'Elders from the Maasai community met Somali traders, and Christian and Muslim leaders called for calm. ' +
      'Islamists have threatened the region before, and an Islamist cell was broken up last year.',
  );
  const kenya = must(doc, 'Kenya');
  assert.equal(kenya.type, 'GPE');
  assert.ok(kenya.aliases.includes('Kenyan'));
  assert.ok(kenya.aliases.includes('Kenyans'));
  assert.ok(must(doc, 'Somalia').aliases.includes('Somali'));
  for (const g of ['Christian', 'Muslim']) assert.equal(must(doc, g).type, 'NORP');
  const islamists = must(doc, 'Islamists');
  assert.equal(islamists.type, 'NORP');
  assert.deepEqual(
    [islamists.name, ...islamists.aliases].sort(),
    ['Islamist', 'Islamists'],
    'singular and plural merge',
  );
});

test('acronyms and alternate country names merge; "The" publications keep one entity', () => {
  const doc = run(
    'The United Nations said aid convoys were blocked. A UN spokesman said Britain would fund more trucks. ' +
      'The UK has given £20m so far, as The Evening Courier reported. ' +
      'Officials told the Evening Courier that more was coming.',
  );
  const un = must(doc, 'United Nations');
  assert.equal(un.type, 'ORG');
  assert.ok(un.aliases.includes('UN'));
  const uk = must(doc, 'United Kingdom');
  assert.ok(uk.aliases.includes('Britain') && uk.aliases.includes('UK'));
  const courier = doc.entities.filter((e) => /Evening Courier/.test(e.name));
  assert.equal(courier.length, 1);
  assert.equal(courier[0].mentions.length, 2);
});

test('sentence-initial ordinary words and dates are not entities', () => {
  const doc = run(
    'Those who stayed behind were evacuated. But nobody was hurt. Writing on Friday, the council said roads would reopen. ' +
      'Fresh flooding is expected. Yesterday the river rose again. Pictured: volunteers in Carlisle on March 3.',
  );
  const names = doc.entities.map((e) => e.name);
  for (const bad of ['Those', 'But', 'Writing', 'Fresh', 'Yesterday', 'Pictured', 'Friday', 'March']) {
    assert.ok(!names.includes(bad), `${bad} in ${JSON.stringify(names)}`);
  }
  assert.equal(must(doc, 'Carlisle').type, 'GPE');
});

test('the question word "Who" is no organisation; the WHO, written as it writes its name, is', () => {
  const doc = run(
    'The debate left one question open. Who can voters trust on health? ' +
      'The WHO said on Monday that cholera cases had doubled in the region.',
  );
  const names = doc.entities.map((e) => e.name);
  assert.ok(!names.includes('Who'), JSON.stringify(names));
  assert.equal(find(doc, 'WHO')?.type, 'ORG', JSON.stringify(names));
});

test('an all-capitals headline keeps only names the body knows', () => {
  const doc = run(
    'PELLMAN QUITS AS FINANCE CHIEF OVER BUDGET ROW\n\nRosa Pellman resigned as Finance Minister of Chile on Sunday. ' +
      'Ms Pellman said she had lost the confidence of colleagues.',
  );
  const p = must(doc, 'Rosa Pellman');
  assert.equal(p.name, 'Rosa Pellman');
  assert.ok(p.mentions.length >= 3, JSON.stringify(p.mentions));
  const names = doc.entities.map((e) => e.name.toUpperCase());
  for (const bad of ['QUITS', 'BUDGET ROW', 'FINANCE CHIEF']) assert.ok(!names.includes(bad), bad);
});

test('pronouns resolve to the latest compatible person', () => {
  const doc = run('Maria Lopez met Mr Daniel Ortega in Lima. He said the deal was close. She disagreed.');
  const he = doc.text.indexOf('He said');
  assert.equal(resolvePronoun(doc, he, 'He')?.name, 'Daniel Ortega');
  const she = doc.text.indexOf('She disagreed');
  assert.equal(resolvePronoun(doc, she, 'She')?.name, 'Maria Lopez');
});

test('ids are stable and ordered by first mention', () => {
  const text = 'Oslo hosted the talks. Ingrid Solberg attended. Solberg left early for Bergen.';
  const a = run(text).entities;
  const b = run(text).entities;
  assert.deepEqual(a, b);
  assert.deepEqual(
    a.map((e) => e.id),
    a.map((_, i) => `e${i + 1}`),
  );
  const firsts = a.map((e) => e.mentions[0].start);
  assert.deepEqual(
    firsts,
    [...firsts].sort((x, y) => x - y),
  );
  for (const e of a) for (const m of e.mentions) assert.equal(m.text, text.slice(m.start, m.end));
});

test('seed article: every gold entity found, merged, typed, with aliases and roles', (t) => {
  const goldPath = path.join(shared, 'seed/gold.json');
  if (!existsSync(goldPath)) {
    t.skip('../shared is absent');
    return;
  }
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const text = readFileSync(path.join(shared, 'seed', gold.article), 'utf8');
  const doc = pipeline.process({ id: gold.article, source: { published: gold.published }, text });
  const sameType = (a: string, b: string) => a === b || (['GPE', 'LOC'].includes(a) && ['GPE', 'LOC'].includes(b));
  for (const g of gold.entities as {
    name: string;
    type: string;
    aliases: string[];
    roles?: string[];
    must_merge?: string[];
  }[]) {
    const e = must(doc, g.name);
    assert.ok(sameType(e.type, g.type), `${g.name}: ${e.type} ≠ ${g.type}`);
    const names = new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].map(fold));
    for (const m of g.must_merge ?? []) assert.ok(names.has(fold(m)), `${g.name}: "${m}" not merged`);
    for (const r of g.roles ?? [])
      assert.ok(
        e.roles.some((x) => fold(x) === fold(r)),
        `${g.name}: role ${r} missing in ${JSON.stringify(e.roles)}`,
      );
    const dupes = doc.entities.filter(
      (x) => x !== e && (fold(x.name) === fold(g.name) || g.aliases.some((a) => fold(a) === fold(x.name))),
    );
    assert.deepEqual(
      dupes.map((x) => x.name),
      [],
      `${g.name} split into several entities`,
    );
  }
  for (const bad of gold.not_entities as string[]) {
    assert.ok(!doc.entities.some((e) => fold(e.name) === fold(bad)), `not an entity: ${bad}`);
  }
});

// ------------------------------------------------------------------------------------------------
// the default pipeline (trained model + nlp/ner/refine.ts evidence), on articles written for these tests

const modelPipeline = new Pipeline();
const haveModel = existsSync(path.join(repoRoot, 'data/models/ner/model.bin'));
const skipModel = haveModel ? false : 'no trained model at data/models/ner/model.bin';

function runModel(text: string, publisher?: string): Doc {
  return modelPipeline.process({ id: 't', source: { published: '2026-03-02', publisher }, text });
}

const typedNames = (d: Doc) => d.entities.map((e) => `${e.type}:${e.name}`);

test("listed armed groups and the article's own publisher are organisations", { skip: skipModel }, () => {
  const d = runModel(
    'Fighters once loyal to Al Qaeda attacked a checkpoint outside Hama on Friday, as the Northern Lantern revealed today. ' +
      'A later statement blamed al-Shabaab for a separate attack.',
    'The Northern Lantern',
  );
  const t = typedNames(d);
  assert.equal(must(d, 'Al Qaeda').type, 'ORG', t.join(', '));
  assert.equal(must(d, 'Northern Lantern').type, 'ORG', t.join(', '));
  assert.equal(must(d, 'al-Shabaab').type, 'ORG', t.join(', '));
});

test('"Southern X" is a region; "X province" and "the city of X" are places', { skip: skipModel }, () => {
  const d = runModel(
    'Government troops withdrew from the Qarnawi province of Southern Lebanon on Monday, while South Sudan stayed calm. ' +
      'Aid convoys later reached the city of Tel Marran.',
  );
  const t = typedNames(d);
  assert.equal(must(d, 'Southern Lebanon').type, 'LOC', t.join(', '));
  assert.equal(must(d, 'South Sudan').type, 'GPE', t.join(', '));
  assert.equal(must(d, 'Qarnawi').type, 'GPE', t.join(', '));
  assert.ok(must(d, 'Qarnawi').aliases.includes('Qarnawi province'));
  assert.equal(must(d, 'Tel Marran').type, 'GPE', t.join(', '));
});

test('military ranks are titles, not names; role titles are not entities', { skip: skipModel }, () => {
  const d = runModel(
    'In a statement, army spokesman Brigadier Yusuf Tamimi denied the report. Lieutenant General Rana Haddad, ' +
      'the National Security Adviser, said the border was quiet.',
  );
  const t = typedNames(d);
  const y = must(d, 'Yusuf Tamimi');
  assert.equal(y.type, 'PERSON');
  assert.equal(y.name, 'Yusuf Tamimi');
  assert.ok(
    y.roles.some((r) => /spokesman/.test(r)),
    JSON.stringify(y.roles),
  );
  assert.ok(y.roles.includes('Brigadier'), JSON.stringify(y.roles));
  assert.equal(must(d, 'Rana Haddad').name, 'Rana Haddad', t.join(', '));
  assert.ok(!d.entities.some((e) => e.name === 'National Security Adviser'), t.join(', '));
});

test('company suffixes make organisations, and the short name merges with the full one', { skip: skipModel }, () => {
  const d = runModel(
    'Quillon agrees takeover of rival Marrow\n\n' +
      'Quillon Logistics has agreed to buy its smaller rival Marrow Freight for £1.2 billion. ' +
      'Quillon chief executive Dana Price said the deal would cut costs. Shares in Marrow rose 12 per cent, ' +
      'while Quillon fell. Rail freight from Harwich to Leeds will double.',
  );
  const t = typedNames(d);
  const q = must(d, 'Quillon Logistics');
  assert.equal(q.type, 'ORG', t.join(', '));
  assert.equal(q.mentions.length, 4, q.mentions.map((m) => m.text).join('; '));
  const m = must(d, 'Marrow Freight');
  assert.equal(m.type, 'ORG', t.join(', '));
  assert.ok(
    m.mentions.some((x) => x.text === 'Marrow'),
    'Marrow merges with Marrow Freight',
  );
  assert.equal(must(d, 'Dana Price').type, 'PERSON');
  assert.ok(['GPE', 'LOC'].includes(must(d, 'Leeds').type), t.join(', '));
});

test('"the organisation he founded" types the name it describes', { skip: skipModel }, () => {
  const d = runModel(
    'The talks were brokered by Malcolm Verity, using his contacts and the organisation he founded. ' +
      'Open Harbour is now so trusted that it runs an office inside the ministry. ' +
      'Rival mediators, including Talbot Reach, the consultancy she set up, were shut out.',
  );
  const t = typedNames(d);
  assert.equal(must(d, 'Open Harbour').type, 'ORG', t.join(', '));
  assert.equal(must(d, 'Talbot Reach').type, 'ORG', t.join(', '));
  assert.equal(must(d, 'Malcolm Verity').type, 'PERSON', t.join(', '));
});

test('a closing bracket that closes one inside the name stays with it', () => {
  const d = new Pipeline({
    recognizer: {
      name: 'ner',
      reads: ['tokens'],
      adds: ['tokenTags'],
      run: (doc) => {
        doc.tokenTags = doc.tokens.map((t, i) => (i === 0 ? 'B-ORG' : i < 4 ? 'I-ORG' : 'O'));
      },
    },
  }).process({ id: 't', source: {}, text: 'Mladost ( L ) won 2-0 at home.' });
  assert.ok(
    d.entities.some((e) => e.mentions.some((m) => m.text === 'Mladost ( L )')),
    d.entities.map((e) => e.mentions.map((m) => m.text).join('|')).join(', '),
  );
});

// ---------------------------------------------------------------------------------------------
// Fast paths of the entity stage against their reference forms (written out here).

/**
 * The organisation among `works` with a mention whose company stem is `text` (the one such, else
 * undefined): the all-pairs search that `StemIndex.companyByStem` replaces.
 */
function companyByStem(works: Work[], text: string): Work | undefined {
  const key = foldKey(text);
  const found = works.filter((x) => x.type === 'ORG' && x.mentions.some((y) => companyStem(y.text) === key));
  return found.length === 1 ? found[0] : undefined;
}

test('the pipeline gives entities and mentions one shape, and the same JSON as before', () => {
  const text = [
    'Velorian Foreign Minister Ana Petrov said on Monday that the United Nations Relief Agency (UNRA) would open offices in Tamsk.',
    '"We will not wait," Petrov told reporters in Tamsk, the capital of Veloria.',
    'Officials familiar with the talks said the minister had met Tomas Reyes, the chief executive of Harbourline Logistics.',
    'Harbourline said the company would hire 200 people. The UNRA declined to comment, aides said.',
  ].join('\n\n');
  const doc = new Pipeline().process({
    id: 'shape',
    source: { published: '2024-05-06', publisher: 'The Daily Example' },
    text,
  });
  const entityKeys = new Set(doc.entities.map((e) => Object.keys(e).join(',')));
  assert.deepEqual([...entityKeys], ['id,name,type,mentions,roles,aliases,geo']);
  const mentionKeys = new Set(doc.entities.flatMap((e) => e.mentions.map((m) => Object.keys(m).join(','))));
  assert.deepEqual([...mentionKeys], ['start,end,text,type']);
  const json = JSON.parse(JSON.stringify(doc.toJSON()));
  for (const e of json.entities) {
    assert.ok(!('geo' in e) || e.geo, 'no empty geo in the JSON');
    for (const m of e.mentions) assert.ok(!('type' in m) || m.type, 'no empty mention type in the JSON');
  }
  const petrov = doc.entities.find((e) => e.name === 'Ana Petrov');
  assert.ok(petrov, 'the person is found');
  assert.ok(
    doc.quotes.some((q) => q.speaker === petrov!.id),
    'the quotation is hers',
  );
  assert.ok(
    doc.relations.some(
      (r) => r.subject === petrov!.id && r.predicate === 'role' && /Foreign Minister/.test(r.objectText ?? ''),
    ),
    'her title before her name is read',
  );
  assert.ok(
    doc.claims.some((c) => c.source.kind !== undefined && /familiar/.test(c.source.text ?? '')),
    'the anonymous source is found',
  );
});

test('company stems: the stem index merges short names as the all-pairs search did', () => {
  const mention = (text: string, type: EntityType, start: number): RawMention => ({
    start,
    end: start + text.length,
    text,
    type,
    honorific: undefined,
    rank: undefined,
    honorificStart: undefined,
    country: undefined,
    demonym: undefined,
    entity: undefined,
  });
  const work = (type: EntityType, ...texts: string[]): Work => ({
    type,
    mentions: texts.map((t, i) => mention(t, type, i * 10)),
    roles: [],
    aliases: [],
    country: undefined,
    gender: undefined,
    key: texts[0].toLowerCase(),
  });
  const build = (): Work[] => [
    work('ORG', 'Harbourline'),
    work('ORG', 'Harbourline Logistics', 'HARBOURLINE LOGISTICS'),
    work('ORG', 'Castell Freight'),
    work('ORG', 'Castell Shipping Group'),
    work('ORG', 'Castell'),
    work('GPE', 'Dorran Holdings'),
    work('ORG', 'Dorran'),
    work('ORG', 'Velk Energy Holdings'),
    work('ORG', 'Velk Energy'),
    work('ORG', 'Velk'),
    work('ORG', 'Mira', 'Mira Bank'),
    work('ORG', 'Mira Bank Group'),
  ];
  const summary = (ws: Work[]) => ws.map((w) => w.mentions.map((m) => m.text).join('|'));
  const ref = build();
  for (const w of ref) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = companyByStem(
      ref.filter((x) => x !== w && x.mentions.length > 0),
      w.mentions[0].text,
    );
    if (target && w.mentions.every((m) => m.text.toLowerCase() === w.mentions[0].text.toLowerCase())) {
      target.mentions.push(...w.mentions);
      w.mentions = [];
    }
  }
  const fast = build();
  const stems = new StemIndex(fast);
  for (const w of fast) {
    if (w.type !== 'ORG' || w.mentions.length === 0) continue;
    const target = stems.companyByStem(w, w.mentions[0].text);
    if (target && w.mentions.every((m) => m.text.toLowerCase() === w.mentions[0].text.toLowerCase())) {
      for (const m of w.mentions) {
        target.mentions.push(m);
        stems.note(target, m);
      }
      w.mentions = [];
    }
  }
  assert.deepEqual(summary(fast), summary(ref));
  // the short name joins its full name; a stem two companies share stays apart; a place is no company
  assert.deepEqual(summary(ref).slice(0, 7), [
    '',
    'Harbourline Logistics|HARBOURLINE LOGISTICS|Harbourline',
    'Castell Freight',
    'Castell Shipping Group',
    'Castell',
    'Dorran Holdings',
    'Dorran',
  ]);
});

test('tidy: ASCII letters or digits at both edges mean nothing to trim; the letter scan agrees with \\p{L}', () => {
  const lead = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+/u;
  const edge = /^[\s"“”‘’'()[\]{},.;:!?\u2013\u2014-]+|[\s"“”‘’'()[\]{},;:!?\u2013\u2014-]+$/gu;
  const letter = /\p{L}/u;
  let edgesSeen = 0;
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    for (const t of [`${ch}`, `A${ch}`, `${ch}9`, `7 ${ch} b`, `${ch}ab`, `--${ch}`]) {
      assert.equal(hasLetter(t), letter.test(t), `U+${c.toString(16)} in ${JSON.stringify(t)}`);
      if (asciiAlnumEdges(t)) {
        edgesSeen++;
        assert.equal(lead.test(t), false, t);
        assert.equal(t.replace(edge, ''), t, t);
      }
    }
  }
  assert.ok(edgesSeen > 0x10000);
  for (const t of ['', 'Starmer.', '"Acme', 'Acme Corp', '(L)', 'Lammy’s'])
    assert.equal(asciiAlnumEdges(t), t.length > 0 && /^[A-Za-z0-9]/.test(t) && /[A-Za-z0-9]$/.test(t), t);
});
