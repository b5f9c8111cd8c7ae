/**
 * Captions that repeat the body: a picture caption often restates a sentence or a quotation of
 * the article ("Ms Ortiz (pictured) said …"); what the body already holds is not counted twice.
 */
import type { Doc } from '../../model/doc.ts';
import type { Quote } from '../../model/analysis.ts';
import { alternation } from '../../lexicon/load.ts';

/** A picture note in brackets: "(pictured left)", "(seen above, in 2019)". */
const PICTURE_NOTE = new RegExp(`\\s*\\((?:${alternation('caption-notes', 'pictureNotes')})[^)]*\\)`, 'gi');

/** Normal form for comparing a caption with the body: no "(pictured …)", one kind of apostrophe and space. */
function captionNormal(s: string): string {
  return s.replace(PICTURE_NOTE, '').replace(/[‘’`]/g, "'").replace(/\s+'/g, "'").replace(/\s+/g, ' ').trim();
}

/**
 * The normal form of each Doc's body (its blocks other than captions), computed once per Doc. Kept
 * (fast-path rule): without it every caption sentence normalises the whole body again, quadratic.
 */
const bodyNormalCache = new WeakMap<Doc, string>();

/** Whether `[start, end)` lies in a caption block and repeats text of the body (so is counted there). */
export function repeatsBodyInCaption(doc: Doc, start: number, end: number): boolean {
  const block = doc.blocks[doc.blockIndexAt(start)];
  if (!block || block.kind !== 'caption') return false;
  let body = bodyNormalCache.get(doc);
  if (body === undefined) {
    body = captionNormal(
      doc.blocks
        .filter((b) => b.kind !== 'caption')
        .map((b) => doc.text.slice(b.start, b.end))
        .join(' '),
    );
    bodyNormalCache.set(doc, body);
  }
  const own = captionNormal(doc.text.slice(start, end));
  return own.length > 0 && body.includes(own);
}

/** Drops quotations in caption blocks that repeat one found in the body, and repeated spans. */
export function dedupeCaptions(doc: Doc, quotes: Quote[]): Quote[] {
  const inCaption = (q: Quote) => {
    return doc.blocks[doc.blockIndexAt(q.start)]?.kind === 'caption';
  };
  const bodyTexts = new Set(quotes.filter((q) => !inCaption(q)).map((q) => q.text));
  const seen = new Set<string>();
  return quotes.filter((q) => {
    if (inCaption(q) && bodyTexts.has(q.text)) return false;
    const key = `${q.start}:${q.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
