/**
 * The drawing helpers of the timeline, map and network, without a browser: ticks for any range,
 * periods of coarse dates, clusters that hide no point, labels that never overlap.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dateMs, datePeriod, filterPeriod, timeTicks } from '../src/ui/charts.ts';
import { cluster, placeLabels } from '../src/ui/viewport.ts';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

test('ticks cover any range, at the precision of their step, never more than asked for plus one', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['1963-01-01', '2025-12-31', /^\d{4}$/],
    ['2025-01-01', '2026-06-01', /^\d{4}-\d{2}$/],
    ['2026-03-01', '2026-03-11', /^\d{4}-\d{2}-\d{2}$/],
    ['0500-01-01', '2025-01-01', /^\d{3,4}$/],
  ];
  for (const [from, to, shape] of cases)
    for (const max of [3, 6, 9, 14]) {
      const t = timeTicks(day(from), day(to), max);
      assert.ok(t.length >= 2 && t.length <= max + 1, `${from}–${to} max ${max}: ${t.length} ticks`);
      for (const tk of t) {
        assert.match(tk.label, shape);
        assert.ok(tk.t >= day(from) && tk.t <= day(to), `${tk.label} inside ${from}–${to}`);
      }
      // the ticks reach the end of the range: the gap after the last is at most one step
      const step = t[1]!.t - t[0]!.t;
      assert.ok(day(to) - t[t.length - 1]!.t <= step * 1.1, `${from}–${to}: last tick ${t[t.length - 1]!.label}`);
    }
  assert.deepEqual(
    timeTicks(day('1963-01-01'), day('2025-12-31'), 7).map((t) => t.label),
    ['1970', '1980', '1990', '2000', '2010', '2020'],
  );
});

test('coarse dates are periods; a filter day covers the whole day', () => {
  assert.deepEqual(datePeriod('1989-Q3'), { start: day('1989-07-01'), end: day('1989-10-01') });
  assert.deepEqual(datePeriod('199X'), { start: day('1990-01-01'), end: day('2000-01-01') });
  assert.deepEqual(datePeriod('2026-02'), { start: day('2026-02-01'), end: day('2026-03-01') });
  assert.equal(new Date(datePeriod('0050')!.start).getUTCFullYear(), 50, 'years before 100 are not 19xx');
  assert.equal(datePeriod('2026-02-03'), null);
  assert.deepEqual(datePeriod('2025-SU'), { start: day('2025-06-01'), end: day('2025-09-01') });
  assert.deepEqual(datePeriod('2025-WI'), { start: day('2025-12-01'), end: day('2026-03-01') });
  assert.deepEqual(datePeriod('2025-H2'), { start: day('2025-07-01'), end: day('2026-01-01') });
  assert.deepEqual(datePeriod('2025-W39-WE')?.start, datePeriod('2025-W39')!.start);
  assert.equal(dateMs('2025-10-26TNI'), day('2025-10-26') + 12 * 3600e3, 'a day with its time of day');
  assert.ok(Math.abs(dateMs('2025-XX') - day('2025-07-02')) < 864e5, 'another shape: its year');
  assert.deepEqual(filterPeriod('2026-02-03'), { start: day('2026-02-03'), end: day('2026-02-04') });
});

test('clusters: points on one spot or close together are one cluster counting them all', () => {
  const pts = [
    ...[1, 2, 3, 4].map((i) => ({ x: 100, y: 50, weight: i, item: `kessel-${i}` })),
    { x: 108, y: 54, weight: 1, item: 'near' },
    { x: 300, y: 50, weight: 1, item: 'far' },
  ];
  const out = cluster(pts, 16);
  assert.equal(out.length, 2);
  assert.deepEqual(out.map((c) => c.items.length).sort(), [1, 5]);
  assert.deepEqual(out.flatMap((c) => c.items).sort(), pts.map((p) => p.item).sort(), 'no point lost');
  assert.equal(cluster(pts, 2).length, 3, 'closer clustering at a deeper zoom');
});

test('labels: placed beside their points where they overlap nothing, left out otherwise', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({
    x: 20 + (i % 10) * 40,
    y: 20 + Math.floor(i / 10) * 18,
    r: 4,
    width: 50 + (i % 3) * 20,
    height: 13,
  }));
  const placed = placeLabels(items, { width: 440, height: 140 });
  const boxes = placed.flatMap((p) => (p ? [p.box] : []));
  assert.ok(boxes.length >= 10 && boxes.length < items.length, `${boxes.length} labels`);
  boxes.forEach((a, i) =>
    boxes
      .slice(i + 1)
      .forEach((b) => assert.ok(!(a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]), 'overlap')),
  );
  for (const b of boxes) assert.ok(b[0] >= 0 && b[2] <= 440, 'inside the drawing');
  boxes.forEach((b) =>
    items.forEach((p) =>
      assert.ok(p.x + p.r <= b[0] || p.x - p.r >= b[2] || p.y + p.r <= b[1] || p.y - p.r >= b[3], 'over a point'),
    ),
  );
});
