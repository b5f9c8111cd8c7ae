// @ts-check
// sitrep from code: analyse a text, extract a page, and keep both in a corpus to query.
//
//   node examples/library.mjs            (in a checkout after `npm ci`, or anywhere sitrep is installed)
//
// `npm test` type-checks this file against the library's types (tsconfig.json).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, extract, Corpus } from 'sitrep';

const text = `Finance minister threatens to quit over budget

Finance Minister Ingrid Sandvik warned on Tuesday that she would resign if the cabinet approved the
spending package. "I will not put my name to numbers I cannot defend," she told reporters in Oslo.

Officials in the finance ministry say the shortfall could reach 40 billion kroner over four years.`;

// One article: a text (or { text | html, published, title, publisher, url }) → the analysis, the JSON
// contract of schema/analysis.schema.json.
const analysis = await analyze(text, { published: '2026-05-12' });
for (const e of analysis.entities) console.log(`entity: ${e.name} (${e.type})`);
for (const q of analysis.quotes) {
  const speaker = analysis.entities.find((e) => e.id === q.speaker)?.name ?? 'unknown';
  console.log(`quote: ${speaker}: ${q.text}`);
}
for (const c of analysis.claims) console.log(`claim (${c.source.kind}${c.hedged ? ', hedged' : ''}): ${c.text}`);
for (const t of analysis.times) console.log(`time: ${t.text} = ${t.value}`);

// A web page: its article text, blocks and metadata.
const page = await extract(
  `<html><head><title>Talks resume in Geneva</title><meta name="author" content="Ana Ruiz"></head>
   <body><nav>Home | World | Sport</nav><article><h1>Talks resume in Geneva</h1>
   <p>Negotiators from Norway and Sweden met in Geneva on Monday to resume talks on fishing quotas,
   officials said, after a pause of six months.</p>
   <p>"We are closer than we have been for a year," said Lars Holm, the Norwegian envoy.</p>
   </article><footer>Subscribe to our newsletter</footer></body></html>`,
  'https://news.example/2026/05/11/talks',
);
console.log(`page: ${page.title} · ${page.blocks.length} blocks · ${page.text.length} characters`);

// A corpus: a SQLite file here (or postgres://...), the CLI's corpus commands as methods.
const dir = mkdtempSync(join(tmpdir(), 'sitrep-example-'));
const corpus = await Corpus.open(join(dir, 'corpus.db'));
try {
  const stored = await corpus.ingest([
    { text, published: '2026-05-12', url: 'https://news.example/2026/05/12/budget' },
    { html: `<article><p>${page.text}</p></article>`, title: page.title, published: '2026-05-11', url: page.url },
  ]);
  console.log(`ingest: ${stored.added} added, ${stored.failed} failed`);
  const { results } = await corpus.search('talks Geneva');
  console.log(`search: ${results.map((r) => r.title).join('; ')}`);
  const sandvik = await corpus.entity('Ingrid Sandvik');
  console.log(`entity: ${sandvik?.name} in ${sandvik?.articles.length} article(s), ${sandvik?.quotes.length} quote(s)`);
  for (const c of await corpus.claims({ entity: 'Ingrid Sandvik' }))
    console.log(`her claim: ${c.text} (${c.independentSources} source(s), ${c.disputes.length} dispute(s))`);
  const events = await corpus.events({ since: '2026-05' });
  console.log(`events: ${events.map((e) => `${e.type} ${e.date ?? ''}`.trim()).join(', ') || 'none'}`);
} finally {
  await corpus.close();
  rmSync(dir, { recursive: true, force: true });
}
