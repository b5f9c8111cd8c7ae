/**
 * Event rows as the listings read them (`Corpus.events`, the timeline of server/api-map.ts): the
 * names of their actors and targets in as few queries as their number needs, the fields every
 * listing gives an event, and its evidence sentences.
 */
import type { CorpusEventRow } from './corpus.ts';
import { placeholders as marks, type Db } from './db.ts';

/** Entity ids per query: far under either database's limit on parameters. */
const CHUNK = 500;

/** A party of an event: its id and name (the id when the entity is gone). */
export type Party = (id: string) => { id: string; name: string };

/** The actors and targets of event rows (`actors`, `targets`: JSON lists of entity ids), named. */
export async function partyNames(db: Db, rows: Array<Record<string, unknown>>): Promise<Party> {
  const ids = [
    ...new Set(
      rows.flatMap((r) => [
        ...(JSON.parse(String(r.actors)) as string[]),
        ...(JSON.parse(String(r.targets)) as string[]),
      ]),
    ),
  ];
  const names = new Map<string, string>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const n of await db.all<{ id: string; name: string }>(
      `SELECT id, name FROM entities WHERE id IN (${marks(chunk.length)})`,
      chunk,
    ))
      names.set(n.id, n.name);
  }
  return (id) => ({ id, name: names.get(id) ?? id });
}

/** What every listing gives an event row (`events ev` with its place joined as `place_name`, `lat`, `lon`). */
export function eventFields(r: Record<string, unknown>, party: Party): Omit<CorpusEventRow, 'sources' | 'mentions'> {
  return {
    id: Number(r.id),
    type: String(r.type),
    mode: (r.mode as string) ?? null,
    date: (r.date as string) ?? null,
    place: r.place_id
      ? {
          id: String(r.place_id),
          name: String(r.place_name),
          lat: r.lat === null || r.lat === undefined ? null : Number(r.lat),
          lon: r.lon === null || r.lon === undefined ? null : Number(r.lon),
        }
      : null,
    actors: (JSON.parse(String(r.actors)) as string[]).map(party),
    targets: (JSON.parse(String(r.targets)) as string[]).map(party),
    dead: (r.dead as string) ?? null,
    injured: (r.injured as string) ?? null,
  };
}

/** An event's report as the evidence reads it (`event_mentions m` with its article `a`). */
export interface EvidenceRow {
  article_id: number;
  story_id: number;
  text: string;
  start_offset: number;
  published: string | null;
  title: string | null;
}

/** An event's evidence in the reports' order, one line per sentence (mentions in one sentence show it once). */
export function evidence(reports: readonly EvidenceRow[]): CorpusEventRow['mentions'] {
  const seen = new Set<string>();
  return reports
    .filter((m) => {
      const key = `${m.article_id}\u0000${m.text}`;
      return !seen.has(key) && !!seen.add(key);
    })
    .map((m) => ({
      article: Number(m.article_id),
      story: Number(m.story_id),
      text: m.text,
      start: Number(m.start_offset),
      published: m.published,
      title: m.title,
    }));
}
