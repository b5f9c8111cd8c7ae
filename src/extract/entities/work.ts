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

/**
 * The starts of the mentions of some entities, each list sorted, kept as mentions are added
 * (`added`): `nearest` reads two starts per entity by binary search rather than every mention (the
 * grouping asks it for each short name, and its cost grew with the square of the article's mentions).
 */
export class MentionStarts {
  private readonly starts = new Map<Work, number[]>();

  /** Records that `w` gained a mention starting at `start` (after `add`). */
  added(w: Work, start: number): void {
    const l = this.starts.get(w);
    if (l) l.splice(firstAbove(l, start), 0, start);
  }

  /**
   * The entity of `works` with a mention nearest to `offset`, a mention after it counting four times
   * its distance; the first in `works` on a tie: coref's `nearest`, read from the sorted starts.
   */
  nearest(works: Work[], offset: number): Work | undefined {
    let best: Work | undefined;
    let bestDist = Infinity;
    for (const w of works) {
      let l = this.starts.get(w);
      if (!l) this.starts.set(w, (l = w.mentions.map((m) => m.start).sort((a, b) => a - b)));
      const k = firstAbove(l, offset);
      // the last start at or before `offset`, and the first after it
      const d = Math.min(k > 0 ? offset - l[k - 1] : Infinity, k < l.length ? (l[k] - offset) * 4 : Infinity);
      if (d < bestDist) {
        bestDist = d;
        best = w;
      }
    }
    return best;
  }
}

/** Index of the first number of the sorted `l` above `x`. */
function firstAbove(l: number[], x: number): number {
  let lo = 0;
  let hi = l.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l[mid] <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
