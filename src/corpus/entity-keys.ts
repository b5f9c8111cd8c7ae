/**
 * Keys that decide when an entity of one article is the same as an entity already in the corpus.
 *
 * People merge on a full name (two words or more) that the article gives them; a bare surname
 * only ever matches the same bare surname, so "Smith" never joins "John Smith" or "Jane Smith" —
 * merging people on a shared surname is the classic cross-document error. Organisations and
 * places merge on any of their names and aliases ("UK", "United Kingdom", "British").
 */
import type { Entity, EntityType } from '../model/analysis.ts';
import { honorificAlternation } from '../lexicon/lexicon.ts';

/** `honorific()`, built once the first time a person is keyed. */
let honorificPattern: RegExp | undefined;

/**
 * A title before a name, dropped before comparing person names ("Mr Lammy" → "lammy"): the
 * lexicon's honorifics (data/lexicons/honorifics.json), in any case, with or without a dot.
 */
function honorific(): RegExp {
  return (honorificPattern ??= new RegExp(`^(?:${honorificAlternation()})\\.?\\s+`, 'i'));
}
/** Descriptions ("the Foreign Secretary") are aliases inside one article, not names across articles. */
const DESCRIPTION = /^(the|a|an|his|her|its|their)\s/i;

/** Types that may merge with one another: GPE and LOC are both places. */
export function family(type: EntityType): string {
  return type === 'GPE' || type === 'LOC' ? 'PLACE' : type;
}

/**
 * A name as compared across articles: accents dropped, lower case, curly apostrophes straight, a
 * final possessive 's dropped, anything but letters, digits, apostrophes and hyphens a single space.
 * Most names are plain ASCII words ("Amira Haddad", "Al-Noor") that the patterns of
 * `normNameFull` would leave as they are once lower-cased; those skip them.
 */
export function normName(s: string): string {
  if (isPlainName(s)) {
    const lower = s.toLowerCase();
    if (!lower.endsWith("'s")) return lower;
  }
  return normNameFull(s);
}

/**
 * Whether a name is ASCII letters, digits, apostrophes and hyphens in words parted by single
 * spaces, with no space at either end: text that `normNameFull` only lower-cases (unless it
 * ends in 's).
 */
function isPlainName(s: string): boolean {
  const n = s.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x27 || c === 0x2d)
      continue; // a-z A-Z 0-9 ' -
    if (c === 0x20 && i > 0 && i < n - 1 && s.charCodeAt(i + 1) !== 0x20) continue; // a single space inside
    return false;
  }
  return true;
}

/** `normName` by its definition, for the names that are not plain (accents, punctuation, odd spacing). */
function normNameFull(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/'s$/, '')
    .replace(/[^\p{L}\p{N}' -]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Slug for a readable, stable corpus id: `person-keir-starmer`. */
export function slug(type: EntityType, name: string): string {
  const base = normName(name)
    .replace(/['\s]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
  return `${type.toLowerCase()}-${base || 'unnamed'}`;
}

/** The lookup keys of an article entity, strongest first. */
export function entityKeys(e: Entity): string[] {
  // Each distinct spelling once: an entity is mentioned by the same few names again and again.
  const names = [...new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)])].filter(
    (n) => !DESCRIPTION.test(n),
  );
  const keys = new Set<string>();
  if (e.type === 'PERSON') {
    for (const n of names) {
      const k = normName(n.replace(honorific(), ''));
      if (!k) continue;
      keys.add(k.includes(' ') ? k : `surname-only:${k}`);
    }
    // A full name makes the bare surname a property of this person in this article, not a key.
    if ([...keys].some((k) => !k.startsWith('surname-only:'))) {
      for (const k of [...keys]) if (k.startsWith('surname-only:')) keys.delete(k);
    }
  } else {
    for (const n of names) {
      const k = normName(n).replace(/^the /, '');
      if (k) keys.add(k);
    }
  }
  const first = normName(e.name.replace(honorific(), '')).replace(e.type === 'PERSON' ? /$^/ : /^the /, '');
  return [...keys].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
}
