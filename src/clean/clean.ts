/** Cleaning: raw article → clean text with blocks; debris removed, repeated captions kept apart. (stub) */
import { Doc } from '../model/doc.ts';
import type { RawArticle } from '../ingest/types.ts';

export function cleanArticle(raw: RawArticle): Doc {
  const text = raw.text ?? '';
  return new Doc({ id: raw.id, source: raw.source, text });
}
