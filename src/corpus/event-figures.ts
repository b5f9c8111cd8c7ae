/**
 * The dead and injured of a corpus event. Each report (event mention) keeps the figures its
 * sentence gives; the event carries those of its latest report that gives them, one figure at a
 * time (`LATEST_REPORT`): tolls are revised as they rise, so a later report's "at least 14 dead"
 * replaces an earlier "9 dead", whatever order the articles were stored in. Every report's figure
 * stays readable in `event_mentions`.
 */
import { inList, type Db, type Param, type Statement } from './db.ts';
import { storedAnalyses } from './stored-analysis.ts';
import { Writes } from './writes.ts';

/** The figures a report can give. */
const FIGURES = ['dead', 'injured'] as const;

/** A count of the analysis (a number, or text such as "at least 14" or "dozens") as stored, or null. */
export function figure(count: number | string | undefined): string | null {
  return count === undefined || count === '' ? null : String(count);
}

/**
 * Which report of an event is the latest: the latest published, then the latest stored (a report
 * with no publication day counts as older than any dated one).
 */
const LATEST_REPORT = 'ORDER BY a.published IS NULL, a.published DESC, m.id DESC LIMIT 1';

/** The figure `col` of the event's latest report that gives one; the event's own when none does. */
const latestFigure = (col: (typeof FIGURES)[number]) =>
  `${col} = coalesce((SELECT m.${col} FROM event_mentions m JOIN articles a ON a.id = m.article_id
     WHERE m.event_id = events.id AND m.${col} IS NOT NULL ${LATEST_REPORT}), ${col})`;

/** SET clause giving events the figures of their latest reports. */
const SET_LATEST = `SET ${FIGURES.map(latestFigure).join(', ')}`;

/**
 * The statement that gives these events the figures of their latest reports: run after their new
 * reports are stored (none when no event is given).
 */
export function latestFiguresOf(eventIds: Iterable<number>): Statement[] {
  const ids = [...new Set(eventIds)];
  if (!ids.length) return [];
  const by = inList(ids);
  return [{ sql: `UPDATE events ${SET_LATEST} WHERE id IN (${by.marks})`, params: by.params }];
}

/**
 * Migration 7: the figures of every stored report, read from the stored analyses (a report is its
 * article's event with the same type and offsets), and every event that has some given those of
 * its latest report.
 */
export async function fillEventFigures(db: Db): Promise<void> {
  for await (const arts of storedAnalyses(db)) {
    const writes = new Writes();
    for (const { id, analysis } of arts) {
      for (const ev of analysis.events) {
        const dead = figure(ev.dead);
        const injured = figure(ev.injured);
        if (dead === null && injured === null) continue;
        const params: Param[] = [dead, injured, id, ev.type, ev.start, ev.end];
        writes.run(
          'UPDATE event_mentions SET dead = ?, injured = ? ' +
            'WHERE article_id = ? AND type = ? AND start_offset = ? AND end_offset = ?',
          params,
        );
      }
    }
    await db.runAll(writes.list);
  }
  await db.run(
    `UPDATE events ${SET_LATEST}
     WHERE id IN (SELECT event_id FROM event_mentions WHERE dead IS NOT NULL OR injured IS NOT NULL)`,
  );
}
