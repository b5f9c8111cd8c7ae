/**
 * Setting a Doc's attribution layer by hand, so the quote and claim stages can be tested on what
 * they do with an attribution, apart from what the trained model reads (which `eval:attribution`
 * measures).
 */
import type { Doc } from '../../src/model/doc.ts';
import type { TextSpan } from '../../src/model/analysis.ts';

/** An attribution by its words: [cue, source or null, content]. */
export type AttributionWords = [cue: string, source: string | null, content: string];

function spanOf(doc: Doc, words: string, near = 0): TextSpan {
  let best = -1;
  for (let at = doc.text.indexOf(words); at >= 0; at = doc.text.indexOf(words, at + 1)) {
    if (best < 0 || Math.abs(at - near) < Math.abs(best - near)) best = at;
  }
  if (best < 0) throw new Error(`not in the text: ${words}`);
  return { start: best, end: best + words.length };
}

/** Replaces the Doc's attributions; a cue or source that occurs more than once is the one nearest its content. */
export function attribute(doc: Doc, list: AttributionWords[]): Doc {
  doc.attributions = list.map(([cue, source, content]) => {
    const c = spanOf(doc, content);
    return { cue: spanOf(doc, cue, c.start), source: source ? spanOf(doc, source, c.start) : null, content: c };
  });
  return doc;
}
