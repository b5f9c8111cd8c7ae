/** The readable terminal report of one analysis. */
import type { Analysis, Entity, EntityType } from '../model/analysis.ts';

export interface ReportOptions {
  color?: boolean;
  /** Longest quote or claim text shown before it is cut with an ellipsis. */
  maxText?: number;
}

const SECTION_TYPES: Array<[string, EntityType[]]> = [
  ['People', ['PERSON']],
  ['Organisations', ['ORG']],
  ['Places', ['GPE', 'LOC']],
  ['Groups', ['NORP']],
  ['Other names', ['MISC']],
];

export function renderReport(a: Analysis, options: ReportOptions = {}): string {
  const c = painter(options.color ?? false);
  const max = options.maxText ?? 240;
  const out: string[] = [];
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const nameOf = (id: string | null | undefined, fallback?: string | null) =>
    (id && byId.get(id)?.name) || fallback || 'unknown';
  const sentenceOf = (offset: number) => a.sentences.find((s) => s.start <= offset && offset < s.end);

  const titleBlock = a.blocks.find((b) => b.kind === 'title');
  const title = a.source.title ?? (titleBlock ? a.text.slice(titleBlock.start, titleBlock.end) : a.id);
  out.push(c.bold(title));
  const inferred = a.publishedInferred ? `published ${a.publishedInferred.value} (read from the text)` : undefined;
  const meta = [a.source.publisher, a.source.published ?? inferred, a.source.url ?? a.source.path].filter(Boolean);
  if (meta.length) out.push(c.dim(meta.join(' · ')));
  out.push(
    c.dim(
      `${a.sentences.length} sentences · ${a.entities.length} entities · ${a.quotes.length} quotes · ` +
        `${a.claims.length} claims · ${a.times.length} dates · ${a.events.length} events`,
    ),
  );

  const lede = a.blocks.find((b) => b.kind === 'paragraph');
  if (lede) {
    const s = sentenceOf(lede.start);
    out.push('', c.head('Lede'), '  ' + cut(a.text.slice(lede.start, s ? s.end : lede.end), max * 2));
  }

  for (const [label, types] of SECTION_TYPES) {
    const list = a.entities.filter((e) => types.includes(e.type)).sort(byMentions);
    if (!list.length) continue;
    out.push('', c.head(label));
    for (const e of list) out.push('  ' + entityLine(e, c));
  }

  if (a.events.length) {
    out.push('', c.head('Events'));
    for (const ev of a.events) {
      const who = ev.actors.map((x) => nameOf(x.entity, x.text)).join(', ') || '?';
      const whom = ev.targets.map((x) => nameOf(x.entity, x.text)).join(', ');
      const facts = [
        ev.where ? `in ${nameOf(ev.where)}` : '',
        ev.when ? `on ${ev.when}` : '',
        ev.dead !== undefined ? `dead: ${ev.dead}` : '',
      ].filter(Boolean);
      out.push(
        `  ${c.bold(ev.type)}${ev.mode ? '/' + ev.mode : ''} ${who}${whom ? ' → ' + whom : ''}` +
          (facts.length ? c.dim(' · ' + facts.join(' · ')) : ''),
      );
      out.push('    ' + c.dim(cut(ev.text, max)));
    }
  }

  if (a.quotes.length) {
    out.push('', c.head('Quotes'));
    const groups = new Map<string, typeof a.quotes>();
    for (const q of a.quotes) {
      const key = nameOf(q.speaker, q.speakerText ?? 'unattributed');
      groups.set(key, [...(groups.get(key) ?? []), q]);
    }
    for (const [speaker, quotes] of groups) {
      out.push('  ' + c.bold(speaker));
      for (const q of quotes) {
        const how = [q.kind, q.cue, q.channel].filter(Boolean).join(', ');
        out.push(`    “${cut(q.text, max)}”` + c.dim(` (${how})`));
      }
    }
  }

  if (a.claims.length) {
    out.push('', c.head('Claims'));
    for (const cl of a.claims) {
      const src = cl.source.entity ? nameOf(cl.source.entity) : (cl.source.text ?? 'no source given');
      const tag = `${cl.source.kind}: ${src}${cl.cue ? `, “${cl.cue}”` : ''}${cl.hedged ? ', hedged' : ''}`;
      out.push(`  ${cut(cl.text, max)}`, '    ' + c.dim(`[${tag}]`));
    }
  }

  // PRESENT_REF, PAST_REF, FUTURE_REF ("now", "recently") have no place on a timeline.
  const placed = a.times.filter((t) => !t.value.endsWith('_REF'));
  if (placed.length) {
    out.push('', c.head('Timeline'));
    const dated = [...placed].sort((x, y) => (x.value < y.value ? -1 : x.value > y.value ? 1 : x.start - y.start));
    for (const t of dated) {
      const s = sentenceOf(t.start);
      const ctx = s ? cut(a.text.slice(s.start, s.end), 110) : '';
      out.push(`  ${c.bold(t.value.padEnd(11))} ${t.text}` + c.dim(` (${t.kind})${ctx ? ' — ' + ctx : ''}`));
    }
  }

  if (a.removed.length) {
    out.push('', c.head('Removed from the body'));
    for (const r of a.removed) out.push(`  ${cut(r.text, 80)}` + c.dim(` (${r.reason})`));
  }
  for (const m of a.messages) if (m.level === 'warning') out.push(c.dim(`note [${m.stage}]: ${m.text}`));
  return out.join('\n') + '\n';
}

function entityLine(e: Entity, c: Painter): string {
  const parts = [c.bold(e.name)];
  if (e.roles.length) parts.push(e.roles.join('; '));
  const aliases = e.aliases.filter((x) => x !== e.name);
  if (aliases.length) parts.push(c.dim('aka ' + aliases.join(', ')));
  if (e.geo) parts.push(c.dim(`${e.geo.lat.toFixed(2)}, ${e.geo.lon.toFixed(2)} ${e.geo.country}`));
  parts.push(c.dim(`×${e.mentions.length}`));
  return parts.join(' — ');
}

function byMentions(a: Entity, b: Entity): number {
  return b.mentions.length - a.mentions.length || a.mentions[0].start - b.mentions[0].start;
}

function cut(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? flat.slice(0, max - 1) + '…' : flat;
}

interface Painter {
  bold(s: string): string;
  dim(s: string): string;
  head(s: string): string;
}

function painter(on: boolean): Painter {
  const wrap = (code: string) => (s: string) => (on ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { bold: wrap('1'), dim: wrap('2'), head: wrap('1;4') };
}
