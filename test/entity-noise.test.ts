/**
 * What real web pages put in front of the recogniser (issue 19): companies that share a name with
 * places, their products, role titles and common acronyms read as names, planets read as people.
 * Articles here are written by the team.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import type { Doc } from '../src/model/doc.ts';

const pipeline = new Pipeline();
const run = (text: string): Doc => pipeline.process({ id: 't', source: { published: '2025-11-20' }, text });
const typed = (doc: Doc) => doc.entities.map((e) => `${e.type}:${e.name}`);

test('a company known by its bare name is an ORG; "the Amazon" rainforest stays a place', () => {
  const shop = run(
    'The new headset is light and comfortable. Get it on Amazon for $89 this week, or pick one up at Walmart. ' +
      'Customers with Amazon Music Unlimited hear it free, and Amazon Web Services hosts the app.',
  );
  assert.ok(typed(shop).includes('ORG:Amazon'), typed(shop).join(', '));
  assert.ok(typed(shop).includes('ORG:Walmart'), typed(shop).join(', '));
  assert.ok(typed(shop).includes('ORG:Amazon Web Services'), typed(shop).join(', '));
  assert.ok(!shop.entities.some((e) => e.geo), 'no place on the map in a shopping page');
  const forest = run('Deforestation in the Amazon rose again this year, Brazilian officials said on Tuesday.');
  const amazon = forest.entities.find((e) => e.name === 'Amazon');
  assert.equal(amazon?.type, 'LOC');
  assert.equal(amazon?.geo?.country, 'BR');
});

test('role titles and common acronyms name no one; the company after "CEO and Founder of" is kept', () => {
  const doc = run(
    '“We built it for the moon,” said Maria Keller, CEO and Founder of Ceres Robotics Inc., on Monday. ' +
      'Gamers can play on a console or PC from next month.',
  );
  const names = typed(doc);
  assert.ok(names.includes('ORG:Ceres Robotics Inc.'), names.join(', '));
  assert.ok(!doc.entities.some((e) => /^(?:CEO|PC|Founder)/.test(e.name)), names.join(', '));
});

test('a planet in a sentence about space is a place with no point on the map; a singer keeps his name', () => {
  const space = run('NASA wants to send astronauts to Mars by 2040. The plumes of Jupiter’s moon Europa hold water.');
  for (const name of ['Mars', 'Europa']) {
    const e = space.entities.find((x) => x.name === name);
    assert.equal(e?.type, 'LOC', typed(space).join(', '));
    assert.equal(e?.geo, undefined);
  }
  const concert = run('Bruno Mars played two sold-out nights in Las Vegas. Mars thanked the crowd.');
  assert.equal(concert.entities.find((e) => e.name === 'Bruno Mars')?.type, 'PERSON');
  assert.ok(!concert.entities.some((e) => e.type === 'LOC' && e.name === 'Mars'));
});

test('a region code alone is no place ("Face ID"); after a town it names the town’s region', () => {
  const phone = run('The phone unlocks with Face ID and the camera is sharper than last year’s.');
  assert.ok(!phone.entities.some((e) => e.geo), typed(phone).join(', '));
  const town = run('She moved to Boise, ID, last year to open a bakery.');
  const id = town.entities.find((e) => e.name === 'ID');
  assert.equal(id?.geo?.country, 'US');
});
