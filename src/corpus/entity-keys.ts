/**
 * Keys that decide when an entity of one article is the same as an entity already in the corpus.
 *
 * People merge on a full name (two words or more) that the article gives them; a bare surname
 * only ever matches the same bare surname, so "Smith" never joins "John Smith" or "Jane Smith" —
 * merging people on a shared surname is the classic cross-document error. Organisations and
 * places merge on any of their names and aliases ("UK", "United Kingdom", "British").
 */
import type { Entity, EntityType } from '../model/analysis.ts';

/** Titles dropped before comparing person names ("Mr Lammy" → "lammy"). */
const HONORIFIC = /^(mr|mrs|ms|miss|mx|dr|sir|dame|lord|lady|prof|professor|rev|gen|col|capt|lt|sgt|sheikh)\.?\s+/i;
/** Descriptions ("the Foreign Secretary") are aliases inside one article, not names across articles. */
const DESCRIPTION = /^(the|a|an|his|her|its|their)\s/i;

/** Types that may merge with one another: GPE and LOC are both places. */
export function family(type: EntityType): string {
  return type === 'GPE' || type === 'LOC' ? 'PLACE' : type;
}

export function normName(s: string): string {
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
  const base = normName(name).replace(/['\s]+/g, '-').replace(/-+/g, '-').replace(/^-|-$/g, '');
  return `${type.toLowerCase()}-${base || 'unnamed'}`;
}

/** The lookup keys of an article entity, strongest first. */
export function entityKeys(e: Entity): string[] {
  // Each distinct spelling once: an entity is mentioned by the same few names again and again.
  const names = [...new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)])].filter((n) => !DESCRIPTION.test(n));
  const keys = new Set<string>();
  if (e.type === 'PERSON') {
    for (const n of names) {
      const k = normName(n.replace(HONORIFIC, ''));
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
  const first = normName(e.name.replace(HONORIFIC, '')).replace(e.type === 'PERSON' ? /$^/ : /^the /, '');
  return [...keys].sort((a, b) => (a === first ? -1 : b === first ? 1 : 0));
}
