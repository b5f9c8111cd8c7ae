/**
 * What the entity stage builds: mentions as read from the labels (`RawMention`) and entities under
 * construction (`Work`), each made with every field present so that V8 keeps one object shape.
 */
import type { EntityType, Mention } from '../../model/analysis.ts';
import { honorificGender, type Gender } from '../../lexicon/lexicon.ts';

/** A mention as read from the labels, with what the entity stage learns of it. */
export interface RawMention extends Mention {
  type: EntityType;
  /** The honorific or rank before the name, if any ("Mr", "Brigadier"), and where it starts. */
  honorific?: string;
  /** The rank, when the title before the name is a military or police rank (also a role). */
  rank?: string;
  honorificStart?: number;
  /** Country code for countries and their demonyms. */
  country?: string;
  demonym?: boolean;
  entity?: Work;
}

/** An entity under construction. */
export interface Work {
  type: EntityType;
  mentions: RawMention[];
  roles: string[];
  aliases: string[];
  country?: string;
  gender?: Gender;
  /** Words of the longest full name ("Keir Starmer"), for surname matching. */
  key: string;
}

/**
 * A mention with every optional field present (undefined until set): one object shape for all
 * mentions keeps V8's code for them fast (fields added later would give each mix its own shape).
 */
export function rawMention(start: number, end: number, text: string, type: EntityType): RawMention {
  return {
    start,
    end,
    text,
    type,
    honorific: undefined,
    rank: undefined,
    honorificStart: undefined,
    country: undefined,
    demonym: undefined,
    entity: undefined,
  };
}

/** A new entity holding the mention `m`, grouped under `key`. */
export function newWork(m: RawMention, key: string): Work {
  // every field in one literal: one object shape (see rawMention)
  const w: Work = { type: m.type, mentions: [], roles: [], aliases: [], country: undefined, gender: undefined, key };
  add(w, m);
  return w;
}

/** Adds the mention `m` to `w`; an honorific gives the entity a gender if it has none yet. */
export function add(w: Work, m: RawMention): void {
  w.mentions.push(m);
  m.entity = w;
  if (m.honorific && !w.gender) w.gender = honorificGender(m.honorific);
}
