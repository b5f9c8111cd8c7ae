/**
 * `npm run build:ner-gazetteer`: writes `data/name-lists/gazetteer-keys.tsv`, the key table the
 * entity recogniser's gazetteer loads (`src/nlp/ner/gazetteer.ts`, `loadGazetteer`): every name of
 * the built lists of `data/name-lists/` and of the `ner-gazetteer` lexicon, keyed as the tagger keys
 * tokens, with the mask of its kinds, sorted, after a line naming the sources and their sizes. Run it after changing a list, the lexicon or the keying
 * (`nameKeys`, `gazKey`); `test/ner-gazetteer.test.ts` fails while the table is not current.
 * Deterministic: the same lists give the same file byte for byte.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { KEY_TABLE, formatKeyTable, gazetteerDir, listedNames, sourcesLine } from '../src/nlp/ner/gazetteer.ts';

const file = path.join(gazetteerDir(), KEY_TABLE);
const table = formatKeyTable(listedNames());
writeFileSync(file, `${sourcesLine()}\n${table}`);
console.log(`wrote ${path.relative(process.cwd(), file)}: ${table.split('\n').length - 1} keys`);
