/**
 * The spotter's places: capitalised gazetteer names that no entity covers become GPE/LOC entities
 * (id `geo-N`) when kept on evidence, so the map does not depend on the recogniser finding every
 * place (see the stage's comment in index.ts).
 */
import type { Entity, Mention } from '../../model/analysis.ts';
import type { Doc } from '../../model/doc.ts';
import type { Gazetteer } from './gazetteer.ts';
import { nameKey } from './normalize.ts';
import type { Resolution } from './resolve.ts';
import { spotToponyms, spotVariants, type Spot } from './spot.ts';
import { SpanSet } from './spans.ts';
import { parentAfter, PLACE_TYPES, resolveMentions } from './context.ts';

/** Spotted single towns below this population need a locative preposition, a parent or country context. */
const SPOT_MIN_POP_FREE = 100_000;
/** Spotted towns below this population are dropped unless a parent names their region or country. */
const SPOT_MIN_POP = 1_000;
/** A lower-case letter: a line without one is written in capitals. */
const LOWER_LETTER = /\p{Ll}/u;
/** A word of two capitals or more (a line of digits and dashes is no line in capitals). */
const CAPS_WORD = /\p{Lu}{2,}/u;

/** Add spotted toponyms that no entity mention covers (see the module comment). */
export function addSpottedPlaces(doc: Doc, gaz: Gazetteer, demonymsOfText: () => Map<string, number>): void {
  const covered = new SpanSet(doc.entities.flatMap((e) => e.mentions));
  const taken = (s: number, e: number): boolean => covered.overlaps(s, e);
  const exact = spotToponyms(gaz, doc.text, taken);
  // Countries the exact spots and entities name: where transliteration variants are looked for.
  const named = new Set<string>();
  for (const s of exact) for (const p of s.places) if (p.kind === 'C') named.add(p.cc);
  for (const e of doc.entities)
    if (PLACE_TYPES.has(e.type)) for (const p of gaz.lookup(e.name)) if (p.kind === 'C') named.add(p.cc);
  const exactSpans = new SpanSet(exact);
  const takenOrSpotted = (s: number, e: number): boolean => taken(s, e) || exactSpans.overlaps(s, e);
  const spots = [...exact, ...spotVariants(gaz, doc.text, named, takenOrSpotted)].sort((a, b) => a.start - b.start);
  if (!spots.length) return;
  const res = resolveMentions(
    gaz,
    doc.text,
    spots.map((s) => ({ name: s.text, start: s.start, end: s.end })),
    demonymsOfText(),
  );
  // indices of the spots kept (into `spots` and `res`)
  const kept: number[] = [];
  spots.forEach((s, i) => {
    if (keepSpot(gaz, s, res[i], doc.text)) kept.push(i);
  });
  const byName = new Map<string, Entity>();
  for (const e of doc.entities) if (PLACE_TYPES.has(e.type)) byName.set(nameKey(e.name), e);
  const ids = new Set(doc.entities.map((e) => e.id));
  let n = 0;
  // entities given mentions here, their mentions sorted by start once at the end
  const grown = new Set<Entity>();
  for (const i of kept) {
    const s = spots[i];
    // `type` present: one mention shape
    const mention: Mention = { start: s.start, end: s.end, text: s.text, type: undefined };
    const k = nameKey(s.text);
    let e = byName.get(k);
    if (!e) {
      let id: string;
      do id = `geo-${++n}`;
      while (ids.has(id));
      ids.add(id);
      const place = res[i]!.place;
      e = {
        id,
        name: s.text,
        type: place.kind === 'R' ? 'LOC' : 'GPE',
        mentions: [],
        roles: [],
        aliases: [],
        geo: undefined,
      };
      doc.entities.push(e);
      byName.set(k, e);
    }
    e.mentions.push(mention);
    grown.add(e);
  }
  // (stable: a mention joins after those of the same start, as when sorted after each push)
  for (const e of grown) e.mentions.sort((a, b) => a.start - b.start);
  // mentions added to entities in place: the Doc's mention index must be built again
  if (kept.length) doc.entitiesChanged();
  if (kept.length) doc.info('geo', `spotter added ${kept.length} place mention(s) the recogniser missed`);
}

/** A capitalised word and a comma right before a spotted name: the town whose region it names. */
const AFTER_TOWN = /\p{Lu}[\p{L}.'’-]*,\s*$/u;

/** Whether a spotted name is kept as a place: countries and regions always, towns on evidence. */
function keepSpot(gaz: Gazetteer, s: Spot, r: Resolution | undefined, text: string): boolean {
  if (!r) return false;
  // In a line in capitals every word looks like a name or a code ("IN", "AS", "GB" in a results
  // table): an abbreviation there is no evidence, and the recogniser has read the line already.
  if (s.abbr && inCapsLine(text, s.start)) return false;
  const p = r.place;
  // A region's code alone is a place only as the parent of a town ("Boise, ID", "Austin, TX"):
  // elsewhere "ID", "IN", "OR" and "PA" are words, products and agencies ("Face ID", "PA Media").
  if (s.abbr && p.kind === 'A' && !AFTER_TOWN.test(text.slice(Math.max(0, s.start - 40), s.start))) return false;
  if (p.kind !== 'P' || s.abbr) return true;
  const parent = !!parentAfter(gaz, text, s.end);
  if (parent) return true;
  if (p.pop >= SPOT_MIN_POP_FREE || p.fcode === 'PPLC') return true;
  return p.pop >= SPOT_MIN_POP && s.locative;
}

/** Whether the line holding `offset` is written in capitals (a headline or a table row). */
function inCapsLine(text: string, offset: number): boolean {
  const from = text.lastIndexOf('\n', offset - 1) + 1;
  let to = text.indexOf('\n', offset);
  if (to < 0) to = text.length;
  const line = text.slice(from, to);
  return !LOWER_LETTER.test(line) && CAPS_WORD.test(line);
}
