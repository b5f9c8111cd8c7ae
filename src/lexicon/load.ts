/**
 * Where word lists come from: `data/lexicons/`, one JSON file a list (or a family of lists),
 * each saying what it is, where it came from and who reads it. Code names a list; it never spells
 * one out again.
 *
 * File format: an object whose keys starting with `_` document it (`_about` what it is and why,
 * `_source` where the words came from, `_usedBy` the modules that read it) and whose other keys are
 * the lists (`string[]`) or tables (`Record<string, …>`). Files load lazily, once per process, and
 * are read-only after.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `data/` of the repository (or of the installed package). */
export const DATA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data');
export const LEXICON_DIR = path.join(DATA_DIR, 'lexicons');

const files = new Map<string, Record<string, unknown>>();

/** The parsed lexicon file `data/lexicons/<name>.json` (cached). */
export function lexiconFile(name: string): Record<string, unknown> {
  let f = files.get(name);
  if (!f) {
    f = JSON.parse(readFileSync(path.join(LEXICON_DIR, `${name}.json`), 'utf8')) as Record<string, unknown>;
    files.set(name, f);
  }
  return f;
}

/** One list of a lexicon file: `wordList('honorifics', 'male')`. Throws when it is not a list of strings. */
export function wordList(name: string, key: string): readonly string[] {
  const v = lexiconFile(name)[key];
  if (!Array.isArray(v) || v.some((w) => typeof w !== 'string')) {
    throw new Error(`data/lexicons/${name}.json: "${key}" is not a list of words`);
  }
  return v as string[];
}

/** One list as a set, optionally with every entry lower-cased. */
export function wordSet(name: string, key: string, lowerCase = false): ReadonlySet<string> {
  const words = wordList(name, key);
  return new Set(lowerCase ? words.map((w) => w.toLowerCase()) : words);
}

/** One table of a lexicon file (`{ "said": "say", … }`). */
export function wordTable<T = string>(name: string, key: string): Readonly<Record<string, T>> {
  const v = lexiconFile(name)[key];
  if (!v || typeof v !== 'object' || Array.isArray(v))
    throw new Error(`data/lexicons/${name}.json: "${key}" is not a table`);
  return v as Record<string, T>;
}

/**
 * A regular-expression alternation of a list's entries, in file order (a file lists a longer entry
 * before its prefix: "Secretary of State" before "Secretary"). Entries are matched literally unless
 * `raw` (entries that are themselves pattern pieces, as their file documents).
 */
export function alternation(name: string, key: string, raw = false): string {
  return wordList(name, key)
    .map((w) => (raw ? w : escapeRegExp(w)))
    .join('|');
}

export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
