/**
 * Scoring an analysis against an analyst's gold file (the format of `../shared/seed/gold.json`).
 *
 * Each check follows the gold file's own `matching` rules: names compare case-insensitively after
 * trimming punctuation; an entity matches by its name or any alias; offsets are not compared.
 * Used by the seed acceptance test and by `npm run eval:seed`, which prints every check.
 */
import type { Analysis, Entity } from '../model/analysis.ts';

export interface Check {
  section: string;
  item: string;
  ok: boolean;
  /** Not required by the gold (marked optional); reported but not counted as a failure. */
  optional?: boolean;
  detail?: string;
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Gold = Record<string, any>;

/** Normalise a name or text for comparison: case, curly marks, punctuation at the edges, spaces. */
export function norm(s: string | null | undefined): string {
  return (s ?? '')
    .toLowerCase()
    .replace(/[‘’`´]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .replace(/^[\s"'.,;:!?()\-–—]+|[\s"'.,;:!?()\-–—]+$/g, '');
}

/** Every name the output uses for an entity: its name, aliases and mention texts. */
function namesOf(e: Entity): Set<string> {
  return new Set([e.name, ...e.aliases, ...e.mentions.map((m) => m.text)].map(norm));
}

function sameType(gold: string, out: string): boolean {
  const geo = (t: string) => t === 'GPE' || t === 'LOC';
  return gold === out || (geo(gold) && geo(out));
}

export function entitiesNamed(a: Analysis, ...names: string[]): Entity[] {
  const wanted = names.map(norm);
  return a.entities.filter((e) => {
    const ns = namesOf(e);
    return wanted.some((w) => ns.has(w));
  });
}

function entityMatches(e: Entity | undefined, goldName: string, gold: Gold): boolean {
  if (!e) return false;
  const g = (gold.entities as Gold[]).find((x) => norm(x.name) === norm(goldName));
  const names = g ? [g.name, ...(g.aliases ?? [])] : [goldName];
  const ns = namesOf(e);
  return names.some((n: string) => ns.has(norm(n)));
}

export function checkRemoved(a: Analysis, gold: Gold): Check[] {
  const body = a.blocks
    .filter((b) => b.kind !== 'caption')
    .map((b) => norm(a.text.slice(b.start, b.end)))
    .join('\n');
  const checks: Check[] = [];
  for (const line of gold.removed?.boilerplate ?? []) {
    const n = norm(line);
    const lines = body.split('\n').map((l) => l.trim());
    checks.push({ section: 'removed', item: line, ok: !lines.includes(n) });
  }
  for (const cap of gold.removed?.captions ?? []) {
    const n = norm(cap);
    const ok = !body.split('\n').some((p) => p.includes(n) || (n.length > 40 && p === n));
    checks.push({ section: 'removed', item: 'caption: ' + cap.slice(0, 50), ok });
  }
  return checks;
}

export function checkEntities(a: Analysis, gold: Gold): Check[] {
  const checks: Check[] = [];
  for (const g of gold.entities ?? []) {
    const found = entitiesNamed(a, g.name, ...(g.aliases ?? []));
    const item = `${g.name} (${g.type})`;
    if (found.length === 0) {
      checks.push({ section: 'entities', item, ok: false, detail: 'not found' });
      continue;
    }
    const problems: string[] = [];
    if (found.length > 1) problems.push(`split over ${found.length} entities: ${found.map((e) => e.name).join(' | ')}`);
    const best = found.find((e) => namesOf(e).has(norm(g.name))) ?? found[0];
    if (!sameType(g.type, best.type)) problems.push(`type ${best.type}`);
    for (const role of g.roles ?? []) {
      if (!best.roles.some((r) => norm(r).includes(norm(role))))
        problems.push(`role "${role}" missing (has ${JSON.stringify(best.roles)})`);
    }
    if (g.must_merge) {
      const holders = new Set(
        g.must_merge.map((m: string) =>
          entitiesNamed(a, m)
            .map((e) => e.id)
            .join(','),
        ),
      );
      if (holders.size !== 1 || [...holders][0] === '') problems.push(`must merge ${g.must_merge.join(' + ')}`);
    }
    checks.push({ section: 'entities', item, ok: problems.length === 0, detail: problems.join('; ') || undefined });
  }
  for (const bad of gold.not_entities ?? []) {
    const hit = a.entities.filter((e) => norm(e.name) === norm(bad));
    checks.push({ section: 'not_entities', item: bad, ok: hit.length === 0 });
  }
  return checks;
}

export function checkQuotes(a: Analysis, gold: Gold): Check[] {
  const checks: Check[] = [];
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  for (const g of gold.quotes ?? []) {
    const start = norm(g.starts);
    // A quotation carried on after its attribution may be output whole ("“…,” she said. “…”"): the
    // quote then holds the quotation, opening with a mark, inside it.
    const q =
      a.quotes.find((x) => norm(x.text).startsWith(start)) ??
      a.quotes.find((x) => norm(x.text).includes(`"${start}`) || norm(x.text).includes(`'${start}`));
    const item = `${g.speaker}: ${g.starts}`;
    if (!q) {
      checks.push({ section: 'quotes', item, ok: false, detail: 'not found' });
      continue;
    }
    const problems: string[] = [];
    if (!entityMatches(byId.get(q.speaker ?? ''), g.speaker, gold)) {
      problems.push(`speaker ${q.speaker ? byId.get(q.speaker)?.name : 'null'} (${q.speakerText})`);
    }
    if (g.kind && q.kind !== g.kind) problems.push(`kind ${q.kind}`);
    if (g.ends) {
      // A quotation running over paragraphs may be output whole or as consecutive quotes.
      const i = a.quotes.indexOf(q);
      const run = [q, ...a.quotes.slice(i + 1).filter((x) => x.speaker === q.speaker)];
      if (!run.some((x) => norm(x.text).endsWith(norm(g.ends)))) problems.push(`does not end "${g.ends}"`);
    }
    if (g.channel && !norm(q.channel).includes(norm(g.channel))) problems.push(`channel ${q.channel ?? 'none'}`);
    checks.push({ section: 'quotes', item, ok: problems.length === 0, detail: problems.join('; ') || undefined });
  }
  for (const bad of gold.not_quotes ?? []) {
    const hit = a.quotes.filter((q) => norm(q.text) === norm(bad));
    checks.push({ section: 'not_quotes', item: bad, ok: hit.length === 0 });
  }
  return checks;
}

export function checkClaims(a: Analysis, gold: Gold): Check[] {
  const checks: Check[] = [];
  for (const g of gold.claims ?? []) {
    const item = `${g.source_kind}: ${g.contains}`;
    const cands = a.claims.filter((c) => norm(c.text).includes(norm(g.contains)));
    if (!cands.length) {
      checks.push({ section: 'claims', item, ok: false, detail: 'not found' });
      continue;
    }
    const problemsOf = (c: (typeof cands)[number]) => {
      const p: string[] = [];
      if (c.source.kind !== g.source_kind) p.push(`source kind ${c.source.kind}`);
      if (
        g.source === null
          ? c.source.text !== null && c.source.kind !== 'unattributed'
          : !norm(c.source.text).includes(norm(g.source))
      ) {
        p.push(`source "${c.source.text}"`);
      }
      if (g.hedged && !c.hedged) p.push('not hedged');
      if (g.cue && !norm(c.cue).includes(norm(g.cue))) p.push(`cue "${c.cue}"`);
      return p;
    };
    const scored = cands.map((c) => ({ c, p: problemsOf(c) })).sort((x, y) => x.p.length - y.p.length);
    const p = scored[0].p;
    checks.push({ section: 'claims', item, ok: p.length === 0, detail: p.join('; ') || undefined });
  }
  return checks;
}

/** Leading words the gold allows a time expression to include or leave out. */
const OPTIONAL_TIME_LEAD = /^(on|in|at|during|by|the|a|an)\s+/;

export function checkTimes(a: Analysis, gold: Gold): Check[] {
  const checks: Check[] = [];
  const used = new Set<number>();
  const key = (s: string) => norm(s).replace(OPTIONAL_TIME_LEAD, '');
  for (const g of gold.times ?? []) {
    const item = `${g.text} = ${g.value}`;
    const i = a.times.findIndex((t, k) => !used.has(k) && key(t.text) === key(g.text) && t.value === g.value);
    if (i >= 0) {
      used.add(i);
      checks.push({ section: 'times', item, ok: true });
    } else {
      const near = a.times.filter((t) => key(t.text) === key(g.text)).map((t) => t.value);
      checks.push({
        section: 'times',
        item,
        ok: false,
        detail: near.length ? `found as ${near.join(', ')}` : 'not found',
      });
    }
  }
  return checks;
}

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = Math.PI / 180;
  const a =
    Math.sin(((lat2 - lat1) * r) / 2) ** 2 +
    Math.cos(lat1 * r) * Math.cos(lat2 * r) * Math.sin(((lon2 - lon1) * r) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(a));
}

export function checkGeo(a: Analysis, gold: Gold): Check[] {
  return (gold.geo ?? []).map((g: Gold): Check => {
    const item = `${g.name}`;
    const e = entitiesNamed(a, g.name).find((x) => x.geo);
    if (!e?.geo) return { section: 'geo', item, ok: false, detail: 'not geocoded' };
    if (g.country) {
      return { section: 'geo', item, ok: e.geo.country === g.country, detail: `country ${e.geo.country}` };
    }
    const km = haversineKm(g.lat, g.lon, e.geo.lat, e.geo.lon);
    return { section: 'geo', item, ok: km <= (g.tolerance_km ?? 50), detail: `${Math.round(km)} km off` };
  });
}

/** Predicates the gold's relation names are equivalent to. */
const PREDICATE_EQUIVALENTS: Record<string, string[]> = {
  role: ['role', 'title', 'position', 'holds_role', 'has_role'],
  founded: ['founded', 'founder', 'founder_of', 'founded_by'],
  member_of: ['member_of', 'affiliation', 'affiliated_with', 'member'],
  leads: ['leads', 'leader_of', 'heads'],
};

export function checkRelations(a: Analysis, gold: Gold): Check[] {
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  return (gold.relations ?? []).map((g: Gold): Check => {
    const item = `${g.subject} ${g.predicate} ${g.object}`;
    const preds = PREDICATE_EQUIVALENTS[g.predicate] ?? [g.predicate];
    const hit = a.relations.find((r) => {
      if (!entityMatches(byId.get(r.subject), g.subject, gold)) return false;
      if (!preds.includes(r.predicate)) return false;
      const obj = byId.get(r.object ?? '');
      return entityMatches(obj, g.object, gold) || norm(r.objectText).includes(norm(g.object));
    });
    return { section: 'relations', item, ok: !!hit };
  });
}

export function checkEvents(a: Analysis, gold: Gold): Check[] {
  const byId = new Map(a.entities.map((e) => [e.id, e]));
  const sentenceText = (offset: number) => {
    const s = a.sentences.find((x) => x.start <= offset && offset < x.end);
    return s ? a.text.slice(s.start, s.end) : '';
  };
  const actorMatches = (list: { entity: string | null; text: string }[], name: string) =>
    list.some((x) => {
      if (entityMatches(byId.get(x.entity ?? ''), name, gold)) return true;
      const g = (gold.entities as Gold[]).find((y) => norm(y.name) === norm(name));
      const names = g ? [g.name, ...(g.aliases ?? [])] : [name];
      return names.some((n: string) =>
        new RegExp(`\\b${norm(n).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).test(norm(x.text)),
      );
    });
  return (gold.events ?? []).map((g: Gold): Check => {
    const item = `${g.type}${g.mode ? '/' + g.mode : ''}: ${g.evidence}`;
    const cands = a.events.filter((ev) => norm(sentenceText(ev.start)).includes(norm(g.evidence)));
    if (!cands.length)
      return { section: 'events', item, ok: false, optional: g.optional, detail: 'no event in that sentence' };
    const problemsOf = (ev: (typeof a.events)[number]) => {
      const p: string[] = [];
      const types = g.accept_types ?? [g.type];
      if (!types.includes(ev.type)) p.push(`type ${ev.type}`);
      const modes = g.accept_modes ?? (g.mode ? [g.mode] : null);
      if (modes && !modes.includes(ev.mode ?? '')) p.push(`mode ${ev.mode}`);
      let actors = ev.actors;
      let targets = ev.targets;
      if (g.accept_swapped && g.actor && !actorMatches(actors, g.actor)) [actors, targets] = [targets, actors];
      if (g.actor && !actorMatches(actors, g.actor))
        p.push(`actor ${ev.actors.map((x) => x.text).join('|') || 'none'}`);
      if (g.target && !actorMatches(targets, g.target))
        p.push(`target ${ev.targets.map((x) => x.text).join('|') || 'none'}`);
      if (g.where && !entityMatches(byId.get(ev.where ?? ''), g.where, gold))
        p.push(`where ${byId.get(ev.where ?? '')?.name ?? 'none'}`);
      if (g.when && ev.when !== g.when) p.push(`when ${ev.when ?? 'none'}`);
      return p;
    };
    const best = cands.map((ev) => ({ ev, p: problemsOf(ev) })).sort((x, y) => x.p.length - y.p.length)[0];
    return {
      section: 'events',
      item,
      ok: best.p.length === 0,
      optional: g.optional,
      detail: best.p.join('; ') || undefined,
    };
  });
}

/** The sections that `sitrep analyze` (issue 2) is judged on. */
export const CORE_SECTIONS = ['removed', 'entities', 'quotes', 'claims', 'times'] as const;

export function scoreGold(a: Analysis, gold: Gold, sections: readonly string[] = CORE_SECTIONS): Check[] {
  const out: Check[] = [];
  if (sections.includes('removed')) out.push(...checkRemoved(a, gold));
  if (sections.includes('entities')) out.push(...checkEntities(a, gold));
  if (sections.includes('quotes')) out.push(...checkQuotes(a, gold));
  if (sections.includes('claims')) out.push(...checkClaims(a, gold));
  if (sections.includes('times')) out.push(...checkTimes(a, gold));
  if (sections.includes('geo')) out.push(...checkGeo(a, gold));
  if (sections.includes('relations')) out.push(...checkRelations(a, gold));
  if (sections.includes('events')) out.push(...checkEvents(a, gold));
  return out;
}
