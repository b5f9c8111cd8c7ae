/** Exports of corpus data: ACLED-like CSV and GeoJSON of events, GEXF and GraphML of the entity graph. */
import type { CorpusEventRow } from './corpus.ts';
import { acledType, csvField } from '../export/events.ts';

/** ACLED-like columns (what conflict-data users load), then sitrep's own. */
export const EVENT_CSV_COLUMNS = [
  'event_id_cnty',
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
  'sources_count',
  'injured',
] as const;

export function csvLine(values: unknown[]): string {
  return values.map(csvField).join(',');
}

export function eventsToCsv(events: CorpusEventRow[]): string {
  const lines = [EVENT_CSV_COLUMNS.join(',')];
  for (const e of events) {
    lines.push(
      csvLine([
        `SITREP${e.id}`,
        e.date ?? '',
        ...acledType({ type: e.type, mode: e.mode ?? undefined, targets: [] }),
        e.actors.map((a) => a.name).join('; '),
        e.targets.map((a) => a.name).join('; '),
        e.place?.name ?? '',
        e.place?.lat ?? '',
        e.place?.lon ?? '',
        /^\d+$/.test(e.dead ?? '') ? e.dead : '',
        [...new Set(e.mentions.map((m) => m.title ?? `article ${m.article}`))].join('; '),
        e.mentions[0]?.text ?? '',
        e.type,
        e.mode ?? '',
        e.sources,
        e.injured ?? '',
      ]),
    );
  }
  return lines.join('\n') + '\n';
}

export function eventsToGeoJson(events: CorpusEventRow[]) {
  return {
    type: 'FeatureCollection' as const,
    features: events
      .filter((e) => e.place && e.place.lat !== null && e.place.lon !== null)
      .map((e) => ({
        type: 'Feature' as const,
        geometry: { type: 'Point' as const, coordinates: [e.place!.lon, e.place!.lat] },
        properties: {
          id: e.id,
          type: e.type,
          mode: e.mode,
          date: e.date,
          place: e.place!.name,
          actors: e.actors.map((a) => a.name),
          targets: e.targets.map((a) => a.name),
          dead: e.dead,
          injured: e.injured,
          sources: e.sources,
          evidence: e.mentions[0]?.text ?? null,
        },
      })),
  };
}

export interface Graph {
  nodes: Array<{ id: string; label: string; type: string; weight: number }>;
  edges: Array<{ source: string; target: string; kind: string; weight: number }>;
}

export function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

export function graphToGexf(g: Graph): string {
  const x = xmlEscape;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<gexf xmlns="http://gexf.net/1.3" version="1.3">',
    '  <graph defaultedgetype="undirected">',
    '    <attributes class="node"><attribute id="type" title="type" type="string"/>' +
      '<attribute id="weight" title="articles" type="integer"/></attributes>',
    '    <attributes class="edge"><attribute id="kind" title="kind" type="string"/></attributes>',
    '    <nodes>',
    ...g.nodes.map(
      (n) =>
        `      <node id="${x(n.id)}" label="${x(n.label)}"><attvalues>` +
        `<attvalue for="type" value="${x(n.type)}"/><attvalue for="weight" value="${n.weight}"/></attvalues></node>`,
    ),
    '    </nodes>',
    '    <edges>',
    ...g.edges.map(
      (e, i) =>
        `      <edge id="${i}" source="${x(e.source)}" target="${x(e.target)}" weight="${e.weight}">` +
        `<attvalues><attvalue for="kind" value="${x(e.kind)}"/></attvalues></edge>`,
    ),
    '    </edges>',
    '  </graph>',
    '</gexf>',
    '',
  ].join('\n');
}

export function graphToGraphml(g: Graph): string {
  const x = xmlEscape;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    '  <key id="label" for="node" attr.name="label" attr.type="string"/>',
    '  <key id="type" for="node" attr.name="type" attr.type="string"/>',
    '  <key id="articles" for="node" attr.name="articles" attr.type="int"/>',
    '  <key id="kind" for="edge" attr.name="kind" attr.type="string"/>',
    '  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>',
    '  <graph id="sitrep" edgedefault="undirected">',
    ...g.nodes.map(
      (n) =>
        `    <node id="${x(n.id)}"><data key="label">${x(n.label)}</data><data key="type">${x(n.type)}</data>` +
        `<data key="articles">${n.weight}</data></node>`,
    ),
    ...g.edges.map(
      (e) =>
        `    <edge source="${x(e.source)}" target="${x(e.target)}"><data key="kind">${x(e.kind)}</data>` +
        `<data key="weight">${e.weight}</data></edge>`,
    ),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}
