import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import type { Entity } from '../src/model/analysis.ts';
import {
  Gazetteer,
  geocodeName,
  geoStage,
  createGeoStage,
  resolveMentions,
  distanceKm,
  spotToponyms,
  toponymMentions,
} from '../src/extract/geo/index.ts';
import { nameKey, skeletonKey } from '../src/extract/geo/normalize.ts';
import { toGeo } from '../src/extract/geo/resolve.ts';
import { spotVariants, spotWords } from '../src/extract/geo/spot.ts';
import { Pipeline } from '../src/pipeline.ts';
import { cleanArticle } from '../src/clean/clean.ts';
import { NEWS, nastyStrings } from './helpers/hostile-strings.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');
const gaz = Gazetteer.default();

/** Run the geo stage (spotter on) over a text with no other entities. */
function places(text: string): Entity[] {
  const doc = new Doc({ id: 't', source: {}, text });
  geoStage.run(doc);
  return doc.entities;
}
const placeNamed = (ents: Entity[], name: string): Entity | undefined =>
  ents.find((e) => e.mentions.some((m) => m.text === name) || e.name === name);

test('gazetteer: countries, regions with abbreviations, cities, demonyms, team regions', () => {
  assert.equal(gaz.lookup('Syria').find((p) => p.kind === 'C')?.cc, 'SY');
  assert.equal(gaz.lookup('the Gaza Strip')[0]?.cc, 'PS');
  assert.equal(gaz.lookupAbbr('NSW')[0]?.name, 'New South Wales');
  assert.equal(gaz.lookupAbbr('nsw').length, 0, 'abbreviations are exact-case');
  assert.equal(gaz.demonym('Syrians')?.cc, 'SY');
  assert.equal(gaz.demonym('British')?.cc, 'GB');
  assert.ok(gaz.lookup('Texas').some((p) => p.kind === 'A' && p.cc === 'US'));
  assert.ok(gaz.lookup('Africa').some((p) => p.kind === 'R'));
  assert.equal(nameKey('  The Côte d’Ivoire '), 'cote divoire');
  assert.equal(skeletonKey('Sweida'), skeletonKey('As-Suwayda'));
});

test('geocodeName: bare names take the likeliest place; context and parents change it', () => {
  assert.equal(geocodeName('Paris')?.country, 'FR');
  assert.equal(geocodeName('Paris', { countries: ['US'], admin1: ['US.TX'] })?.admin1, 'Texas');
  assert.equal(geocodeName('Paris, Texas')?.country, 'US');
  assert.equal(geocodeName('Tripoli')?.country, 'LY');
  assert.equal(geocodeName('Tripoli', { countries: ['LB'] })?.country, 'LB');
  assert.equal(geocodeName('Georgia')?.country, 'GE');
  assert.equal(geocodeName('Georgia', { countries: new Map([['US', 3]]) })?.country, 'US');
  assert.equal(geocodeName('Atlantis Major'), undefined);
});

test('geocodeName: demonyms, abbreviations and narrowed regions', () => {
  assert.equal(geocodeName('Syrian')?.country, 'SY');
  assert.equal(geocodeName('U.S.')?.country, 'US');
  assert.equal(geocodeName('UK')?.country, 'GB');
  const south = geocodeName('southern Lebanon');
  assert.equal(south?.country, 'LB');
  assert.equal(geocodeName('Northern Iraq')?.country, 'IQ');
  const sweida = geocodeName('Sweida province', { countries: ['SY'] });
  assert.equal(sweida?.country, 'SY');
  assert.ok(sweida && distanceKm(sweida, { lat: 32.7, lon: 36.57 }) < 50, 'placed at the province');
  assert.equal(geocodeName('Sweida', { countries: [] }), undefined, 'skeleton matches need a country in context');
});

test('article context: Paris in a story about Texas vs one about France', () => {
  const texas = places(
    'Tornadoes tore through north Texas on Friday. In Paris, the seat of Lamar County, crews from Dallas and Sherman cleared roads while the governor in Austin declared a disaster.',
  );
  assert.equal(placeNamed(texas, 'Paris')?.geo?.country, 'US');
  const france = places(
    'Unions marched in Paris and Lyon on Thursday as the French government pressed ahead with its pension reform.',
  );
  assert.equal(placeNamed(france, 'Paris')?.geo?.country, 'FR');
});

test('article context: Tripoli in Lebanon vs Libya; Georgia the state vs the country', () => {
  const lebanon = places(
    'Protesters blocked roads in Tripoli and Beirut on Monday, and the army deployed across Lebanon.',
  );
  assert.equal(placeNamed(lebanon, 'Tripoli')?.geo?.country, 'LB');
  const libya = places(
    'Rival militias clashed in Tripoli overnight while the eastern-based forces in Benghazi said Libya needed elections.',
  );
  assert.equal(placeNamed(libya, 'Tripoli')?.geo?.country, 'LY');
  const state = places(
    'Polls closed in Atlanta and Savannah as voters across Georgia chose a senator; results from Augusta came in late.',
  );
  assert.equal(placeNamed(state, 'Georgia')?.geo?.country, 'US');
  const country = places(
    'Protesters filled the streets of Tbilisi as Georgia weighed its ties with Russia and Armenia.',
  );
  assert.equal(placeNamed(country, 'Georgia')?.geo?.country, 'GE');
});

test('stage: entities from the recogniser keep their mentions; aliases and demonyms place them', () => {
  const text = 'Syrian troops moved south. The UK said Britain would send aid to Syria.';
  const doc = new Doc({ id: 't', source: {}, text });
  const syria: Entity = {
    id: 'e1',
    name: 'Syria',
    type: 'GPE',
    roles: [],
    aliases: ['Syrian'],
    mentions: [
      { start: 0, end: 6, text: 'Syrian' },
      { start: 65, end: 70, text: 'Syria' },
    ],
  };
  const uk: Entity = {
    id: 'e2',
    name: 'United Kingdom',
    type: 'GPE',
    roles: [],
    aliases: ['UK', 'Britain'],
    mentions: [{ start: 31, end: 33, text: 'UK' }],
  };
  const person: Entity = { id: 'e3', name: 'Georgia Smith', type: 'PERSON', roles: [], aliases: [], mentions: [] };
  doc.entities.push(syria, uk, person);
  createGeoStage({ spot: true }).run(doc);
  assert.equal(syria.geo?.country, 'SY');
  assert.equal(uk.geo?.country, 'GB');
  assert.equal(person.geo, undefined, 'people are not geocoded');
  // "Britain" was not a mention of the UK entity: the spotter joins it to no one (other name) but adds it.
  const britain = doc.entities.find((e) => e.mentions.some((m) => m.text === 'Britain'));
  assert.equal(britain?.geo?.country, 'GB');
  assert.ok(
    !doc.entities.some((e) => e.id.startsWith('geo-') && e.mentions.some((m) => m.text === 'Syria')),
    'covered spans are left alone',
  );
});

test('stage: an entity typed ORG that the text calls a city is re-typed and placed; without evidence it is left alone', () => {
  const text = 'Fighters surrounded the city of Homs while talks in Syria stalled.';
  const doc = new Doc({ id: 't', source: {}, text });
  const homs: Entity = {
    id: 'e1',
    name: 'Homs',
    type: 'ORG',
    roles: [],
    aliases: [],
    mentions: [{ start: 32, end: 36, text: 'Homs' }],
  };
  const bank: Entity = { id: 'e2', name: 'Syria', type: 'ORG', roles: [], aliases: [], mentions: [] };
  doc.entities.push(homs, bank);
  createGeoStage({ spot: false }).run(doc);
  assert.equal(homs.type, 'GPE');
  assert.equal(homs.geo?.country, 'SY');
  assert.equal(bank.type, 'ORG');
  assert.equal(bank.geo, undefined, 'no place evidence, no geo');
});

/** A Doc with the given entities (name, type, every occurrence of the name is a mention). */
function docWith(text: string, ents: [string, Entity['type']][]): Doc {
  const doc = new Doc({ id: 't', source: {}, text });
  ents.forEach(([name, type], i) => {
    const mentions = [...text.matchAll(new RegExp(name.replace(/[.]/g, '\\.'), 'g'))].map((m) => ({
      start: m.index!,
      end: m.index! + name.length,
      text: name,
    }));
    doc.entities.push({ id: `e${i + 1}`, name, type, roles: [], aliases: [], mentions });
  });
  return doc;
}

test('re-typing: a person-typed town after "in" is a place; a titled person named like a town is not', () => {
  const doc = docWith(
    'Two farmers died in Kananga on Friday, health officials in Congo said. Mr Tyler said he was not worried.',
    [
      ['Kananga', 'PERSON'],
      ['Congo', 'GPE'],
      ['Tyler', 'PERSON'],
    ],
  );
  createGeoStage({ spot: false }).run(doc);
  const [kananga, , tyler] = doc.entities;
  assert.equal(kananga.type, 'GPE');
  assert.equal(kananga.geo?.country, 'CD');
  assert.equal(tyler.type, 'PERSON', 'a title before the name makes it a person');
  assert.equal(tyler.geo, undefined);
});

test('nested places: countries and states that open or close an organisation name become toponyms', () => {
  const text =
    'The U.S. Army and the California Department of Public Health met the Health Ministry of Uganda in Kampala.';
  const doc = docWith(text, [
    ['U.S. Army', 'ORG'],
    ['California Department of Public Health', 'ORG'],
    ['Health Ministry of Uganda', 'ORG'],
    ['Kampala', 'GPE'],
  ]);
  createGeoStage({ spot: false }).run(doc);
  const tops = toponymMentions(doc).map((t) => `${t.mention.text}:${t.entity.geo?.country}`);
  assert.deepEqual(tops.sort(), ['California:US', 'Kampala:UG', 'U.S.:US', 'Uganda:UG']);
  assert.equal(doc.entities[0].type, 'ORG', 'the organisation keeps its mention and type');
  assert.equal(doc.entities[0].mentions[0].text, 'U.S. Army');
});

test('toponymMentions: demonym mentions of a country are not toponyms', () => {
  const doc = docWith('Mexican officials said the outbreak in Mexico was slowing.', [['Mexico', 'GPE']]);
  doc.entities[0].mentions.unshift({ start: 0, end: 7, text: 'Mexican' });
  createGeoStage({ spot: false }).run(doc);
  assert.deepEqual(
    toponymMentions(doc).map((t) => t.mention.text),
    ['Mexico'],
  );
});

test('resolution: listed names share kind and country; ellipsis; names with a kind word missing', () => {
  const text = 'Cases were confirmed in Ontario, Manitoba and New Brunswick, and in New Jersey last year.';
  const names = ['Ontario', 'Manitoba', 'New Brunswick', 'New Jersey'];
  const ms = names.map((n) => ({ name: n, start: text.indexOf(n), end: text.indexOf(n) + n.length }));
  const res = resolveMentions(gaz, text, ms);
  assert.equal(res[2]?.place.kind, 'A', 'New Brunswick the province, listed with provinces');
  assert.equal(res[2]?.place.cc, 'CA');
  const t2 = 'Frogs are dying in Central and South America.';
  const r2 = resolveMentions(gaz, t2, [{ name: 'Central', start: 19, end: 26 }]);
  assert.ok(r2[0] && distanceKm(r2[0].place, { lat: 13, lon: -86 }) < 200, 'Central → Central America');
  const t3 = 'Deaths were reported in the provinces of Nyanza and North Eastern, Kenya.';
  const r3 = resolveMentions(gaz, t3, [
    { name: 'North Eastern', start: t3.indexOf('North'), end: t3.indexOf('North') + 13 },
  ]);
  assert.equal(r3[0]?.place.cc, 'KE');
});

test('gazetteer: exonyms and former names, regional points, dotted state codes', () => {
  assert.equal(geocodeName('Calcutta')?.country, 'IN');
  assert.equal(geocodeName('Bombay')?.country, 'IN');
  assert.equal(geocodeName('Peking')?.country, 'CN');
  assert.equal(geocodeName('Léopoldville')?.country, 'CD');
  assert.equal(geocodeName('Acapulco')?.country, 'MX');
  assert.equal(geocodeName('West Java')?.country, 'ID');
  assert.equal(geocodeName('Zaire')?.country, 'CD');
  const nyState = geocodeName('New York State', { countries: ['US'] });
  assert.ok(nyState && distanceKm(nyState, { lat: 43, lon: -75 }) < 50, 'New York the state is not at New York City');
  const ny = geocodeName('New York', { countries: ['US'] });
  assert.ok(ny && distanceKm(ny, { lat: 40.71, lon: -74.01 }) < 30, 'bare New York is the city that names its state');
  const nyAmongStates = geocodeName('New York', { countries: ['US'], admin1: ['US.TX', 'US.OH'] });
  assert.ok(
    nyAmongStates && distanceKm(nyAmongStates, { lat: 43, lon: -75 }) < 50,
    'among other states, New York is the state',
  );
  assert.equal(geocodeName('Quebec')?.admin1, 'Quebec');
  assert.ok(
    (geocodeName('Quebec')?.lat ?? 0) > 50,
    'Quebec City is smaller than a million: the bare name stays the province',
  );
  const qld = geocodeName('Queensland');
  assert.ok(qld && distanceKm(qld, { lat: -23, lon: 143 }) < 100, 'a large region keeps its central point');
  assert.equal(geocodeName('Washington, D.C.')?.admin1, 'District of Columbia');
  assert.equal(gaz.lookupAbbr('N.Y.')[0]?.name, 'New York');
  const mumbaiState = geocodeName('Maharashtra');
  assert.ok(
    mumbaiState && distanceKm(mumbaiState, { lat: 19.07, lon: 72.88 }) < 50,
    'Indian states are placed at their capital',
  );
  assert.equal(
    geocodeName('Mexico', {
      countries: new Map([
        ['US', 3],
        ['MX', 0.5],
      ]),
      admin1: ['US.NY'],
      near: [{ lat: 43, lon: -75 }],
    })?.country,
    'MX',
  );
});

test('spotter: skips person names, months and glued organisation names', () => {
  const spots = spotToponyms(
    gaz,
    'In March, Paris Hilton flew to Chicago. The Washington Post reported it from Jordan.',
  );
  const names = spots.map((s) => s.text);
  assert.ok(names.includes('Chicago'));
  assert.ok(names.includes('Jordan'), 'a country after a locative preposition');
  assert.ok(!names.includes('March'));
  assert.ok(!names.includes('Paris'));
  assert.ok(!names.includes('Washington'));
});

test('resolveMentions: a "City, Region" parent settles the town', () => {
  const text = 'Hogs were culled at a farm in Pandi, Bulacan on Sunday.';
  const start = text.indexOf('Pandi');
  const [r] = resolveMentions(gaz, text, [{ name: 'Pandi', start, end: start + 5 }]);
  assert.equal(r?.place.cc, 'PH');
});

test(
  'seed article: the gold places',
  { skip: !fs.existsSync(path.join(shared, 'seed/gold.json')) && 'no ../shared/seed' },
  () => {
    const gold = JSON.parse(fs.readFileSync(path.join(shared, 'seed/gold.json'), 'utf8'));
    const dir = path.join(shared, 'seed');
    const file = fs.readdirSync(dir).find((f) => f.endsWith('.txt'))!;
    const pipeline = new Pipeline();
    const doc = pipeline.process({ id: 'seed', source: {}, text: fs.readFileSync(path.join(dir, file), 'utf8') });
    if (!pipeline.stages.some((s) => s.name === 'geo')) geoStage.run(doc);
    const ents = doc.entities.filter((e) => e.geo);
    for (const g of gold.geo as {
      name: string;
      lat?: number;
      lon?: number;
      tolerance_km?: number;
      country?: string;
    }[]) {
      const target = geocodeName(g.name);
      const ok = ents.some((e) => {
        const raw = [e.name, ...e.aliases, ...e.mentions.map((m) => m.text)];
        const same =
          raw.map(nameKey).includes(nameKey(g.name)) ||
          (g.country && raw.some((n) => geocodeName(n)?.country === g.country && target?.country === g.country));
        if (!same) return false;
        if (g.country) return e.geo!.country === g.country;
        return distanceKm(e.geo!, { lat: g.lat!, lon: g.lon! }) <= (g.tolerance_km ?? 50);
      });
      assert.ok(ok, `gold place ${g.name} found and placed`);
    }
  },
);

test('names: letters without a decomposition fold; "X City" towns answer to "X" only when nothing else does', () => {
  assert.equal(nameKey('Doğubayazıt'), nameKey('Dogubayazit'));
  assert.equal(nameKey('Łódź'), 'lodz');
  assert.equal(geocodeName('Dogubayazit')?.country, 'TR');
  assert.equal(geocodeName('Cabanatuan')?.country, 'PH');
  assert.equal(geocodeName('Kansas')?.admin1, 'Kansas', 'Kansas City does not take the name of the state');
  assert.equal(geocodeName('Panama')?.country, 'PA');
  assert.equal(geocodeName('UGA'), undefined, 'a short acronym is not a town spelled the same');
  assert.equal(geocodeName('USA')?.country, 'US');
});

test('resolveMentions: a name written as the parent of another contains it (Buffalo, New York vs Queens, New York)', () => {
  const at = (text: string, name: string): { lat: number; lon: number } | undefined => {
    const start = text.lastIndexOf(name);
    const mentions = [...text.matchAll(/Buffalo|Queens|New York/g)].map((m) => ({
      name: m[0],
      start: m.index!,
      end: m.index! + m[0].length,
    }));
    return resolveMentions(gaz, text, mentions)[mentions.findIndex((m) => m.start === start)]?.place;
  };
  const state = at('Snow closed schools in Buffalo, New York, on Monday.', 'New York');
  assert.ok(state && distanceKm(state, { lat: 43, lon: -75 }) < 50, 'Buffalo is in the state, far from the city');
  const city = at('Eight pupils at a school in Queens, New York, fell ill.', 'New York');
  assert.ok(city && distanceKm(city, { lat: 40.71, lon: -74.01 }) < 30, 'Queens is in the city');
});

test('toponymMentions: currency codes and adjectival demonyms are no toponyms, a country named like its demonym is', () => {
  const doc = docWith(
    'The US pledged US$5 million. Canadian beef exports to Canada fell. The Vatican said the Pope was resting.',
    [
      ['US', 'GPE'],
      ['Canada', 'GPE'],
      ['Vatican', 'GPE'],
    ],
  );
  const at = (s: string): number => doc.text.indexOf(s);
  doc.entities[1].mentions.unshift({ start: at('Canadian'), end: at('Canadian') + 8, text: 'Canadian' });
  createGeoStage({ spot: false }).run(doc);
  const tops = toponymMentions(doc).map((t) => `${t.mention.text}@${t.mention.start}`);
  assert.deepEqual(tops, [`US@${at('US')}`, `Canada@${at('Canada ')}`, `Vatican@${at('Vatican')}`]);
  assert.equal(spotToponyms(gaz, 'It costs US$40 or NZ$60.').length, 0, 'the spotter skips currency codes');
  assert.equal(
    spotToponyms(gaz, 'Reported at 1:58 p.m. EST on Mar. 3.').length,
    0,
    'time zones and month abbreviations',
  );
});

test('nested places: hyphenated compounds, towns in "of X" and inside unknown place names, not "Agence France-Presse"', () => {
  const text =
    'A UK-based charity said flooding in Pakistan-administered Kashmir near the India-Pakistan border was worsening, ' +
    "Agence France-Presse reported. Doctors in the US, at the Children's Hospital of Pittsburgh, and at the Royal Free agreed.";
  const doc = docWith(text, [
    ['UK-based', 'MISC'],
    ['Pakistan-administered Kashmir', 'LOC'],
    ['India-Pakistan', 'LOC'],
    ['Agence France-Presse', 'ORG'],
    ["Children's Hospital of Pittsburgh", 'ORG'],
    ['Royal Free', 'ORG'],
    ['US', 'GPE'],
  ]);
  createGeoStage({ spot: false }).run(doc);
  const tops = toponymMentions(doc).map((t) => `${t.mention.text}:${t.entity.geo?.country}`);
  for (const want of ['Pakistan:PK', 'India:IN', 'Pittsburgh:US'])
    assert.ok(tops.includes(want), `${want} in ${tops.join(', ')}`);
  assert.ok(!tops.some((t) => t.startsWith('France') || t.startsWith('Free')), tops.join(', '));
  assert.equal(doc.entities[3].type, 'ORG');
});

test('re-typing: an organisation-typed "X County" and a person-typed region name after "from" become places', () => {
  const doc = docWith(
    'A Dallas County jury heard the case. A nurse from West Java and a driver from Kenya were witnesses.',
    [
      ['Dallas County', 'ORG'],
      ['West Java', 'PERSON'],
      ['Kenya', 'GPE'],
    ],
  );
  createGeoStage({ spot: false }).run(doc);
  const [dallas, java] = doc.entities;
  assert.equal(dallas.type, 'GPE');
  assert.equal(dallas.geo?.country, 'US');
  assert.equal(java.type, 'GPE');
  assert.equal(java.geo?.country, 'ID');
  const person = docWith('A letter from Jordan reached the coach.', [['Jordan', 'PERSON']]);
  createGeoStage({ spot: false }).run(person);
  assert.equal(person.entities[0].type, 'PERSON', 'a one-word person name needs more than a weak preposition');
});

test('re-typing: a surname shared with a country does not make a person a place; codes in a line of capitals are not spotted', () => {
  const d = new Pipeline().process({
    id: 't',
    source: {},
    text: 'Director Neil Jordan said the film was shot in Dublin. Jordan spent two years on the script, and Jordan said he would return to Dublin.\n\nTEAM W L PCT GB\n',
  });
  const jordan = d.entities.find((e) => e.name === 'Neil Jordan');
  if (jordan) assert.equal(jordan.type, 'PERSON');
  assert.ok(!d.entities.some((e) => e.mentions.some((m) => m.text === 'GB')), d.entities.map((e) => e.name).join(', '));
});

// ---------------------------------------------------------------------------------------------
// The gazetteer and the spotter on made-up gazetteers, and the fast paths kept (the spotter's words,
// the look-up memo) against their reference forms.

/** The spotter's word (`spotWords` reads it by hand). */
const SPOT_WORD = /[\p{L}\p{M}\p{N}]+(?:[-'’.][\p{L}\p{M}\p{N}]+)*\.?/gu;

/** The spotter's words by their definition, the pattern SPOT_WORD, each with its text. */
function wordsOf(text: string): { start: number; end: number; text: string }[] {
  return [...text.matchAll(SPOT_WORD)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}

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
  assert.deepEqual(
    hits.map((p) => p.name),
    ['As-Suwaydan', 'Suwaidan'],
  );
  assert.equal(hits[0].geonameId, 3);
  assert.equal(hits[1].geonameId, undefined, 'a line without an id gives no id');
  assert.deepEqual(gaz.lookupSkeleton('Sweidan', ['QX']), []);
  assert.deepEqual(
    gaz.lookupSkeleton('Other Town', ['QX', 'VL']).map((p) => p.cc),
    ['QX'],
  );
  // asked twice: the same places (made once)
  assert.equal(gaz.lookupSkeleton('Sweidan', ['VL'])[0], hits[0]);
});

test('skeleton keys: accents, Arabic articles and vowels folded away', () => {
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

test('toponyms of several words: every name the gazetteer knows is found, dotted and hyphenated ones too', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'A\tNorth Tamsk\t\tVL\tVL.01\t300000\t11\t21\t2\tADM1\t\t\tnorth tamsk',
      'P\tPort Saint Oren\t\tVL\tVL.01\t50000\t11.5\t21.5\t3\tPPLA\t\t\tport saint oren',
      'P\tBel-Arvo Heights\t\tVL\tVL.01\t40000\t11.6\t21.6\t4\tPPL\t\t\tbel arvo heights',
      'C\tDemocratic Republic of Lume\t\tDL\t\t800000\t1\t2\t5\t\tDR Lume\t\tdemocratic republic of lume',
    ].join('\n'),
  );
  // "St.Oren" keys as "saint oren": the last word's key is cut after its last space too
  const text =
    'Troops left North Tamsk’s border for Port St.Oren and Bel-Arvo Heights, then the Democratic Republic of Lume (the DR Lume).';
  assert.deepEqual(
    spotToponyms(gaz, text).map((s) => s.text),
    ['North Tamsk', 'Port St.Oren', 'Bel-Arvo Heights', 'Democratic Republic of Lume', 'DR Lume'],
  );
  assert.deepEqual(
    spotToponyms(gaz, 'They reached Tamsk Valley and Arvo Heights.'),
    [],
    'no name of the gazetteer: nothing found',
  );
});

test('toponym words: the hand-read scan gives what the WORD pattern gives', () => {
  for (const t of [
    ...NEWS,
    ...nastyStrings(20_000, 5),
    'Bosnia-Herzegovina. U.S. St.Oren Dar’a e\u0301clair \u0301x 𝐀𝐁.',
  ]) {
    const ref: [number, number][] = [];
    SPOT_WORD.lastIndex = 0;
    for (let m = SPOT_WORD.exec(t); m; m = SPOT_WORD.exec(t)) ref.push([m.index, m.index + m[0].length]);
    assert.deepEqual(
      spotWords(t).map((w): [number, number] => [w.start, w.end]),
      ref,
      JSON.stringify(t),
    );
  }
});

test('gazetteer look-ups: the memo gives the places the name index gives, in any case, and misses alike', () => {
  const gaz = new Gazetteer(TSV);
  const names = [
    'Veloria',
    'VELORIA',
    'veloria',
    'North Tamsk',
    'north  tamsk',
    'Suwaydan',
    'As-Suwaydan',
    'Nowhere',
    'Other Town',
    '',
    'The Veloria',
  ];
  for (let round = 0; round < 2; round++) {
    for (const n of names) {
      const got = gaz.lookup(n);
      const want = gaz.lookupUncached(n);
      assert.equal(got.length, want.length, n);
      got.forEach((p, i) => assert.equal(p, want[i], `${n}: the same place objects`));
    }
  }
  assert.equal(gaz.lookup('Veloria'), gaz.lookup('Veloria'), 'asked again: the kept array');
  // past the memo's size it starts afresh and still answers from the index
  for (let i = 0; i < 20_050; i++) gaz.lookup(`Nowhere ${i}`);
  assert.equal(gaz.lookup('North Tamsk')[0]?.admin1, 'VL.01');
  assert.equal(gaz.lookup('Nowhere 3').length, 0);
});

test('transliteration variants: found after a locative or before a place word, and again where repeated (not inside another word)', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'P\tAs-Suwaydan\t\tVL\tVL.01\t70000\t11\t21\t2\tPPLA\t\t\tas suwaydan',
    ].join('\n'),
  );
  const text =
    'Fighting spread to Sweidan on Monday.\n\nIn Veloria, (Sweidan) and Sweidan province were quiet; Sweidan’s mayor fled.';
  const spots = spotVariants(gaz, text, ['VL']);
  assert.deepEqual(
    spots.map((s) => [s.text, s.start, s.locative]),
    [
      ['Sweidan', text.indexOf('Sweidan'), true],
      ['Sweidan', text.indexOf('(Sweidan') + 1, false],
      ['Sweidan', text.indexOf('Sweidan province'), true],
    ],
  );
  assert.deepEqual(
    spotVariants(gaz, 'Fighting spread to(Sweidan) on Monday.', ['VL']),
    [],
    'no white space before: not a candidate',
  );
});

test('toponyms of one word: short words and stop words are skipped', () => {
  const gaz = new Gazetteer(
    [
      'C\tVeloria\t\tVL\t\t900000\t10\t20\t1\t\tVL\tVelorian\tveloria',
      'P\tMay\t\tVL\tVL.01\t5000\t11\t21\t2\tPPL\t\t\tmay',
      'P\tIo\t\tVL\tVL.01\t5000\t11\t21\t3\tPPL\t\t\tio',
      'P\tVictoria\t\tVL\tVL.01\t500000\t11\t21\t4\tPPL\t\t\tvictoria',
    ].join('\n'),
  );
  const text = 'In May, Io met Victoria. They flew to Victoria, then to Veloria and the VL.';
  assert.deepEqual(
    spotToponyms(gaz, text).map((s) => [s.text, s.start]),
    [
      ['Victoria', text.lastIndexOf('Victoria')],
      ['Veloria', text.indexOf('Veloria')],
      ['VL', text.indexOf('VL')],
    ],
  );
});

test('toponym words: the spotter’s words are WORD’s, with the text of every capitalised or short word', () => {
  for (const text of [...NEWS, ...nastyStrings(3_000, 23)]) {
    const want = wordsOf(text);
    const got = spotWords(text);
    assert.deepEqual(
      got.map((w) => [w.start, w.end]),
      want.map((w) => [w.start, w.end]),
      JSON.stringify(text),
    );
    got.forEach((w, k) => {
      if (w.text !== want[k].text)
        assert.ok(
          w.text === '' && want[k].text.length > 4 && !/^\p{Lu}/u.test(want[k].text),
          JSON.stringify(want[k].text),
        );
    });
  }
});

test('nameKey keys plain words by case and other names by the full fold', () => {
  assert.equal(nameKey('Valdmoor'), 'valdmoor');
  assert.equal(nameKey('K2'), 'k2');
  assert.equal(nameKey('The Gambia'), 'gambia');
  assert.equal(nameKey('Łódź'), 'lodz');
  assert.equal(nameKey('St. Helens'), 'saint helens');
  assert.equal(nameKey('Dar’a'), 'dara');
  assert.equal(nameKey('\u0010'), ''); // a control character is no plain word: it folds away
  assert.notEqual(nameKey('Gaza-Strip'), 'gaza-strip');
});

test('spotToponyms joins the words of a name only across spaces and hyphens on one line', () => {
  const gaz = new Gazetteer(
    [
      ['P', 'Port Meridel', '', 'XX', 'XX.01', '50000', '10', '20', '', 'PPL', '', '', 'port meridel'],
      ['P', 'Meridel', '', 'XX', 'XX.01', '20000', '10', '21', '', 'PPL', '', '', 'meridel'],
      ['C', 'Valdmoor', '', 'XX', '', '900000', '11', '22', '', 'C', '', '', 'valdmoor'],
    ]
      .map((f) => f.join('\t'))
      .join('\n'),
  );
  const text = 'Ships left Port Meridel for Valdmoor.\nPort\nMeridel lies west; the Port. Meridel road is shut.';
  const spots = spotToponyms(gaz, text).map((s) => s.text);
  // not "Port\nMeridel" (a line break) nor "Port. Meridel" (a dot ends the name; then a capitalised word glued before)
  assert.deepEqual(spots, ['Port Meridel', 'Valdmoor', 'Meridel']);
});

test('places added to existing entities in place are seen by the mention index built before the geo stage', () => {
  const pipeline = new Pipeline();
  const doc = cleanArticle({
    id: 'idx',
    source: {},
    text: 'Officials in Kenya said on Monday that the Kenya Red Cross had sent teams to Kisumu. Kenya Airways flights resumed.',
  });
  for (const stage of pipeline.stages) {
    if (stage.name === 'geo') doc.mentions(); // the index as the stages before geo leave it
    stage.run(doc);
    if (stage.name === 'geo') break;
  }
  const all = doc.entities.flatMap((e) => e.mentions.map((m) => `${e.id}:${m.start}-${m.end}`)).sort();
  const indexed = doc
    .mentions()
    .map((r) => `${r.entity.id}:${r.start}-${r.end}`)
    .sort();
  assert.deepEqual(indexed, all);
  const kenya = doc.entities.find((e) => e.name === 'Kenya');
  assert.ok(kenya && kenya.mentions.length >= 2, JSON.stringify(doc.entities.map((e) => [e.name, e.mentions.length])));
});
