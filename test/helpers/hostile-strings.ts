/**
 * Hostile strings for tests that compare a fast path with its plain form: random strings over the
 * characters such code treats apart, and news-like sentences with abbreviations, quotes and scripts.
 */
/** Strings over an alphabet of the characters the fast paths treat apart (surrogates, marks, spaces, quotes). */
export function nastyStrings(count: number, seed = 7): string[] {
  const alphabet = [
    'A',
    'b',
    'S',
    's',
    'T',
    'h',
    'e',
    '.',
    ',',
    '1',
    '2',
    '3',
    '-',
    "'",
    '’',
    '‘',
    ' ',
    '\n',
    'É',
    'é',
    '𝐀',
    '\ud800',
    '\udc00',
    '٣',
    '\u00a0',
    'ß',
    'ſ',
    '\u212a',
    'İ',
    '$',
    'x',
  ];
  let x = seed;
  const rnd = (n: number): number => (x = (x * 1103515245 + 12345) % 2147483648) % n;
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    let t = '';
    for (let i = rnd(16); i > 0; i--) t += alphabet[rnd(alphabet.length)];
    out.push(t);
  }
  return out;
}

export const NEWS = [
  'The U.S. and U.K.’s envoys met on 12 March; 1,250,000.75 people (12,34 or 1234,567) were counted by Kovač’s team.',
  'Starmer ‘s aide said the rock’n’roll-era deal was “off”, analysts at Brightwater Capital said on Tuesday.',
  'Officials familiar with the talks told reporters that a spokesman for the ministry had resigned. Ω.Σ. 𝐀.𝐁. ١٢٣ 𝟙𝟚',
  'SAID Insisted re-stated STATED said’s İnsisted \u212aelvin warned—claimed, “denied” x-said saidx',
];
