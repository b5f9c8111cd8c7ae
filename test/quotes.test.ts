import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/model/doc.ts';
import { sentenceStage } from '../src/nlp/sentences.ts';
import { tokenStage } from '../src/nlp/tokens.ts';
import { defaultRecognizer } from '../src/nlp/ner/recognizer.ts';
import { attributionStage } from '../src/nlp/attribution/index.ts';
import type { EntityType, Quote } from '../src/model/analysis.ts';
import { extractQuotes, quoteStage } from '../src/extract/quotes.ts';
import { REPORTING_VERBS } from '../src/extract/attribution/verbs.ts';
import { findChannel } from '../src/extract/attribution/sources.ts';
import { attribute } from './helpers/attributions.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(repoRoot, '../shared');

/** A Doc with sentences and tokens whose entities are given as [name, type, other surface forms, roles]. */
const recognizer = defaultRecognizer();

function docWith(text: string, ents: [string, EntityType, string[]?, string[]?][] = [], publisher?: string): Doc {
  const doc = new Doc({ id: 't', source: { publisher }, text });
  // the quote and claim stages read the sentence layer (the pipeline runs these stages before them)
  sentenceStage.run(doc);
  tokenStage.run(doc);
  recognizer.run(doc); // entity tags: the attribution model reads them
  ents.forEach(([name, type, forms = [], roles = []], i) => {
    const mentions: { start: number; end: number; text: string }[] = [];
    for (const f of [name, ...forms].sort((a, b) => b.length - a.length)) {
      for (let at = text.indexOf(f); at >= 0; at = text.indexOf(f, at + 1)) {
        if (!mentions.some((m) => m.start <= at && m.end >= at + f.length))
          mentions.push({ start: at, end: at + f.length, text: f });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    doc.entities.push({ id: `e${i}`, name, type, mentions, roles, aliases: forms });
  });
  attributionStage.run(doc);
  return doc;
}

function run(doc: Doc): Quote[] {
  quoteStage.run(doc);
  return doc.quotes;
}

const speakerName = (doc: Doc, q: Quote | undefined) => doc.entityById(q?.speaker)?.name ?? null;
/** The quote that starts with `start`, or holds a quotation starting so ("“…,” she said. “We were lucky.”"). */
const find = (qs: Quote[], start: string) =>
  qs.find((q) => q.text.startsWith(start)) ??
  qs.find((q) => q.text.indexOf(start) > 0 && /[“‘"]$/.test(q.text.slice(0, q.text.indexOf(start))));

test('reporting-verb lexicon holds inflected forms', () => {
  for (const w of ['said', 'says', 'told', 'wrote', 'insisted', 'urged', 'admitted', 'spoke', 'warning']) {
    assert.ok(REPORTING_VERBS.has(w), w);
  }
  assert.ok(!REPORTING_VERBS.has('table'));
});

test('apostrophes typeset as quotation marks are not quotes', () => {
  const text =
    'The premier‘s aide met Rossi ‘s chief of staff, the country’s envoy said nothing, and I’ve heard ' +
    'the ’90s were calmer. Fans of rock ‘n’ roll gathered outside the ministry’s gates.';
  const qs = run(docWith(text));
  assert.deepEqual(
    qs.map((q) => q.text),
    [],
  );
});

test("a double mark typed as two characters ('') opens and closes a quotation like “ and ”", () => {
  const text =
    "The marina is struggling. ''Some berths are empty, others are just not paying,'' said Paul Ostrander, " +
    "a harbour lawyer. ''It costs a fortune to dredge the channel every spring.''\n\n" +
    "Mr. Ostrander added that owners ''expect a certain level of service.''";
  const doc = docWith(text, [['Paul Ostrander', 'PERSON', ['Mr. Ostrander']]]);
  const qs = run(doc);
  const first = find(qs, 'Some berths are empty');
  assert.equal(first?.kind, 'direct');
  assert.equal(speakerName(doc, first), 'Paul Ostrander');
  assert.ok(first.text.includes('It costs a fortune'), 'one voice: the quotation carried on after its attribution');
  assert.ok(!qs.some((q) => q.text.startsWith("'")), 'no half of a doubled mark left in a quote');
});

test('direct quote with speaker before a colon, resolved from the honorific form', () => {
  const text =
    'Finance minister Clara Ostrova arrived in Vilnius on Monday.\n\nMs Ostrova said: ‘We have stabilised the currency and the banks are lending again.’';
  const doc = docWith(text, [
    ['Clara Ostrova', 'PERSON', ['Ms Ostrova'], ['finance minister']],
    ['Vilnius', 'GPE'],
  ]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'direct');
  assert.equal(qs[0].text, 'We have stabilised the currency and the banks are lending again.');
  assert.equal(speakerName(doc, qs[0]), 'Clara Ostrova');
  assert.equal(qs[0].speakerText, 'Ms Ostrova');
  assert.equal(qs[0].cue, 'said');
  assert.equal(doc.span(qs[0].start, qs[0].end), qs[0].text);
});

test('pronoun speaker after the quote resolves to the entity, not the pronoun', () => {
  const text =
    'Harbour master Tomas Elling inspected the flooded quay on Tuesday.\n\n“The sea wall held, but only just,” he said. “We were lucky.”';
  const doc = docWith(text, [['Tomas Elling', 'PERSON', ['Elling']]]);
  const qs = run(doc);
  const first = find(qs, 'The sea wall held');
  assert.ok(first);
  assert.equal(first.kind, 'direct');
  assert.equal(speakerName(doc, first), 'Tomas Elling');
  assert.equal(first.speakerText, 'he');
  const second = find(qs, 'We were lucky');
  assert.ok(second, 'quote after the attribution in the same paragraph');
  assert.equal(speakerName(doc, second), 'Tomas Elling');
});

test('inverted attribution with an appositive: said Ms Ortiz, the company’s chief executive', () => {
  const text =
    'Copperline Mining cut its forecast for the year.\n\n“Demand from smelters has collapsed,” said Ms Ortiz, the company’s chief executive.';
  const doc = docWith(text, [
    ['Copperline Mining', 'ORG'],
    ['Lucia Ortiz', 'PERSON', ['Ms Ortiz'], ['chief executive']],
  ]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(speakerName(doc, qs[0]), 'Lucia Ortiz');
  assert.equal(qs[0].cue, 'said');
  assert.equal(qs[0].kind, 'direct');
});

test('title speaker and channel: Writing on social media, the Health Secretary said', () => {
  const text =
    'Health Secretary Naomi Brandt visited the hospital in Leeds.\n\n' +
    'Writing on social media, the Health Secretary said: ‘Our nurses have been heroic.’';
  const doc = docWith(text, [
    ['Naomi Brandt', 'PERSON', [], ['Health Secretary']],
    ['Leeds', 'GPE'],
  ]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(speakerName(doc, qs[0]), 'Naomi Brandt');
  assert.equal(qs[0].speakerText, 'the Health Secretary');
  assert.equal(qs[0].channel, 'social media');
});

test('channels: in a statement, told the BBC, on X', () => {
  assert.equal(findChannel(' it said in a statement'), 'statement');
  assert.equal(findChannel(', she told the BBC.'), 'BBC');
  assert.equal(findChannel('Posting on X, the senator wrote'), 'X');
  assert.equal(findChannel(', he told reporters.'), undefined);
  const text = 'Port operator Baltrans warned of delays.\n\n“Ships will wait for days,” Baltrans said in a statement.';
  const doc = docWith(text, [['Baltrans', 'ORG']]);
  const qs = run(doc);
  assert.equal(qs[0].channel, 'statement');
  assert.equal(speakerName(doc, qs[0]), 'Baltrans');
});

test('partial quotes inside the reporter’s sentence; coordinated verbs keep their subject', () => {
  const text =
    'Mayor Ines Duarte toured the burnt district and spoke of ‘a wound that will take years to heal’ on Friday. ' +
    'Ms Duarte said she was ‘appalled by the looting’.';
  const doc = docWith(text, [['Ines Duarte', 'PERSON', ['Ms Duarte'], ['Mayor']]]);
  const qs = run(doc);
  const a = find(qs, 'a wound');
  const b = find(qs, 'appalled');
  assert.ok(a && b);
  assert.equal(a.kind, 'partial');
  assert.equal(b.kind, 'partial');
  assert.equal(speakerName(doc, a), 'Ines Duarte');
  assert.equal(speakerName(doc, b), 'Ines Duarte');
  // A partial quote is read in the clause the attribution reports, its quotation marks kept.
  assert.equal(b.text, 'she was ‘appalled by the looting’');
  assert.equal(doc.text.slice(b.start, b.end), b.text);
});

test('two partial quotes in one reported clause are one quote', () => {
  const text = 'Ms Duarte said the plan was ‘dead on arrival’ and ‘a gift to the smugglers’ at a briefing.';
  const doc = docWith(text, [['Ines Duarte', 'PERSON', ['Ms Duarte']]]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'partial');
  assert.match(qs[0].text, /^the plan was ‘dead on arrival’ and ‘a gift to the smugglers’/);
});

test('urged … to ‘commit’ is a partial quote of the subject', () => {
  const text = 'Yesterday Mr Okafor urged rival factions to ‘lay down their arms’ before the vote.';
  const doc = docWith(text, [['Samuel Okafor', 'PERSON', ['Mr Okafor']]]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'partial');
  assert.equal(speakerName(doc, qs[0]), 'Samuel Okafor');
  assert.equal(qs[0].cue, 'urged');
});

test('scare quotes with no speaker are not quotes', () => {
  const text =
    'Commandos carried out a ‘snatch’ raid on the compound. The "so-called" ceasefire collapsed within hours.';
  assert.deepEqual(
    run(docWith(text)).map((q) => q.text),
    [],
  );
});

test('a quotation running over two paragraphs with no opening mark in the second is one quote', () => {
  const text =
    'After the summit, Mr Varga said: ‘We came here to rebuild trust between our nations. \n\n' +
    'That work begins today, and it will not be finished in a week.’\n\nThe talks resume in March.';
  const doc = docWith(text, [['Peter Varga', 'PERSON', ['Mr Varga']]]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.ok(qs[0].text.startsWith('We came here'));
  assert.ok(qs[0].text.endsWith('not be finished in a week.'));
  assert.equal(qs[0].kind, 'direct');
  assert.equal(speakerName(doc, qs[0]), 'Peter Varga');
});

test('a quotation continued in a paragraph that reopens the mark keeps the speaker', () => {
  const text =
    'Writing on Telegram, the governor said: ‘The evacuation is complete. Nobody is left in the villages. \n\n' +
    '‘We will reopen the roads when the river falls.’\n\n' +
    'Floods have hit the region every spring since 2019.';
  const doc = docWith(text, [['Anya Sokol', 'PERSON', [], ['governor']]]);
  // The governor is named earlier in a longer article; here by role only.
  doc.entities[0].aliases.push('the governor');
  const qs = run(doc);
  assert.equal(qs.length, 2);
  assert.ok(qs[0].text.startsWith('The evacuation is complete'));
  assert.ok(qs[1].text.startsWith('We will reopen the roads'));
  assert.equal(qs[0].speaker, 'e0');
  assert.equal(qs[1].speaker, 'e0');
  assert.equal(qs[1].channel, 'Telegram');
});

test('a quote paragraph with no attribution inherits the speaker of the quote before', () => {
  const text =
    '“Prices will keep rising until the winter,” said Marta Lind, an economist at Nordbank.\n\n' +
    '“Households should expect no relief before March.”';
  const doc = docWith(text, [
    ['Marta Lind', 'PERSON'],
    ['Nordbank', 'ORG'],
  ]);
  const qs = run(doc);
  // One voice: the quotation and the paragraph that carries it on are one quote, or two of hers.
  const later = find(qs, 'Households should expect');
  assert.ok(later);
  assert.equal(speakerName(doc, later), 'Marta Lind');
  assert.equal(later.kind, 'direct');
  assert.ok(qs.every((q) => speakerName(doc, q) === 'Marta Lind'));
});

test('straight double quotes and a plural possessive inside single quotes', () => {
  const text =
    '"We will not be intimidated," said Ahmed Rahimi. Union leader Jo Hart said: ‘The drivers’ pay claim is fair and we will strike.’';
  const doc = docWith(text, [
    ['Ahmed Rahimi', 'PERSON'],
    ['Jo Hart', 'PERSON'],
  ]);
  const qs = run(doc);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].text, 'We will not be intimidated');
  assert.equal(speakerName(doc, qs[0]), 'Ahmed Rahimi');
  assert.equal(qs[1].text, 'The drivers’ pay claim is fair and we will strike.');
  assert.equal(speakerName(doc, qs[1]), 'Jo Hart');
});

test('according to X attributes a quotation', () => {
  const text = 'The plan was “dead on arrival”, according to Senator Hal Brooks.';
  const doc = docWith(text, [['Hal Brooks', 'PERSON', [], ['Senator']]]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'partial');
  assert.equal(speakerName(doc, qs[0]), 'Hal Brooks');
});

test('indirect quotes: named speaker, speech verb, that-clause', () => {
  const text = 'Defence minister Karl Aune said that the border patrols would be doubled from next week.';
  const doc = docWith(text, [['Karl Aune', 'PERSON']]);
  const qs = run(doc);
  const ind = qs.find((q) => q.kind === 'indirect');
  assert.ok(ind);
  assert.equal(ind.text, 'the border patrols would be doubled from next week');
  assert.equal(speakerName(doc, ind), 'Karl Aune');
  // A noun object is not a reported clause.
  const doc2 = docWith('Karl Aune announced the purchase of new radar systems.', [['Karl Aune', 'PERSON']]);
  assert.deepEqual(
    run(doc2).filter((q) => q.kind === 'indirect'),
    [],
  );
});

test('extractQuotes spans stay inside the text', () => {
  const text = '“Unclosed quotation at the end of the article';
  const qs = extractQuotes(docWith(text));
  for (const q of qs) assert.equal(text.slice(q.start, q.end), q.text);
});

test('seed article: quotes and speakers meet the analyst gold', async (t) => {
  const seedFile = path.join(shared, 'seed/000_706619d9f3362164.txt');
  if (!existsSync(seedFile)) return t.skip('../shared/seed is absent');
  const { Pipeline } = await import('../src/pipeline.ts');
  const gold = JSON.parse(readFileSync(path.join(shared, 'seed/gold.json'), 'utf8'));
  const pipeline = new Pipeline();
  const doc = pipeline.process({
    id: 'seed',
    source: { path: seedFile, published: gold.published, publisher: gold.publisher },
    text: readFileSync(seedFile, 'utf8'),
  });
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^\p{L}\p{N} ]/gu, '')
      .trim();
  const namesOf = (id: string | null) => {
    const e = doc.entityById(id);
    return e ? [e.name, ...e.aliases].map(norm) : [];
  };
  for (const g of gold.quotes) {
    // A partial quote is read in its reported clause: the quotation opens inside its text.
    const q =
      doc.quotes.find((x) => x.text.startsWith(g.starts)) ??
      doc.quotes.find((x) => x.kind === 'partial' && [...'"“‘\''].some((m) => x.text.includes(m + g.starts)));
    assert.ok(q, `quote starting "${g.starts}"`);
    assert.equal(q.kind, g.kind, g.starts);
    assert.ok(namesOf(q.speaker).includes(norm(g.speaker)), `speaker of "${g.starts}": ${q.speaker}`);
    if (g.channel) assert.equal(q.channel, g.channel);
  }
  for (const s of gold.not_quotes) assert.ok(!doc.quotes.some((q) => q.text === s || q.text.startsWith(s)), s);
});

// ---------------------------------------------------------------------------------------------
// Attribution forms (issue 2)

/** Every quote's offsets point at its text. */
function assertOffsets(doc: Doc, qs: Quote[]): void {
  for (const q of qs) assert.equal(doc.text.slice(q.start, q.end), q.text, `offsets of "${q.text}"`);
}

test('speaker with a relative clause before the verb: "X, who …, said"', () => {
  const text =
    'Harbour master Jonas Keller, who has run the port of Tallinn for a decade, said the cranes were "older than most of the dockers".';
  const doc = docWith(text, [
    ['Jonas Keller', 'PERSON'],
    ['Tallinn', 'GPE'],
  ]);
  const qs = run(doc);
  const q = find(qs, 'older than');
  assert.ok(q);
  assert.equal(q.kind, 'partial');
  assert.equal(speakerName(doc, q), 'Jonas Keller');
  assert.equal(q.cue, 'said');
});

test('a relative clause naming another body does not steal the speaker', () => {
  const text =
    'The Baltic Ports Council, which represents operators in Latvia and Estonia, welcomed what it called "a long overdue reform" on Monday.';
  const doc = docWith(text, [
    ['Baltic Ports Council', 'ORG'],
    ['Latvia', 'GPE'],
    ['Estonia', 'GPE'],
  ]);
  const q = find(run(doc), 'a long overdue reform');
  assert.equal(speakerName(doc, q), 'Baltic Ports Council');
});

test('the comma news style keeps inside the closing mark is trimmed, offsets still match', () => {
  const text = '"We acted as quickly as the weather allowed," said Lena Varga, the head of the regional fire service.';
  const doc = docWith(text, [['Lena Varga', 'PERSON']]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].text, 'We acted as quickly as the weather allowed');
  assert.equal(qs[0].kind, 'direct');
  assert.equal(speakerName(doc, qs[0]), 'Lena Varga');
  assertOffsets(doc, qs);
});

test('"X added", "X wrote in a post on X" and question-form "asked X"', () => {
  const text =
    '"The harvest is lost," Tomas Reyes added. "This is a dark day for the league," Carla Mendes wrote in a post on X. ' +
    '"Who will pay for the repairs?" asked Rafael Duarte, the opposition leader.';
  const doc = docWith(text, [
    ['Tomas Reyes', 'PERSON'],
    ['Carla Mendes', 'PERSON'],
    ['Rafael Duarte', 'PERSON'],
  ]);
  const qs = run(doc);
  assertOffsets(doc, qs);
  const harvest = find(qs, 'The harvest');
  assert.equal(speakerName(doc, harvest), 'Tomas Reyes');
  assert.equal(harvest?.cue, 'added');
  const league = find(qs, 'This is a dark day');
  assert.equal(speakerName(doc, league), 'Carla Mendes');
  assert.equal(league?.cue, 'wrote');
  assert.equal(league?.channel, 'X');
  const repairs = find(qs, 'Who will pay');
  assert.equal(repairs?.text, 'Who will pay for the repairs?');
  assert.equal(speakerName(doc, repairs), 'Rafael Duarte');
  assert.equal(repairs?.kind, 'direct');
});

test('a speaker introduced in the sentence before, with and without a pronoun attribution', () => {
  const text =
    'Ana Ortiz was blunt. "We are done," she said.\n\n' +
    'Pedro Lind, her deputy, was more cautious. "We need time. Nobody here wants a strike."';
  const doc = docWith(text, [
    ['Ana Ortiz', 'PERSON', ['Ms Ortiz']],
    ['Pedro Lind', 'PERSON'],
  ]);
  const qs = run(doc);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].text, 'We are done');
  assert.equal(speakerName(doc, qs[0]), 'Ana Ortiz');
  assert.equal(qs[1].kind, 'direct');
  assert.equal(speakerName(doc, qs[1]), 'Pedro Lind');
});

test("a colon with no reporting verb introduces its subject's words", () => {
  const text = 'Mayor Ines Duarte put it plainly: "The river will rise again and we are not ready."';
  const doc = docWith(text, [['Ines Duarte', 'PERSON']]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(speakerName(doc, qs[0]), 'Ines Duarte');
  assert.equal(qs[0].kind, 'direct');
});

test('a quote paragraph without attribution inherits the speaker before it, not a later person', () => {
  const text =
    '"We will fight this ruling," said Ana Ortiz.\n\n"Nobody will stop us. Not the court, not the ministry."\n\n' +
    'Pedro Lind, a lawyer for the ministry, declined to comment.';
  const doc = docWith(text, [
    ['Ana Ortiz', 'PERSON'],
    ['Pedro Lind', 'PERSON'],
  ]);
  const qs = run(doc);
  const later = find(qs, 'Nobody will stop us');
  assert.ok(later);
  assert.equal(speakerName(doc, later), 'Ana Ortiz');
  assert.ok(!qs.some((q) => speakerName(doc, q) === 'Pedro Lind'));
});

test('ellipses and an embedded quotation stay inside one direct quote', () => {
  const text =
    '"We were told … that the water was safe," said Ines Duarte. "The inspector told me: \'Go home and lock the door.\' So I did."';
  const doc = docWith(text, [['Ines Duarte', 'PERSON']]);
  const qs = run(doc);
  assertOffsets(doc, qs);
  assert.equal(qs.length, 2);
  assert.equal(qs[0].text, 'We were told … that the water was safe');
  assert.ok(qs[1].text.startsWith('The inspector told me:'));
  assert.ok(qs[1].text.endsWith('So I did.'));
  assert.equal(qs[1].kind, 'direct');
  assert.equal(speakerName(doc, qs[1]), 'Ines Duarte');
});

test('a quotation that ends with an embedded one is still direct', () => {
  const text = '"He looked at me and said: \'Go home,\'" said Ines Duarte.';
  const doc = docWith(text, [['Ines Duarte', 'PERSON']]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'direct');
  assert.equal(speakerName(doc, qs[0]), 'Ines Duarte');
});

test('"a spokesperson for X said" and "told Reuters" give the body as speaker of an indirect quote', () => {
  const text =
    'A spokesperson for Velta Energy said the outage had been caused by a falling tree. ' +
    'Finance chief Omar Haddad told Reuters the company would not pay compensation.';
  const doc = docWith(text, [
    ['Velta Energy', 'ORG'],
    ['Omar Haddad', 'PERSON'],
    ['Reuters', 'ORG'],
  ]);
  const qs = run(doc);
  const outage = find(qs, 'the outage');
  assert.equal(outage?.kind, 'indirect');
  assert.equal(speakerName(doc, outage), 'Velta Energy');
  const comp = find(qs, 'the company would not pay');
  assert.equal(speakerName(doc, comp), 'Omar Haddad');
  assert.equal(comp?.channel, 'Reuters');
});

test('one voice, one quote: quotations one attribution holds together are one direct quote', () => {
  const text = 'Harbour master Tomas Elling inspected the quay.\n\n“The sea wall held,” he said. “We were lucky.”';
  const doc = docWith(text, [['Tomas Elling', 'PERSON', ['Elling']]]);
  attribute(doc, [['said', 'he', '“The sea wall held,” he said. “We were lucky.”']]);
  const qs = run(doc);
  assert.equal(qs.length, 1);
  assert.equal(qs[0].kind, 'direct');
  assert.ok(qs[0].text.startsWith('The sea wall held'));
  assert.ok(qs[0].text.endsWith('We were lucky.'));
  assert.equal(doc.span(qs[0].start, qs[0].end), qs[0].text);
  assert.equal(speakerName(doc, qs[0]), 'Tomas Elling');
  // Two attributions, two quotes.
  const two = docWith('“The sea wall held,” he said. “We were lucky,” she added.', [['Tomas Elling', 'PERSON']]);
  attribute(two, [
    ['said', 'he', '“The sea wall held,”'],
    ['added', 'she', '“We were lucky,”'],
  ]);
  assert.equal(run(two).length, 2);
});

test('a word or two in marks that no attribution holds is a term, not a quote; one an attribution holds stays', () => {
  const title = run(
    docWith('In his “Mission Accomplished” speech, the president spoke of victory over the insurgents.'),
  );
  assert.ok(!title.some((q) => q.text.includes('Mission Accomplished')), JSON.stringify(title));
  const called = run(docWith('Ms Ortiz spoke at length. She called the scheme “fraudulent” and left the hall.'));
  assert.ok(
    called.some((q) => q.text.includes('fraudulent')),
    JSON.stringify(called),
  );
});
