/**
 * Exports of one analysis for conflict-data users: events as ACLED-like CSV, places and events as
 * GeoJSON. The CLI wires them as `--format csv|geojson`.
 */
import type { Analysis, Entity, Event } from '../model/analysis.ts';

/** ACLED-like columns, then sitrep's own (PLOVER coding and the evidence span). */
export const CSV_COLUMNS = [
  'event_date',
  'event_type',
  'sub_event_type',
  'actor1',
  'actor2',
  'location',
  'latitude',
  'longitude',
  'fatalities',
  'source',
  'notes',
  'plover_type',
  'plover_mode',
  'evidence_start',
  'evidence_end',
] as const;

/** PLOVER type (and mode) → ACLED event type and sub-event type (closest ACLED category). */
export function acledType(e: Pick<Event, 'type' | 'mode' | 'targets'>): [string, string] {
  const m = e.mode ?? '';
  switch (e.type) {
    case 'ASSAULT':
      if (m === 'aerial' || m === 'drone') return ['Explosions/Remote violence', 'Air/drone strike'];
      if (m === 'suicide-attack') return ['Explosions/Remote violence', 'Suicide bomb'];
      if (m === 'heavy-weapons') return ['Explosions/Remote violence', 'Shelling/artillery/missile attack'];
      if (m === 'explosives') return ['Explosions/Remote violence', 'Remote explosive/landmine/IED'];
      if (m === 'sexual') return ['Violence against civilians', 'Sexual violence'];
      if (m === 'abduct') return ['Violence against civilians', 'Abduction/forced disappearance'];
      if (e.targets.some((t) => t.sector === 'civilians')) return ['Violence against civilians', 'Attack'];
      return ['Battles', 'Armed clash'];
    case 'PROTEST':
      return m === 'riot' ? ['Riots', 'Violent demonstration'] : ['Protests', 'Peaceful protest'];
    case 'COERCE':
      if (m === 'arrest') return ['Strategic developments', 'Arrests'];
      if (m === 'seize' || m === 'destroy') return ['Strategic developments', 'Looting/property destruction'];
      return ['Strategic developments', 'Other'];
    case 'AGREE':
    case 'RETREAT':
      return m === 'ceasefire' || e.type === 'AGREE'
        ? ['Strategic developments', 'Agreement']
        : ['Strategic developments', 'Change to group/activity'];
    case 'MOBILIZE':
      return ['Strategic developments', 'Change to group/activity'];
    default:
      return ['Strategic developments', 'Other'];
  }
}

/**
 * Characters that make a spreadsheet read a cell as a formula (`=HYPERLINK(…)`, `+`, `-`, `@`, and
 * a leading tab or carriage return). Article text is hostile input, so a text cell starting with one
 * is neutralised as OWASP recommends for CSV injection: a leading apostrophe, which spreadsheets
 * show as text and do not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One CSV field, quoted when it holds a comma, quote or line break (RFC 4180); a text that a
 * spreadsheet would run as a formula gets a leading apostrophe. Numbers are written as they are.
 */
export function csvField(v: unknown): string {
  let s = v === undefined || v === null ? '' : String(v);
  if (typeof v === 'string' && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function actorName(a: Analysis, list: Event['actors']): string {
  return list
    .map((x) => a.entities.find((e) => e.id === x.entity)?.name ?? x.text)
    .filter((v, i, arr) => arr.indexOf(v) === i)
    .join('; ');
}

/** Events of one analysis as ACLED-like CSV (header + one row per event, CRLF line ends). */
export function eventsToCsv(a: Analysis): string {
  const rows = [CSV_COLUMNS.join(',')];
  for (const e of a.events) {
    const [type, sub] = acledType(e);
    const place = a.entities.find((x) => x.id === e.where);
    rows.push(
      [
        e.when ?? '',
        type,
        sub,
        actorName(a, e.actors),
        actorName(a, e.targets),
        place?.name ?? '',
        place?.geo?.lat ?? '',
        place?.geo?.lon ?? '',
        typeof e.dead === 'number' ? e.dead : '',
        a.source.publisher ?? a.source.url ?? a.source.path ?? '',
        e.text.replace(/\s+/g, ' ').trim() + (typeof e.dead === 'string' ? ` [dead: ${e.dead}]` : ''),
        e.type,
        e.mode ?? '',
        e.start,
        e.end,
      ]
        .map(csvField)
        .join(','),
    );
  }
  return rows.join('\r\n') + '\r\n';
}

export interface GeoJsonFeature {
  type: 'Feature';
  geometry: { type: 'Point'; coordinates: [number, number] };
  properties: Record<string, unknown>;
}
export interface GeoJsonFeatureCollection {
  type: 'FeatureCollection';
  features: GeoJsonFeature[];
}

function point(geo: NonNullable<Entity['geo']>): GeoJsonFeature['geometry'] {
  return { type: 'Point', coordinates: [geo.lon, geo.lat] };
}

/** Places (entities with coordinates) and events (at their place) of one analysis as GeoJSON. */
export function analysisToGeoJson(a: Analysis): GeoJsonFeatureCollection {
  const features: GeoJsonFeature[] = [];
  for (const e of a.entities) {
    if (!e.geo) continue;
    features.push({
      type: 'Feature',
      geometry: point(e.geo),
      properties: {
        kind: 'place',
        id: e.id,
        name: e.name,
        entityType: e.type,
        country: e.geo.country,
        mentions: e.mentions.length,
      },
    });
  }
  for (const ev of a.events) {
    const place = a.entities.find((x) => x.id === ev.where);
    if (!place?.geo) continue;
    features.push({
      type: 'Feature',
      geometry: point(place.geo),
      properties: {
        kind: 'event',
        id: ev.id,
        type: ev.type,
        mode: ev.mode ?? null,
        date: ev.when ?? null,
        place: place.name,
        actors: actorName(a, ev.actors),
        targets: actorName(a, ev.targets),
        dead: ev.dead ?? null,
        text: ev.text,
        start: ev.start,
        end: ev.end,
      },
    });
  }
  return { type: 'FeatureCollection', features };
}
