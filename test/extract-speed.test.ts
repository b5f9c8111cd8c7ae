// The extraction stages' fast paths (round 2) give what the plain code gave: shapes, memos,
// prefilters before costly patterns, and the skeleton index read from the gazetteer's lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from '../src/model/doc.ts';
import { Pipeline } from '../src/pipeline.ts';
import { Gazetteer } from '../src/extract/geo/gazetteer.ts';
import { skeletonKey } from '../src/extract/geo/normalize.ts';
import { toGeo } from '../src/extract/geo/resolve.ts';
import { findReportingVerbs } from '../src/extract/attribution.ts';
import { tokenize } from '../src/extract/events/tokens.ts';
import { findCounts } from '../src/extract/events/args.ts';

// A made-up gazetteer: kind, name, -, country, region, population, lat, lon, id, feature, abbreviations, demonyms, keys.
const TSV = [
  'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian|Velorians\tveloria',
  'A\tNorth Tamsk\t\tVL\tVL.01\t300000\t11\t21\t2\tADM1\t\t\tnorth tamsk',
  'P\tAs-Suwaydan\t\tVL\tVL.01\t50000\t11.5\t21.5\t3\tPPLA\t\t\tas-suwaydan|suwaydan',
  'P\tSuwaidan\t\tVL\tVL.01\t4000\t11.6\t21.6\t\tPPL\t\t\tsuwaidan',
  'P\tŞuwaydān Bay\t\tVL\t\t2000\t11.7\t21.7\t5\tPPL\t\t\tsuwaydan bay',
  'P\tOther Town\t\tQX\t\t8000\t1\t2\t6\tPPL\t\t\tother town',
].join('\n');

test('skeleton look-ups read the lines of the asked countries only, in file order', () => {
  const gaz = new Gazetteer(TSV);
  const hits = gaz.lookupSkeleton('Sweidan', ['VL']);
  assert.deepEqual(hits.map((p) => p.name), ['As-Suwaydan', 'Suwaidan']);
  assert.equal(hits[0].geonameId, 3);
  assert.equal(hits[1].geonameId, undefined, 'a line without an id gives no id');
  assert.deepEqual(gaz.lookupSkeleton('Sweidan', ['QX']), []);
  assert.deepEqual(gaz.lookupSkeleton('Other Town', ['QX', 'VL']).map((p) => p.cc), ['QX']);
  // asked twice: the same places (made once)
  assert.equal(gaz.lookupSkeleton('Sweidan', ['VL'])[0], hits[0]);
});

test('skeleton keys: the ASCII path agrees with the accent-folding one', () => {
  assert.equal(skeletonKey('Suwaydan'), skeletonKey('Şuwaydān'));
  assert.equal(skeletonKey('As-Suwayda'), skeletonKey('Sweida'));
  assert.equal(skeletonKey('  Al-Hasakah '), skeletonKey('Hasakah'));
  assert.notEqual(skeletonKey('Tamsk'), skeletonKey('Tomsky Bay'));
});

test('a geo object always has the same fields; JSON leaves out the empty ones', () => {
  const gaz = new Gazetteer(TSV);
  const town = gaz.lookup('Suwaidan')[0];
  const g = toGeo(gaz, town);
  assert.deepEqual(Object.keys(g), ['lat', 'lon', 'country', 'geonameId', 'admin1']);
  assert.equal(JSON.stringify(g), '{"lat":11.6,"lon":21.6,"country":"VL","admin1":"North Tamsk"}');
  const bay = toGeo(gaz, gaz.lookup('Suwaydan Bay')[0]);
  assert.equal(JSON.stringify(bay), '{"lat":11.7,"lon":21.7,"country":"VL","geonameId":5}');
});

test('reporting verbs: found from the per-text list of verb forms, never from inherited object keys', () => {
  const text = 'The constructor said the toString plan was late. Officials believe the hasOwnProperty claim, aides added.';
  const said = findReportingVerbs(text, 0, text.indexOf('.'));
  assert.deepEqual(said.map((v) => [v.text, v.lemma]), [['said', 'say']]);
  const claims = findReportingVerbs(text, 0, text.length, true);
  assert.deepEqual(claims.map((v) => v.text), ['said', 'believe', 'claim', 'added']);
  assert.ok(claims.every((v) => typeof v.lemma === 'string'));
  // a range that ends inside a word stops before it; one that starts inside a word scans from there
  assert.deepEqual(findReportingVerbs(text, 0, text.indexOf('said') + 2).map((v) => v.text), []);
  assert.deepEqual(findReportingVerbs(text, text.indexOf('said') + 1, text.length).map((v) => v.text), ['claim', 'added']);
});

test('tokens: possessives split off only where a word ends in an apostrophe and s', () => {
  const toks = tokenize("Velora's mayor met the Tamsk’s envoy; its bosses' says", 0, 54);
  assert.deepEqual(toks.map((t) => t.text), ['Velora', "'s", 'mayor', 'met', 'the', 'Tamsk', '’s', 'envoy', ';', 'its', 'bosses', "'", 'says']);
  assert.equal(toks[6].lower, "'s");
});

test('counts: asked again for the same sentence, the same answer', () => {
  const s = 'Gunmen killed nine villagers and wounded 14 others near Dorvan on Sunday.';
  const a = findCounts(s);
  assert.deepEqual(a, { dead: 9, injured: 14 });
  assert.deepEqual(findCounts('Protesters marched peacefully through Dorvan.'), {});
  assert.deepEqual(findCounts(s), { dead: 9, injured: 14 });
});

test('the pipeline gives entities and mentions one shape, and the same JSON as before', () => {
  const text = [
    'Velorian Foreign Minister Ana Petrov said on Monday that the United Nations Relief Agency (UNRA) would open offices in Tamsk.',
    '"We will not wait," Petrov told reporters in Tamsk, the capital of Veloria.',
    'Officials familiar with the talks said the minister had met Tomas Reyes, the chief executive of Harbourline Logistics.',
    'Harbourline said the company would hire 200 people. The UNRA declined to comment, aides said.',
  ].join('\n\n');
  const doc = new Pipeline().process({ id: 'shape', source: { published: '2024-05-06', publisher: 'The Daily Example' }, text });
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
  assert.ok(doc.quotes.some((q) => q.speaker === petrov!.id), 'the quotation is hers');
  assert.ok(doc.relations.some((r) => r.subject === petrov!.id && r.predicate === 'role' && /Foreign Minister/.test(r.objectText ?? '')), 'her title before her name is read');
  assert.ok(doc.claims.some((c) => c.source.kind !== undefined && /familiar/.test(c.source.text ?? '')), 'the anonymous source is found');
});

test('descriptions resolve with the memoised comparison ("the minister" → the minister named before)', () => {
  const text = 'Defence Minister Lena Varga visited the border on Tuesday. The minister said the army would stay.';
  const doc = new Pipeline().process({ id: 'desc', source: { published: '2024-05-07' }, text });
  const varga = doc.entities.find((e) => /Varga/.test(e.name));
  assert.ok(varga);
  const claim = doc.claims.find((c) => /army would stay/.test(c.text));
  assert.ok(claim, 'the claim is found');
  assert.equal(claim!.source.entity, varga!.id);
  const empty = new Doc({ id: 'e', source: {}, text: '' });
  assert.deepEqual(empty.entities, []);
});
