/** Test helpers: Docs with hand-made entities and times, for stages that read those layers. */
import { Doc } from '../../src/model/doc.ts';
import type { Entity, EntityType, TimeExpression } from '../../src/model/analysis.ts';

/** A Doc with hand-made entities: every occurrence of each name or alias is a mention. */
export interface EntSpec {
  name: string;
  type: EntityType;
  aliases?: string[];
  roles?: string[];
  geo?: Entity['geo'];
}

export function docWith(text: string, ents: EntSpec[], times: Omit<TimeExpression, 'start' | 'end'>[] = []): Doc {
  const doc = new Doc({ id: 't', source: { published: '2024-03-10' }, text });
  const paras: { start: number; end: number }[] = [];
  for (const m of text.matchAll(/[^\n]+/g)) paras.push({ start: m.index!, end: m.index! + m[0].length });
  doc.blocks = paras.map((p) => ({ kind: 'paragraph', ...p }));
  doc.entities = ents.map((s, i) => {
    const mentions: Entity['mentions'] = [];
    for (const n of [s.name, ...(s.aliases ?? [])].sort((a, b) => b.length - a.length)) {
      for (const m of text.matchAll(new RegExp(`\\b${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'g'))) {
        if (!mentions.some((x) => x.start <= m.index! && m.index! < x.end))
          mentions.push({ start: m.index!, end: m.index! + n.length, text: n });
      }
    }
    return {
      id: `e${i + 1}`,
      name: s.name,
      type: s.type,
      mentions: mentions.sort((a, b) => a.start - b.start),
      roles: s.roles ?? [],
      aliases: s.aliases ?? [],
      ...(s.geo ? { geo: s.geo } : {}),
    };
  });
  doc.times = times.map((t) => {
    const at = text.indexOf(t.text);
    return { ...t, start: at, end: at + t.text.length };
  });
  return doc;
}

export const idOf = (doc: Doc, name: string): string => doc.entities.find((e) => e.name === name)!.id;
