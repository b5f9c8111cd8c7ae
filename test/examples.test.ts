/**
 * What the engine must find in each of the team's example articles (examples/articles.json).
 * Expectations are the clear cases an analyst would not miss.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Pipeline } from '../src/pipeline.ts';
import type { Analysis, ClaimSourceKind, EntityType } from '../src/model/analysis.ts';
import { entitiesNamed, norm } from '../src/eval/gold.ts';

const ROOT = resolve(import.meta.dirname, '..');
const manifest: Array<{ id: string; file: string; published: string; publisher: string }> = JSON.parse(
  readFileSync(resolve(ROOT, 'examples/articles.json'), 'utf8'),
);
const pipeline = new Pipeline();
const cache = new Map<string, Analysis>();

function analyse(id: string): Analysis {
  const hit = cache.get(id);
  if (hit) return hit;
  const m = manifest.find((x) => x.id === id)!;
  const a = pipeline.analyze({
    id,
    source: { path: m.file, published: m.published, publisher: m.publisher },
    text: readFileSync(resolve(ROOT, 'examples', m.file), 'utf8'),
  });
  cache.set(id, a);
  return a;
}

function entity(
  a: Analysis,
  name: string,
  type: EntityType | EntityType[],
  more: { roles?: string[]; aliases?: string[] } = {},
) {
  const found = entitiesNamed(a, name);
  assert.equal(
    found.length,
    1,
    `${name}: expected one entity, found ${found.map((e) => e.name).join(' | ') || 'none'}`,
  );
  const e = found[0];
  const types = Array.isArray(type) ? type : [type];
  assert.ok(types.includes(e.type), `${name}: type ${e.type}, expected ${types.join('/')}`);
  for (const r of more.roles ?? []) {
    assert.ok(
      e.roles.some((x) => norm(x).includes(norm(r))),
      `${name}: role "${r}" missing from ${JSON.stringify(e.roles)}`,
    );
  }
  for (const alias of more.aliases ?? []) {
    assert.equal(entitiesNamed(a, alias)[0]?.id, e.id, `${name}: "${alias}" should be the same entity`);
  }
  return e;
}

function quote(a: Analysis, starts: string, speaker: string | null, kind?: 'direct' | 'partial') {
  // a quotation carried on after its attribution may be inside one quote ("“…,” she said. “…”")
  const q =
    a.quotes.find((x) => norm(x.text).startsWith(norm(starts))) ??
    a.quotes.find((x) => norm(x.text).includes(`"${norm(starts)}`));
  assert.ok(q, `quote "${starts}" not found; quotes: ${a.quotes.map((x) => x.text.slice(0, 30)).join(' | ')}`);
  if (speaker === null) assert.equal(q.speaker, null, `quote "${starts}" should have no entity speaker`);
  else {
    const e = a.entities.find((x) => x.id === q.speaker);
    assert.ok(
      e && entitiesNamed(a, speaker).includes(e),
      `quote "${starts}": speaker ${e?.name ?? 'null'} (${q.speakerText}), expected ${speaker}`,
    );
  }
  if (kind) assert.equal(q.kind, kind, `quote "${starts}" kind`);
  return q;
}

function time(a: Analysis, text: string, value: string) {
  const t = a.times.filter(
    (x) => norm(x.text).replace(/^(on|in|the) /, '') === norm(text).replace(/^(on|in|the) /, ''),
  );
  assert.ok(t.length, `time "${text}" not found; times: ${a.times.map((x) => `${x.text}=${x.value}`).join(', ')}`);
  assert.ok(
    t.some((x) => x.value.startsWith(value)),
    `time "${text}" = ${t.map((x) => x.value).join(', ')}, expected ${value}`,
  );
}

function claim(a: Analysis, contains: string, kind: ClaimSourceKind, hedged?: boolean) {
  const c = a.claims.find((x) => norm(x.text).includes(norm(contains)));
  assert.ok(c, `claim "${contains}" not found; claims: ${a.claims.map((x) => x.text.slice(0, 40)).join(' | ')}`);
  assert.equal(c.source.kind, kind, `claim "${contains}" source kind`);
  if (hedged !== undefined) assert.equal(c.hedged, hedged, `claim "${contains}" hedged`);
}

test('wire report: envoy, ministers, countries, quotes and dates', () => {
  const a = analyse('wire-report');
  entity(a, 'Margrit Oberholzer', 'PERSON', { roles: ['envoy'], aliases: ['Oberholzer'] });
  entity(a, 'Davit Harutyunyan', 'PERSON', { roles: ['Deputy Foreign Minister'] });
  entity(a, 'Kamran Aliyarli', 'PERSON');
  entity(a, 'Armenia', 'GPE');
  entity(a, 'Azerbaijan', 'GPE');
  entity(a, 'Geneva', ['GPE', 'LOC']);
  entity(a, 'European Union', ['ORG', 'GPE']);
  quote(a, 'not yet ready to sign anything', 'Margrit Oberholzer', 'partial');
  quote(a, 'We have a text that both capitals', 'Margrit Oberholzer', 'direct');
  quote(a, 'The last two are about', 'Margrit Oberholzer', 'direct');
  claim(a, 'a fresh round is expected in April', 'anonymous');
  time(a, 'Friday', '2026-03-13');
  time(a, 'April', '2026-04');
  time(a, '30 years', 'P30Y');
});

test('conflict report: places, armed groups, witnesses and casualty dates', () => {
  const a = analyse('conflict-report');
  entity(a, 'Kadugli', ['GPE', 'LOC']);
  entity(a, 'Hawa Ibrahim', 'PERSON');
  entity(a, 'Nabil Abdallah', 'PERSON', { roles: ['spokesman'] });
  entity(a, 'Rapid Support Forces', 'ORG', { aliases: ['RSF'] });
  entity(a, 'United Nations', 'ORG');
  entity(a, 'Saudi Arabia', 'GPE');
  entity(a, 'South Kordofan', ['GPE', 'LOC']);
  quote(a, 'bodies lying between the tomatoes', 'Hawa Ibrahim', 'partial');
  quote(a, 'deliberately targeting civilians', 'Nabil Abdallah', 'partial');
  claim(a, 'more than 200,000 people have fled', 'anonymous');
  claim(a, 'violated dozens of times', 'unattributed', true);
  time(a, 'Tuesday', '2026-02-17');
  time(a, 'Wednesday', '2026-02-18');
  time(a, 'last month', '2026-01');
  time(a, 'January', '2026-01');
});

test('political story: several speakers with roles, pronoun speakers and an anonymous quote', () => {
  const a = analyse('political-story');
  entity(a, 'Ingrid Sandvik', 'PERSON', { roles: ['Finance Minister'], aliases: ['Ms Sandvik', 'Sandvik'] });
  entity(a, 'Henrik Aalberg', 'PERSON', { roles: ['Prime Minister'], aliases: ['Mr Aalberg'] });
  entity(a, 'Tove Ellingsen', 'PERSON', { aliases: ['Ms Ellingsen'] });
  entity(a, 'Labour Party', 'ORG');
  entity(a, 'Oslo', ['GPE', 'LOC']);
  quote(a, 'break every promise we made', 'Ingrid Sandvik', 'partial');
  quote(a, 'I will not put my name', 'Ingrid Sandvik', 'direct');
  quote(a, 'Ministers disagree', 'Henrik Aalberg', 'direct');
  quote(a, 'We will find a budget', 'Henrik Aalberg', 'direct');
  quote(a, 'lost control of its own agenda', 'Tove Ellingsen', 'partial');
  quote(a, 'She has a letter of resignation', null, 'direct');
  claim(a, 'the shortfall could reach 40 billion kroner', 'anonymous');
  claim(a, 'considering a compromise', 'unattributed', true);
  time(a, 'yesterday', '2026-05-14');
  time(a, 'in 2023', '2023');
  time(a, 'four years', 'P4Y');
  time(a, 'a decade', 'P10Y');
});

test('business story: companies, executives, founder and hedged plan', () => {
  const a = analyse('business-story');
  entity(a, 'Harbourline Logistics', 'ORG', { aliases: ['Harbourline'] });
  entity(a, 'Castell Freight', 'ORG', { aliases: ['Castell'] });
  entity(a, 'Priya Raman', 'PERSON', { roles: ['chief executive'] });
  entity(a, 'Owen Pritchard', 'PERSON', { roles: ['chairman'] });
  entity(a, 'Rotterdam', ['GPE', 'LOC']);
  entity(a, 'Felixstowe', ['GPE', 'LOC']);
  quote(a, 'Together we can move a container', 'Priya Raman', 'direct');
  quote(a, 'fair to the people who built this business', 'Owen Pritchard', 'partial');
  claim(a, 'planning to close three depots', 'unattributed', true);
  time(a, 'Monday', '2026-09-14');
  time(a, 'in 2004', '2004');
});

test('scraped page: debris removed, repeated captions kept apart, body intact', () => {
  const a = analyse('scraped-page');
  const removed = a.removed.map((r) => norm(r.text));
  for (const debris of ['Advertisement', 'Share this article', 'Share.', 'Follow us on Facebook', 'Source link']) {
    assert.ok(removed.includes(norm(debris)), `"${debris}" should be removed; removed: ${removed.join(' | ')}`);
  }
  assert.ok(
    removed.some((r) => r.startsWith('read more')),
    'the "Read more:" link should be removed',
  );
  const body = a.blocks
    .filter((b) => b.kind !== 'caption')
    .map((b) => a.text.slice(b.start, b.end))
    .join('\n');
  const once = 'Local councillor Janet Moorcroft said the barriers had been installed only three weeks ago.';
  assert.equal(body.split(once).length - 1, 1, 'the repeated sentence appears once in the body');
  assert.ok(body.includes('The Environment Agency said it would review the design'), 'a real paragraph is kept');
  assert.ok(body.includes('Flood defences fail as river bursts its banks'), 'the headline is kept');
  entity(a, 'Janet Moorcroft', 'PERSON', { roles: ['councillor'] });
  entity(a, 'Environment Agency', 'ORG');
  entity(a, 'Cockermouth', ['GPE', 'LOC']);
  quote(a, 'People were told they would be safe', 'Janet Moorcroft', 'direct');
  time(a, 'Saturday night', '2026-01-10');
});

test('short brief: two sentences, a city, a painter and two dates', () => {
  const a = analyse('short-brief');
  assert.equal(a.sentences.length, 2);
  entity(a, 'Lyon', ['GPE', 'LOC']);
  entity(a, 'Berthe Morisot', 'PERSON');
  time(a, 'Wednesday', '2026-09-30');
  time(a, 'last month', '2026-09');
  claim(a, 'arrested three men', 'anonymous');
});
