import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { extractEvents as extractFromLayers } from '../src/extract/events/index.ts';
import { TypeModel } from '../src/extract/events/type-model.ts';
import { extractRelations } from '../src/extract/relations.ts';
import { findCounts, numberValue } from '../src/extract/events/counts.ts';
import { matchTriggers, lexicon, parseLexicon } from '../src/extract/events/lexicon.ts';
import { sentenceToks, type Tok } from '../src/extract/events/tokens.ts';
import { mentionsIn, overlapsMention, type EventIndex, type MentionRef } from '../src/extract/events/resolve.ts';
import { SpanIndex } from '../src/extract/events/spans.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import type { Entity, Event } from '../src/model/analysis.ts';
import { IDIOMS, isIdiom } from '../src/extract/events/idioms.ts';
import { eventsToCsv, analysisToGeoJson, csvField } from '../src/export/events.ts';
import { docWith, idOf } from './helpers/docs.ts';

/** A Doc with the layers the pipeline gives every stage before the events (sentences, tokens). */
function layered(doc: Doc): Doc {
  sentenceStage.run(doc);
  tokenStage.run(doc);
  return doc;
}

/**
 * The lexicon alone as the event-type model: zero weights (every class equally likely) and
 * thresholds that keep every lexicon cue with the lexicon's type. The tests
 * below check what the stage does with a cue (arguments, intent, places, dates) apart from which
 * cues the learned model keeps; `test/event-types.test.ts` checks the model.
 */
const LEXICON_ONLY = new TypeModel({
  bits: 4,
  trainedOn: 'nothing: the lexicon alone',
  threshold: 0,
  sureThreshold: 0,
  retypeThreshold: 2,
  epochs: 0,
});

/** The events of a Doc, its sentence and token layers filled first, its cues read by the lexicon alone. */
function extractEvents(doc: Doc): Event[] {
  return extractFromLayers(layered(doc), LEXICON_ONLY);
}

/** The event tokens of `text` lying in `[from, to)`: the Doc's token layer, read as the events stage reads it. */
function tokensOf(text: string, from = 0, to = text.length): Tok[] {
  const doc = layered(new Doc({ id: 't', source: {}, text }));
  return doc.sentences.flatMap((_, si) => sentenceToks(doc, si)).filter((t) => t.start >= from && t.end <= to);
}

/** `mentionsIn` reading every mention: the reference form it is tested against. */
function mentionsInReference(idx: MentionRef[], start: number, end: number): MentionRef[] {
  return idx.filter((m) => m.start < end && m.end > start);
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

function eventsOf(text: string) {
  return extractEvents(new Doc({ id: 't', source: {}, text }));
}
const types = (text: string): string[] => eventsOf(text).map((e) => e.type);

test('lexicon loads and every type is coded', () => {
  const t = new Set(lexicon().map((e) => e.type));
  for (const k of [
    'AGREE',
    'CONSULT',
    'SUPPORT',
    'CONCEDE',
    'COOPERATE',
    'AID',
    'RETREAT',
    'REQUEST',
    'ACCUSE',
    'REJECT',
    'THREATEN',
    'PROTEST',
    'SANCTION',
    'MOBILIZE',
    'COERCE',
    'ASSAULT',
  ])
    assert.ok(t.has(k), `type ${k}`);
});

test('longest cue wins and quote marks do not break a cue', () => {
  const text = 'The navy mounted a daring ‘rescue’ operation near the port.';
  const m = matchTriggers(tokensOf(text, 0, text.length));
  assert.equal(m.length, 1);
  assert.equal(m[0].entry.type, 'ASSAULT');
});

test('one sentence per PLOVER type', () => {
  const cases: [string, string][] = [
    ['Estonia and Latvia agreed on Tuesday to share border patrol data.', 'AGREE'],
    ['The Chilean president met Peruvian trade envoys in Lima.', 'CONSULT'],
    ['Canada praised the conduct of the Malawian election.', 'SUPPORT'],
    ['The junta lifted the nightly curfew in the capital.', 'CONCEDE'],
    ['Danish and Swedish warships began joint exercises in the Baltic.', 'COOPERATE'],
    ['Norway gave Malawi 40 million dollars of aid for its schools.', 'AID'],
    ['Kenyan troops withdrew from the border town overnight.', 'RETREAT'],
    ['The union demanded that the ministry reopen the mines.', 'REQUEST'],
    ['Opposition leaders accused the electoral board of rigging the count.', 'ACCUSE'],
    ['The cabinet rejected a Bolivian proposal for a joint pipeline.', 'REJECT'],
    ['Ecuador threatened to close its embassy in Quito to foreign staff.', 'THREATEN'],
    ['Thousands of nurses demonstrated outside the parliament in Accra.', 'PROTEST'],
    ['Ghana expelled two Togolese diplomats on Friday.', 'SANCTION'],
    ['The army deployed armoured units along the northern frontier.', 'MOBILIZE'],
    ['Police arrested 14 student activists in the capital.', 'COERCE'],
    ['Gunmen attacked a bus near the market, killing five passengers.', 'ASSAULT'],
  ];
  for (const [s, t] of cases) assert.ok(types(s).includes(t), `${t}: ${s} → ${types(s).join(',')}`);
});

test('actor before the verb, target after it, passive swaps them', () => {
  const [e] = eventsOf('Ukrainian drones struck an oil depot in the port city.');
  assert.equal(e.type, 'ASSAULT');
  assert.equal(e.mode, 'drone');
  assert.match(e.actors[0].text, /Ukrainian drones/);
  const p = eventsOf('The convoy was attacked by masked gunmen on the coast road.').find((x) => x.type === 'ASSAULT')!;
  assert.match(p.actors[0].text, /masked gunmen/);
  assert.match(p.targets[0].text, /convoy/);
  const n = eventsOf('Albania lodged a formal complaint with Serbia.').find((x) => x.type === 'ACCUSE')!;
  assert.match(n.actors[0].text, /Albania/);
  assert.match(n.targets[0].text, /Serbia/);
});

test('descriptions resolve to their country entity, with sector', () => {
  const doc = docWith('Kenyan special forces raided a camp of the militants. Somali officials condemned the raid.', [
    { name: 'Kenya', type: 'GPE' },
    { name: 'Somalia', type: 'GPE' },
  ]);
  const evs = extractEvents(doc);
  const raid = evs.find((e) => e.type === 'ASSAULT')!;
  assert.equal(raid.actors[0].entity, idOf(doc, 'Kenya'));
  assert.equal(raid.actors[0].sector, 'military');
  const cond = evs.find((e) => e.type === 'ACCUSE')!;
  assert.equal(cond.actors[0].entity, idOf(doc, 'Somalia'));
  assert.equal(cond.actors[0].sector, 'government');
});

test('bare "government forces" stand for the state last named with its forces', () => {
  const doc = docWith('Malian troops entered the town on Monday.\nGovernment forces later withdrew from Gao.', [
    { name: 'Mali', type: 'GPE' },
    { name: 'Gao', type: 'GPE' },
  ]);
  const w = extractEvents(doc).find((e) => e.type === 'RETREAT')!;
  assert.equal(w.actors[0].entity, idOf(doc, 'Mali'));
  assert.equal(w.where, idOf(doc, 'Gao'));
});

test('where and when come from the clause; no date means no when', () => {
  const doc = docWith(
    'Rebels shelled Goma on Sunday. Rebels shelled the airport again.',
    [{ name: 'Goma', type: 'GPE' }],
    [{ text: 'on Sunday', value: '2024-03-10', kind: 'date' }],
  );
  const [a, b] = extractEvents(doc).filter((e) => e.type === 'ASSAULT');
  assert.equal(a.when, '2024-03-10');
  assert.equal(a.targets[0].entity, idOf(doc, 'Goma'));
  assert.equal(b.when, '2024-03-10'); // a later mention of the same shelling carries its date
  const lone = docWith('Rebels shelled the airport.', [], []);
  assert.equal(extractEvents(lone)[0].when, undefined);
});

test('counts: numbers in words, digits, vague quantities kept as text', () => {
  assert.deepEqual(findCounts('A car bomb killed twenty-three people and wounded 1,200 others.'), {
    dead: 23,
    injured: 1200,
  });
  assert.deepEqual(findCounts('The floods have left tens of thousands of people displaced.'), {
    displaced: 'tens of thousands',
  });
  assert.deepEqual(findCounts('Riot police arrested dozens of protesters.'), { arrested: 'dozens' });
  assert.equal(numberValue('five hundred'), 500);
  assert.equal(numberValue('at least 40'), 'at least 40');
  const [e] = eventsOf('Clashes between herders and farmers claimed hundreds of lives last year.');
  assert.equal(e.dead, 'hundreds');
  assert.match(e.actors[0].text, /herders/);
  assert.match(e.targets[0].text, /farmers/);
});

test('negation, future, hypothetical and intent coding', () => {
  const neg = eventsOf('Peru will not negotiate with the striking miners.');
  assert.ok(
    neg.some((e) => e.type === 'CONSULT' && e.negated),
    'negated consult',
  );
  assert.ok(
    neg.some((e) => e.type === 'REJECT'),
    'refusal coded REJECT',
  );
  const fut = eventsOf('Brazil will send food aid to Haiti next month.');
  assert.ok(
    fut.some((e) => e.type === 'AID' && e.future),
    'future aid',
  );
  assert.ok(
    fut.some((e) => e.type === 'AGREE'),
    'promise coded AGREE',
  );
  const hyp = eventsOf('If the talks fail, the army could launch a new offensive.');
  assert.ok(
    hyp.some((e) => e.type === 'ASSAULT' && e.hypothetical),
    'hypothetical offensive',
  );
  const thr = eventsOf('Chad said it will withdraw its troops unless the rebels disarm.');
  assert.ok(
    thr.some((e) => e.type === 'THREATEN'),
    'conditional withdrawal is a threat',
  );
  const past = eventsOf('The militia had withdrawn from the valley before the vote.');
  assert.ok(
    past.some((e) => e.type === 'RETREAT' && e.historical),
    'past perfect is historical',
  );
});

test('reported speech: "I" in a quotation is its speaker; the event points at the quote', () => {
  const text = 'The minister, Ana Ruiz, said: ‘I spoke to the Colombian envoy yesterday.’';
  const doc = docWith(text, [
    { name: 'Ana Ruiz', type: 'PERSON' },
    { name: 'Colombia', type: 'GPE', aliases: ['Colombian'] },
  ]);
  const qs = text.indexOf('‘');
  doc.quotes = [
    {
      text: text.slice(qs + 1, -1),
      start: qs + 1,
      end: text.length - 1,
      kind: 'direct',
      speaker: idOf(doc, 'Ana Ruiz'),
      speakerText: 'Ana Ruiz',
      cue: 'said',
    },
  ];
  const e = extractEvents(doc).find((x) => x.type === 'CONSULT')!;
  assert.equal(e.mode, 'phone');
  assert.equal(e.actors[0].entity, idOf(doc, 'Ana Ruiz'));
  assert.equal(e.quote, 0);
});

test('a later mention inherits the arguments of the first (same event, described then named)', () => {
  const text =
    'French commandos mounted a raid against a wanted smuggler in Niger last week.\nOfficials said the killing of Omar Tidjani, who was hit by a missile fired from a drone, ended a long hunt.';
  const doc = docWith(
    text,
    [
      { name: 'France', type: 'GPE', aliases: ['French'] },
      { name: 'Niger', type: 'GPE' },
      { name: 'Omar Tidjani', type: 'PERSON' },
    ],
    [{ text: 'last week', value: '2024-W09', kind: 'date' }],
  );
  const evs = extractEvents(doc).filter((e) => e.type === 'ASSAULT');
  const k = evs.find((e) => e.targets.some((t) => t.entity === idOf(doc, 'Omar Tidjani')))!;
  assert.ok(k, 'killing found');
  assert.equal(k.mode, 'drone');
  assert.equal(k.dead, 1);
  assert.equal(k.actors[0].entity, idOf(doc, 'France'));
  assert.equal(k.where, idOf(doc, 'Niger'));
  assert.equal(k.when, '2024-W09');
  assert.ok(text.slice(k.start, k.end).includes('missile'), 'evidence spans both mentions');
});

test('CSV and GeoJSON exports', () => {
  const doc = docWith(
    'Rebels shelled "Camp 4" near Goma on Saturday, killing three civilians.',
    [{ name: 'Goma', type: 'GPE', geo: { lat: -1.68, lon: 29.22, country: 'CD' } }],
    [{ text: 'Saturday', value: '2024-03-09', kind: 'date' }],
  );
  doc.events = extractEvents(doc);
  const a = doc.toJSON();
  const csv = eventsToCsv(a);
  const lines = csv.trim().split('\r\n');
  assert.equal(lines[0].split(',')[0], 'event_date');
  assert.ok(lines.length >= 2, 'one row per event');
  assert.match(lines[1], /Shelling\/artillery\/missile attack/);
  assert.match(lines[1], /"Rebels shelled ""Camp/);
  assert.match(lines[1], /,Goma,-1.68,29.22,3,/);
  assert.equal(csvField('a,b'), '"a,b"');
  const gj = analysisToGeoJson(a);
  assert.equal(gj.type, 'FeatureCollection');
  assert.ok(
    gj.features.some((f) => f.properties.kind === 'place' && f.geometry.coordinates[0] === 29.22),
    'place feature',
  );
  assert.ok(
    gj.features.some((f) => f.properties.kind === 'event'),
    'event feature',
  );
});

test('seed article: required gold events (full pipeline)', async (t) => {
  const goldPath = path.join(shared, 'seed/gold.json');
  if (!existsSync(goldPath)) {
    t.skip('../shared/seed not present');
    return;
  }
  const { Pipeline } = await import('../src/pipeline.ts');
  const gold = JSON.parse(readFileSync(goldPath, 'utf8'));
  const dir = path.join(shared, 'seed');
  const file = (await import('node:fs')).readdirSync(dir).find((f) => f.endsWith('.txt'))!;
  const doc = new Pipeline().process({
    text: readFileSync(path.join(dir, file), 'utf8'),
    source: { published: gold.published, publisher: gold.publisher },
  } as never);
  if (doc.entities.length === 0 || doc.times.length === 0) {
    t.skip('entity/time stages not yet producing output');
    return;
  }
  doc.relations = extractRelations(doc);
  doc.events = extractFromLayers(doc);
  const named = (id: string | null | undefined, name: string): boolean => {
    const e = doc.entityById(id);
    if (!e) return false;
    const n = name.toLowerCase();
    return e.name.toLowerCase() === n || e.aliases.some((x) => x.toLowerCase() === n);
  };
  const misses: string[] = [];
  for (const g of gold.events.filter((x: { optional?: boolean }) => !x.optional)) {
    const okTypes: string[] = g.accept_types ?? [g.type];
    const okModes: string[] | undefined = g.mode ? (g.accept_modes ?? [g.mode]) : undefined;
    const hit = doc.events.some((e) => {
      if (!okTypes.includes(e.type)) return false;
      if (okModes && !okModes.includes(e.mode ?? '')) return false;
      const sent = doc.sentences.find((s) => s.start <= e.start && e.start < s.end) ?? {
        start: 0,
        end: doc.text.length,
      };
      if (!doc.text.slice(sent.start, sent.end).includes(g.evidence)) return false;
      const parties = [...e.actors, ...e.targets];
      if (g.actor && !(g.accept_swapped ? parties : e.actors).some((a) => named(a.entity, g.actor))) return false;
      if (g.target && !(g.accept_swapped ? parties : e.targets).some((a) => named(a.entity, g.target))) return false;
      if (g.where && !named(e.where, g.where)) return false;
      if (g.when && e.when !== g.when) return false;
      return true;
    });
    if (!hit) misses.push(`${g.type} "${g.evidence}"`);
  }
  // The learned event-type model finds 6 of the 9 required events (eval:seed lists the misses:
  // mostly events in sentences that hold a likelier one); a change that loses more fails here.
  assert.ok(misses.length <= 3, `missed: ${misses.join('; ')}`);
  assert.ok(doc.events.length <= 12, `${doc.events.length} events for 10 gold ones`);
});

// ---------------------------------------------------------------- precision rules (issue 5)
test('idioms: a conflict word used as a figure of speech is no event', () => {
  assert.deepEqual(types('After the vote the mayor chose to strike a more conciliatory tone with the unions.'), []);
  assert.deepEqual(types('Copper prices hit a record high in Santiago on Tuesday.'), []);
  assert.deepEqual(types('The campaign launched a charm offensive in the suburbs.'), []);
  // the literal sense still counts
  assert.ok(types('Rebels attacked a convoy near Bunia, killing three drivers.').includes('ASSAULT'));
});

test('a bare event noun with no party, place or count is only a reference', () => {
  assert.deepEqual(types('A lasting truce is essential, the envoy added.'), []);
  assert.deepEqual(types('Nobody underestimates the threats.'), []);
  // a verb reports an act even without parties, and a noun anchored to a place stays
  assert.ok(types('Police arrested 14 student activists in the capital.').includes('COERCE'));
});

test('photo captions never make events of their own', () => {
  const body = 'Militiamen attacked the village of Kiwanja, killing six farmers.';
  const caption = 'Pictured: militiamen attacked the village of Kiwanja, killing six farmers.';
  const doc = docWith(`${body}\n${caption}`, [{ name: 'Kiwanja', type: 'GPE' }]);
  doc.blocks[1].kind = 'caption';
  const evs = extractEvents(doc);
  assert.ok(evs.length >= 1);
  assert.ok(
    evs.every((e) => e.start < doc.blocks[1].start),
    'no event from the caption',
  );
});

test('a time expression or a geographic feature is never an actor or target', () => {
  const text = 'Gunmen attacked on Friday near the Virunga hills, and the raiders attacked the Virunga hills.';
  const doc = docWith(text, [], [{ text: 'Friday', value: '2024-03-08', kind: 'date' }]);
  const evs = extractEvents(doc).filter((e) => e.type === 'ASSAULT');
  assert.equal(evs.length, 2);
  assert.equal(evs[0].actors[0]?.text, 'Gunmen');
  for (const p of evs.flatMap((e) => [...e.actors, ...e.targets])) {
    assert.ok(!/Friday|hills/.test(p.text), `party ${p.text}`);
  }
});

test('adverbs and event nouns are not parties; a promise needs someone who promises', () => {
  const text = 'The governor urged the striking miners to ‘fully commit’ to ending hostilities.';
  const evs = eventsOf(text);
  assert.deepEqual(
    evs.map((e) => e.type),
    ['REQUEST'],
  );
  const ev2 = eventsOf('Negotiators said they were not yet ready to sign anything.');
  for (const e of ev2)
    for (const p of [...e.actors, ...e.targets]) assert.ok(!/^(yet|sign anything|anything)$/.test(p.text), p.text);
});

test('a request keeps its content when the content names its own parties', () => {
  const evs = eventsOf('The Andean Council urged Peru to support the Bolivian candidate for the secretariat.');
  assert.ok(evs.some((e) => e.type === 'REQUEST'));
  assert.ok(evs.some((e) => e.type === 'SUPPORT'));
});

test('a date outside a relative clause does not date the event inside it', () => {
  const text = 'Mourners gathered in Goma on Sunday for the two nurses who were shot at a roadblock.';
  const doc = docWith(text, [{ name: 'Goma', type: 'GPE' }], [{ text: 'Sunday', value: '2024-03-10', kind: 'date' }]);
  const shot = extractEvents(doc).find((e) => e.type === 'ASSAULT');
  assert.ok(shot);
  assert.equal(shot.when, undefined);
});

test('headline: a reduced passive after a noun and a headline verb after a name', () => {
  const text = 'Bunia mourns teachers killed in market bombing\nThe teachers were killed on Monday.';
  const doc = docWith(text, [{ name: 'Bunia', type: 'GPE' }]);
  doc.blocks[0].kind = 'title';
  const ev = extractEvents(doc).find((e) => e.type === 'ASSAULT' && e.start < doc.blocks[0].end);
  assert.ok(ev);
  assert.ok(!ev.actors.some((a) => /Bunia/.test(a.text)), `actor ${ev.actors.map((a) => a.text)}`);
  assert.ok(
    ev.targets.some((a) => /teachers/.test(a.text)),
    `targets ${ev.targets.map((a) => a.text)}`,
  );
});

test('an actor is never its own target', () => {
  const doc = docWith('Mayor Lena Ostrova warned she would resign over the bridge tolls.', [
    { name: 'Lena Ostrova', type: 'PERSON', aliases: ['she'] },
  ]);
  const events = extractEvents(doc);
  assert.ok(events.length > 0, 'the warning or the resignation is an event');
  const ostrova = idOf(doc, 'Lena Ostrova');
  for (const e of events) {
    if (e.actors.some((a) => a.entity === ostrova)) {
      assert.ok(!e.targets.some((t) => t.entity === ostrova), `${e.type}: Ostrova is both actor and target`);
    }
  }
});

/** `isIdiom` running every pattern: the reference form it is tested against. */
function isIdiomReference(text: string): boolean {
  return IDIOMS.some(({ re }) => re.test(text));
}

test('idioms: the needed-word check before each idiom pattern never hides a match, in any case or folding', () => {
  const texts = [
    'the mayor struck a conciliatory tone',
    'STRIKES A BALANCE',
    'a charm offensive abroad',
    'the price war deepened',
    'ran attack ads',
    'shares hit a record high',
    'came under fire',
    'fired up the crowd',
    'a shot at the title',
    'killed off the plan',
    'a battle for votes',
    'FIGHT AGAINST SURVIVAL',
    'ſtruck a different note',
    'striKe a pose', // long s, Kelvin sign
    'troops struck the base',
    'warplanes hit the depot',
    'rebels opened fire on the convoy',
    'they killed two guards',
    'the fight for the city',
    'Mr Shot said',
    'CHARM OFFENSIVE',
    'Trade Wars',
    'hitting new multi-year lows',
  ];
  let n = 0;
  for (const t of texts) {
    assert.equal(isIdiom(t), isIdiomReference(t), t);
    if (isIdiomReference(t)) n++;
  }
  assert.ok(n >= 14 && n < texts.length, `idioms: ${n}`);
});

test('counts: asked again for the same sentence, the same answer', () => {
  const s = 'Gunmen killed nine villagers and wounded 14 others near Dorvan on Sunday.';
  const a = findCounts(s);
  assert.deepEqual(a, { dead: 9, injured: 14 });
  assert.deepEqual(findCounts('Protesters marched peacefully through Dorvan.'), {});
  assert.deepEqual(findCounts(s), { dead: 9, injured: 14 });
});

test('trigger cues: the two-letter check before the prefix index keeps every prefix pattern, ASCII or not', () => {
  const entries = parseLexicon(
    ['negotiat*\tV\tCONSULT', 'évacu*\tV\tCOERCE', 'ab*\tN\tX', 'walk+ out\tV\tPROTEST'].join('\n'),
  );
  const toks = tokensOf(
    'They Negotiated, then ‘évacuèrent’ the abbey; NEGOTIATORS walked out. Ne negotia évac ÉVACUATION.',
    0,
    97,
  );
  const found = matchTriggers(toks, entries).map(
    (m) =>
      `${m.entry.type}:${toks
        .slice(m.from, m.to)
        .map((t) => t.text)
        .join(' ')}`,
  );
  assert.deepEqual(found, [
    'CONSULT:Negotiated',
    'COERCE:évacuèrent',
    'X:abbey',
    'CONSULT:NEGOTIATORS',
    'PROTEST:walked out',
    'COERCE:ÉVACUATION',
  ]);
});

test('counts: the keyword check before each count pattern never hides its match, in any case', () => {
  const cases: [string, Record<string, number | string>][] = [
    ['The shelling KILLED twelve civilians near the depot.', { dead: 12 }],
    ['At least 40 people were Slain in the raid, officials claimed.', { dead: 'At least 40' }],
    ['The death toll rose on Sunday to 85.', { dead: 85 }],
    ['The blast wounded three guards.', { injured: 3 }],
    ['Some 200 protesters were HURT as police charged, a doctor claimed.', { injured: 'Some 200' }],
    ['Thousands of villagers fled the fighting, an aid agency claimed.', { displaced: 'Thousands' }],
    ['The floods displaced 5,000 residents.', { displaced: 5000 }],
    ['Police Rounded Up 60 students overnight.', { arrested: 60 }],
    ['Nine activists were detained at the border, the group claimed.', { arrested: 9 }],
    ['The minister claimed the talks were over.', {}],
  ];
  for (const [sentence, want] of cases) assert.deepEqual({ ...findCounts(sentence) }, want, sentence);
});

test('trigger cues: prefix heads read by number find what the head substring found; no match or one needs no choosing', () => {
  const entries = parseLexicon(
    [
      'negotiat*\tV\tCONSULT',
      'évacu*\tV\tCOERCE',
      'ab*\tN\tX',
      'pro*\tV\tPROTEST',
      'protest+\tV\tPROTEST2',
      'walk+ out\tV\tDEMO',
    ].join('\n'),
  );
  const text = 'Protesters protested; ÉVACUÉS negotiate, prO abbot walked out and walked in. Nothing here.';
  const toks = tokensOf(text, 0, text.length);
  const found = matchTriggers(toks, entries).map(
    (m) =>
      `${m.entry.type}:${toks
        .slice(m.from, m.to)
        .map((t) => t.text)
        .join(' ')}`,
  );
  assert.deepEqual(found, [
    'PROTEST:Protesters',
    'PROTEST:protested',
    'COERCE:ÉVACUÉS',
    'CONSULT:negotiate',
    'PROTEST:prO',
    'X:abbot',
    'DEMO:walked out',
  ]);
  assert.deepEqual(matchTriggers(tokensOf('Nothing here.', 0, 13), entries), []);
  assert.equal(matchTriggers(tokensOf('They walked out.', 0, 16), entries).length, 1);
});

test('trigger cues: the first-word shape table never hides a word the index holds, at any length or script', () => {
  const long31 = 'a'.repeat(29) + 'zz'; // 31 characters
  const long35 = 'q'.repeat(33) + 'xy'; // lengths past 31 share one bit
  const entries = parseLexicon(
    [
      `x\tN\tONE`,
      `ex\tN\tTWO`,
      'strike+\tV\tFIGHT',
      `${long31}\tN\tL31`,
      `${long35}\tN\tL35`,
      'éclat\tN\tACC',
      'st\tN\tST',
    ].join('\n'),
  );
  const text = `X ex exe strikes striking str st stx ${long31} ${long31}a ${long35} ${'q'.repeat(34)}xy ÉCLAT éclats`;
  const toks = tokensOf(text, 0, text.length);
  const found = matchTriggers(toks, entries).map((m) => `${m.entry.type}:${toks[m.from].text}`);
  assert.deepEqual(found, [
    'ONE:X',
    'TWO:ex',
    'FIGHT:strikes',
    'FIGHT:striking',
    'ST:st',
    `L31:${long31}`,
    `L35:${long35}`,
    'ACC:ÉCLAT',
  ]);
});

/** An event index holding only mentions (sorted as the stage sorts them). */
function mentionsOnly(mentions: MentionRef[]): EventIndex {
  const none = new SpanIndex([]);
  return {
    mentions,
    longest: Math.max(0, ...mentions.map((m) => m.end - m.start)),
    quotes: none,
    claims: none,
    times: none,
  };
}

test('mentions in a span: the sorted prefix gives what the full filter gives, overlaps and nesting included', () => {
  const entity = { id: 'e1', name: 'X', type: 'ORG', mentions: [], roles: [], aliases: [] } as unknown as Entity;
  // spans that nest, touch and overlap, sorted as mentionIndex sorts them (start, then the longer first)
  const spans: Array<[number, number]> = [
    [0, 4],
    [3, 9],
    [5, 30],
    [5, 6],
    [12, 15],
    [12, 13],
    [15, 20],
    [31, 33],
    [40, 41],
  ];
  const idx: MentionRef[] = spans
    .map(([start, end]) => ({ start, end, entity }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const index = mentionsOnly(idx);
  let hits = 0;
  for (let start = -1; start <= 42; start++)
    for (let end = start; end <= 43; end++) {
      const want = mentionsInReference(idx, start, end);
      assert.deepEqual(mentionsIn(index, start, end), want, `${start}-${end}`);
      assert.equal(overlapsMention(index, start, end), want.length > 0, `${start}-${end}`);
      if (want.length > 1) hits++;
    }
  assert.ok(hits > 100);
  assert.deepEqual(mentionsIn(mentionsOnly([]), 0, 5), []);
});

test('findCounts skips sentences without a count cue and finds counts in the others', () => {
  assert.deepEqual(findCounts('Militia fighters attacked the convoy near the river crossing on Monday.'), {});
  assert.deepEqual(findCounts('The blast killed 12 people and wounded 30 others, medics said.'), {
    dead: 12,
    injured: 30,
  });
  assert.deepEqual(findCounts('Police ARRESTED 40 protesters outside the ministry.'), { arrested: 40 });
});

test('event tokens fold curly apostrophes in their lower-case form only', () => {
  const text = 'Valdmoor’s army and the rebels’ ‘truce’ held.';
  const toks = tokensOf(text, 0, text.length);
  for (const t of toks) assert.equal(t.lower, t.text.toLowerCase().replace(/[’‘]/g, "'"));
  assert.ok(toks.some((t) => t.text === '’s' && t.lower === "'s"));
});

test('prefix trigger patterns are found through the index', () => {
  const sentence = 'Norway offered to mediate between the port authority and the striking dockers.';
  const toks = tokensOf(sentence, 0, sentence.length);
  const found = matchTriggers(toks).map((m) => sentence.slice(toks[m.from].start, toks[m.to - 1].end));
  assert.ok(found.includes('mediate'), `found ${found}`);
});

test('an attack naming several weapons takes the mode of the first in precedence order', () => {
  const text = 'Rebel fighters attacked the garrison in Karvosk with rifles and drones on Monday, the army said.';
  const evs = extractEvents(new Doc({ id: 't', source: {}, text })).filter((e) => e.type === 'ASSAULT');
  assert.ok(evs.length >= 1, 'an ASSAULT event');
  // drones come before firearms in INSTRUMENTS, whatever their order in the sentence
  assert.equal(evs[0].mode, 'drone');
});

test('event extent covers the trigger and every party, and events are numbered in order', () => {
  const text =
    'Police in Tarnovo arrested four protesters outside the court. Later, government troops shelled the village of Oresh.';
  const evs = extractEvents(new Doc({ id: 't', source: {}, text }));
  assert.ok(evs.length >= 2, `two events, got ${evs.map((e) => e.type).join(',')}`);
  evs.forEach((e, i) => {
    assert.equal(e.id, `ev${i + 1}`);
    assert.equal(e.text, text.slice(e.start, e.end));
  });
  const arrest = evs.find((e) => e.text.includes('arrested'));
  assert.ok(arrest && arrest.actors.length > 0 && arrest.targets.length > 0, 'arrest with actor and target');
  for (const p of [...arrest.actors, ...arrest.targets])
    assert.ok(arrest.text.includes(p.text), `${arrest.text} covers ${p.text}`);
  assert.ok(arrest.text.includes('protesters'), arrest.text);
});

test('event tokens are the token layer’s: clitics split off, so a contracted negation or auxiliary reads as one', () => {
  const toks = tokensOf('We’re not sure they didn’t strike Velora’s depot.');
  assert.deepEqual(
    toks.map((t) => t.lower),
    ['we', "'re", 'not', 'sure', 'they', 'did', "n't", 'strike', 'velora', "'s", 'depot', '.'],
  );
  const [ev] = extractEvents(new Doc({ id: 't', source: {}, text: 'The rebels didn’t attack the convoy.' }));
  assert.equal(ev?.type, 'ASSAULT');
  assert.equal(ev.negated, true);
});
