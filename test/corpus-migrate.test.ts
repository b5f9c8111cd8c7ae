/**
 * Schema migrations carry existing data forward: a database at schema version 3 (event parties
 * without their event's type and day) is upgraded in place by opening it, on both backends.
 */
import { test, describe, after } from 'node:test';
import assert from 'node:assert/strict';
import { Corpus } from '../src/corpus/corpus.ts';
import { openDb } from '../src/corpus/db.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../src/corpus/schema.ts';
import { backends } from './helpers/corpus-backends.ts';

for (const backend of backends()) {
  describe(`migrations on ${backend.name}`, { skip: backend.skip }, () => {
    after(() => backend.cleanup());

    test('a version-3 database gains event-party types and days on open, keeping its rows', async () => {
      const spec = await backend.fresh();
      const db = await openDb(spec);
      await db.exec('CREATE TABLE sitrep_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)');
      for (const m of MIGRATIONS.filter((x) => x.version <= 3))
        await db.exec(db.dialect === 'sqlite' ? m.sqlite : m.postgres);
      await db.run("INSERT INTO sitrep_meta (key, value) VALUES ('schema_version', '3')");
      await db.run(
        "INSERT INTO entities (id, type, name) VALUES ('org-harbour-guard', 'ORG', 'Harbour Guard'), ('gpe-velmora', 'GPE', 'Velmora')",
      );
      const ev = await db.get<{ id: number }>(
        "INSERT INTO events (type, mode, place_id, date, day, day_window, actors, targets) VALUES ('SEIZE', NULL, 'gpe-velmora', '2026-03-04', 20516, 3, '[\"org-harbour-guard\"]', '[]') RETURNING id",
      );
      await db.run('INSERT INTO event_parties (entity_id, event_id) VALUES (?, ?)', [
        'org-harbour-guard',
        Number(ev!.id),
      ]);
      await db.close();

      const corpus = await Corpus.open(spec);
      try {
        const version = await corpus.db.get<{ value: string }>(
          "SELECT value FROM sitrep_meta WHERE key = 'schema_version'",
        );
        assert.equal(Number(version!.value), SCHEMA_VERSION);
        const parties = await corpus.db.all<{ entity_id: string; type: string; day: number }>(
          'SELECT entity_id, type, day FROM event_parties',
        );
        assert.deepEqual(
          parties.map((p) => ({ ...p, day: Number(p.day) })),
          [{ entity_id: 'org-harbour-guard', type: 'SEIZE', day: 20516 }],
        );
        assert.equal((await corpus.counts()).events, 1);
      } finally {
        await corpus.close();
      }
    });
  });
}
