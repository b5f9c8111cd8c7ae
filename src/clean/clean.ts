/**
 * Cleaning: raw article → clean text with blocks; debris removed, repeated captions kept apart.
 *
 *   textToBlocks (plain text only) → cleanBlocks (any source of blocks) → Doc
 *
 * cleanBlocks works in four passes over the blocks, each explained where it is defined:
 *   1. boilerplate kinds found anywhere (`BOILERPLATE_RULES` in patterns.ts);
 *   2. debris by shape, walking in from the head and the tail (`debrisScore`);
 *   3. photo captions that repeat a body paragraph, and plain repeats (`findRepeats`);
 *   4. short lines between paragraphs become headings.
 * The clean text is the kept blocks joined with a blank line: title, body, then repeated captions.
 */
import { Doc } from '../model/doc.ts';
import type { Block, BlockKind, Removed, Source } from '../model/analysis.ts';
import type { RawArticle, TextBlock } from '../ingest/types.ts';
import { normalizeSpace, textToBlocks } from './blocks.ts';
import { extractHtml } from '../ingest/html.ts';
import {
  BOILERPLATE_RULES,
  CAPTION_INSERT,
  CAPTION_LABEL,
  CAPTION_MIN_OVERLAP,
  DEBRIS_SHORT_WORDS,
  DEBRIS_THRESHOLD,
  DEBRIS_TINY_WORDS,
  DATELINE,
  DUPLICATE_MIN_WORDS,
  PROSE_MIN_GLUE,
  GLUE_WORDS,
  HAS_DIGIT,
  HEADING_MAX_WORDS,
  MENU_SEPARATORS,
  REPEAT_MIN_OVERLAP,
  REPEAT_MIN_WORDS,
  REPEAT_SAME_START_WORDS,
  SENTENCE_END,
  VERB_LIKE,
} from './patterns.ts';
import { wordsOf } from '../text/words.ts';

export { textToBlocks } from './blocks.ts';

/** What the cleaner hands on: the clean text, its blocks, what it took out, and notes on what it did. */
export interface CleanResult {
  text: string;
  blocks: Block[];
  removed: Removed[];
  /** Readable notes ("caption repeating paragraph 3 moved after the body"). */
  notes: string[];
}

/** Block separator in the clean text. */
const SEPARATOR = '\n\n';
/** Only lines this short are scored as debris by shape; longer ones are prose whatever they look like. */
const DEBRIS_MAX_WORDS = 15;
/** A first line is taken as a headline (text input) when it is at most this many words and no sentence. */
const HEADLINE_MAX_WORDS = 25;
/** Text starting like a sentence or a heading: a capital, a digit or an opening quote. */
const STARTS_CAPITAL = /^[\p{Lu}\p{N}'"‘“]/u;
/** Word ids stay below this, so a bigram id1 * BASE + id2 is an exact safe integer. */
const BIGRAM_BASE = 1 << 24;

interface Item {
  kind: BlockKind;
  text: string;
  /** Lower-cased word tokens. */
  words: string[];
  state: 'keep' | 'removed' | 'moved';
  /** Position in the input, to list `removed` in document order. */
  index: number;
}

/** The first boilerplate rule a block matches, or undefined. */
function matchRule(item: Item, atEdge: boolean): string | undefined {
  for (const rule of BOILERPLATE_RULES) {
    if (item.words.length > rule.maxWords) continue;
    if (rule.edgeOnly && !atEdge) continue;
    if (rule.pattern.test(item.text)) return rule.name;
  }
  return undefined;
}

/**
 * Debris score by shape: short, not ending like a sentence, without the glue words and verbs
 * of prose, or built like a menu. A real closing line ("The trial continues.") scores low.
 */
export function debrisScore(text: string, words: string[] = wordsOf(text)): number {
  const n = words.length;
  if (n > DEBRIS_MAX_WORDS) return 0;
  let score = 0;
  if (n <= DEBRIS_TINY_WORDS) score += 2;
  else if (n <= DEBRIS_SHORT_WORDS) score += 1;
  const endsSentence = SENTENCE_END.test(text);
  if (!endsSentence) score += 1;
  const hasGlue = words.some((w) => GLUE_WORDS.has(w) || VERB_LIKE.test(w));
  if (!hasGlue) score += 1;
  if (MENU_SEPARATORS.test(text)) score += 1;
  if (HAS_DIGIT.test(text)) score -= 1;
  if (n >= 2 && endsSentence) score -= hasGlue && STARTS_CAPITAL.test(text) ? 2 : 1;
  return score;
}

/** Whether a first line reads as a headline: a few words, capitalised, not a sentence, not debris. */
export function looksLikeHeadline(text: string): boolean {
  const words = wordsOf(text);
  return (
    words.length >= 3 &&
    words.length <= HEADLINE_MAX_WORDS &&
    STARTS_CAPITAL.test(text) &&
    !SENTENCE_END.test(text) &&
    debrisScore(text, words) < DEBRIS_THRESHOLD &&
    !BOILERPLATE_RULES.some((r) => words.length <= r.maxWords && r.pattern.test(text))
  );
}

/** Long enough and built like prose (a sentence end, glue words): only such paragraphs count as scraped twice. */
function isProse(text: string, words: string[]): boolean {
  if (words.length < DUPLICATE_MIN_WORDS || !SENTENCE_END.test(text)) return false;
  let glue = 0;
  for (const w of words) if (GLUE_WORDS.has(w)) glue++;
  return glue >= PROSE_MIN_GLUE;
}

/** Word ids shared by one `findRepeats` call, so bigrams are numbers rather than strings. */
type Vocab = Map<string, number>;

/** Word bigrams of a token list as numbers (a single word counts as its own "bigram"). */
function bigrams(words: string[], vocab: Vocab): Set<number> {
  const ids = words.map((w) => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size + 1));
    return id;
  });
  const out = new Set<number>();
  if (ids.length === 1) out.add(ids[0]);
  for (let i = 1; i < ids.length; i++) out.add(ids[i - 1] * BIGRAM_BASE + ids[i]);
  return out;
}

/** Share of `a`'s bigrams that occur in `b`. */
function containment(a: Set<number>, b: Set<number>): number {
  if (a.size === 0) return 0;
  let hit = 0;
  for (const g of a) if (b.has(g)) hit++;
  return hit / a.size;
}

/**
 * A block with its caption markers ("(pictured ...)", "Pictured: ...") taken out. Each pattern
 * needs a literal character ("(", ":") most blocks lack: checked first, it spares the pattern's
 * scan there (the result is the same).
 */
function stripCaptionMarkers(text: string): { text: string; marked: boolean; labelled: boolean } {
  let out = text.includes('(') ? text.replace(CAPTION_INSERT, '') : text;
  let marked = out !== text;
  const label = out.includes(':') ? CAPTION_LABEL.exec(out) : null;
  const labelled = label !== null;
  if (label) {
    out = out.slice(0, label.index);
    marked = true;
  }
  return { text: out, marked, labelled };
}

/**
 * Clean a list of blocks from any extractor: drop debris, keep repeated captions apart, add the
 * title. Never changes the characters of a kept block (beyond whitespace normalisation).
 */
export function cleanBlocks(input: TextBlock[], source: Source): CleanResult {
  const removed: Removed[] = [];
  const notes: string[] = [];
  const items: Item[] = [];
  for (const b of input) {
    const text = normalizeSpace(b.text);
    if (text) items.push({ kind: b.kind, text, words: wordsOf(text), state: 'keep', index: items.length });
  }
  const removedAt: number[] = [];
  const remove = (item: Item, reason: string): void => {
    item.state = 'removed';
    removed.push({ text: item.text, reason });
    removedAt.push(item.index);
  };

  // Title: the source's title wins; a marked title repeating it is dropped, a different one demoted.
  const sourceTitle = source.title ? normalizeSpace(source.title) : '';
  let title = sourceTitle;
  const titleWords = wordsOf(title).join(' ');
  for (const item of items) {
    if (item.kind !== 'title') continue;
    if (!title && !matchRule(item, true)) {
      title = item.text;
      item.state = 'moved';
    } else if (item.words.join(' ') === wordsOf(title).join(' ')) item.state = 'moved';
    else item.kind = 'heading';
  }

  // 1. Boilerplate kinds that can sit anywhere.
  for (const item of items) {
    if (item.state !== 'keep') continue;
    const rule = matchRule(item, false);
    if (rule) remove(item, `boilerplate: ${rule}`);
    else if (titleWords && item.words.join(' ') === titleWords) remove(item, 'repeat of the title');
  }

  // 2. Debris by shape and place: walk in from each edge while blocks look like site furniture.
  const walk = (order: Item[], where: string): void => {
    for (const item of order) {
      if (item.state === 'removed') continue;
      if (item.state !== 'keep') continue;
      const rule = matchRule(item, true);
      if (rule) {
        remove(item, `boilerplate: ${rule}`);
        continue;
      }
      if (item.kind === 'caption') continue;
      if (where === 'head' && DATELINE.test(item.text)) break;
      const score = debrisScore(item.text, item.words);
      if (score < DEBRIS_THRESHOLD) break;
      remove(item, `boilerplate: short line without sentence structure at the ${where} (score ${score})`);
    }
  };
  walk([...items].reverse(), 'tail');
  walk(items, 'head');

  // 3. Captions and repeats.
  const body = items.filter((it) => it.state === 'keep');
  const moved = findRepeats(body, remove, notes);

  // 4. Short lines between paragraphs are headings; a "Pictured: ..." line is a caption in place.
  const kept = body.filter((it) => it.state === 'keep');
  for (let i = 0; i < kept.length; i++) {
    const it = kept[i];
    if (it.kind !== 'paragraph') continue;
    if (stripCaptionMarkers(it.text).labelled && CAPTION_LABEL.exec(it.text)?.index === 0) {
      it.kind = 'caption';
      continue;
    }
    const isHeading =
      i > 0 &&
      i < kept.length - 1 &&
      it.words.length > 0 &&
      it.words.length <= HEADING_MAX_WORDS &&
      STARTS_CAPITAL.test(it.text) &&
      !SENTENCE_END.test(it.text) &&
      !/[:,;]$/.test(it.text);
    if (isHeading) it.kind = 'heading';
  }

  // Assemble: title, body in order, then the captions that repeat the body.
  const out: { kind: BlockKind; text: string }[] = [];
  if (title) out.push({ kind: 'title', text: title });
  for (const it of kept) out.push({ kind: it.kind, text: it.text });
  for (const it of moved) out.push({ kind: 'caption', text: it.text });
  const blocks: Block[] = [];
  const pieces: string[] = [];
  let at = 0;
  for (const b of out) {
    if (at > 0) {
      pieces.push(SEPARATOR);
      at += SEPARATOR.length;
    }
    blocks.push({ kind: b.kind, start: at, end: at + b.text.length });
    pieces.push(b.text);
    at += b.text.length;
  }
  // Joined once rather than grown with +=: V8 keeps a string grown piece by piece as a tree of
  // its pieces (a "cons string"), and every later stage reads the text character by character
  // through that tree; a joined string is one flat run, about three times cheaper to read.
  const text = pieces.join('');
  // most articles lose no block: skip the index sort (its array calls de-optimise on an empty list)
  if (removed.length === 0) return { text, blocks, removed: [], notes };
  const order = removed.map((_, k) => k).sort((a, b) => removedAt[a] - removedAt[b]);
  return { text, blocks, removed: order.map((k) => removed[k]), notes };
}

/**
 * Find blocks that repeat another body block. A block with a caption marker whose remaining words
 * lie (by bigram overlap) inside a body paragraph is a photo caption: it is moved after the body.
 * An unmarked block repeating a paragraph is a duplicate (removed) when both say the same, or a
 * truncated repeat (a caption or pull quote: moved) when it is the shorter. Returns the moved items.
 */
function findRepeats(body: Item[], remove: (item: Item, reason: string) => void, notes: string[]): Item[] {
  const stripped = body.map((it) => stripCaptionMarkers(it.text));
  const words = body.map((it, i) => (stripped[i].marked ? wordsOf(stripped[i].text) : it.words));
  const vocab: Vocab = new Map();
  const grams = words.map((w) => bigrams(w, vocab));
  const full = body.map((it, i) => (stripped[i].marked ? bigrams(it.words, vocab) : grams[i]));
  // Inverted index: bigram → unmarked paragraphs holding it, so each block meets only its candidates.
  const index = new Map<number, number[]>();
  body.forEach((it, j) => {
    if (stripped[j].marked || it.kind === 'heading') return;
    for (const g of full[j]) {
      const list = index.get(g);
      if (list) list.push(j);
      else index.set(g, [j]);
    }
  });
  const moved: Item[] = [];
  // Paragraph numbers (kept blocks up to one) from a running count of the kept blocks.
  const keptCount = new KeptCount(body.length);
  const paragraphNo = (j: number): number => keptCount.upTo(j);
  const drop = (i: number, reason?: string): void => {
    if (reason !== undefined) remove(body[i], reason);
    else body[i].state = 'moved';
    keptCount.drop(i);
  };
  for (let i = 0; i < body.length; i++) {
    const it = body[i];
    if (it.kind === 'heading' || words[i].length < REPEAT_MIN_WORDS) continue;
    const { best, bestScore } = bestRepeat(i, grams, full, index, body);
    if (best < 0) continue;
    const marked = stripped[i].marked;
    if (marked && bestScore >= CAPTION_MIN_OVERLAP) {
      drop(i);
      moved.push(it);
      notes.push(`caption repeating paragraph ${paragraphNo(best)} kept apart after the body: "${it.text}"`);
      continue;
    }
    if (marked || bestScore < REPEAT_MIN_OVERLAP || !isProse(it.text, words[i])) continue;
    if (containment(full[best], grams[i]) >= REPEAT_MIN_OVERLAP) {
      // The same paragraph twice: drop the later copy.
      if (i > best) drop(i, `duplicate of paragraph ${paragraphNo(best)}`);
    } else if (
      words[i].slice(0, REPEAT_SAME_START_WORDS).join(' ') ===
      body[best].words.slice(0, REPEAT_SAME_START_WORDS).join(' ')
    ) {
      drop(i);
      moved.push(it);
      notes.push(`block repeating the start of paragraph ${paragraphNo(best)} kept apart as a caption: "${it.text}"`);
    }
  }
  return moved;
}

/** The lowest share of a block's bigrams another block must hold for `findRepeats` to act on the pair. */
const REPEAT_LEAST_OVERLAP = Math.min(CAPTION_MIN_OVERLAP, REPEAT_MIN_OVERLAP);

/**
 * The kept body block holding the largest share of block `i`'s bigrams (`best`, -1 for none, and
 * that share), as a count over every indexed block sharing a bigram would find it, of two with the
 * same share the one met first (by the first shared bigram of `i`, then by position).
 *
 * Only a block holding at least `REPEAT_LEAST_OVERLAP` of the bigrams matters (below it
 * `findRepeats` does nothing), and such a block shares at least one of any `size - need + 1` of
 * them: the candidates are read from the postings of that many of the rarest bigrams, never from
 * the long postings of common ones ("of the"), which made the search quadratic in the text.
 */
function bestRepeat(
  i: number,
  grams: Set<number>[],
  full: Set<number>[],
  index: Map<number, number[]>,
  body: Item[],
): { best: number; bestScore: number } {
  const own = [...grams[i]];
  const size = own.length;
  const postings = own.map((g) => index.get(g) ?? []);
  // A block holding every bigram (share 1, the most; of several, the first by position: all share
  // the first bigram) is in every posting: the rarest is read in order up to the first such block.
  // Repeated text (the same article twice) ends here, without counting shares over every copy.
  let rarest = postings[0];
  for (const list of postings) if (list.length < rarest.length) rarest = list;
  for (const j of rarest) {
    if (j === i || body[j].state !== 'keep') continue;
    let k = 0;
    while (k < size && full[j].has(own[k])) k++;
    if (k === size) return { best: j, bestScore: 1 };
  }
  // one less than the least count of shared bigrams, against rounding in `share * size`
  const need = Math.max(1, Math.ceil(REPEAT_LEAST_OVERLAP * size) - 1);
  const fewest = [...postings].sort((a, b) => a.length - b.length).slice(0, size - need + 1);
  const candidates = new Set<number>();
  for (const list of fewest) for (const j of list) if (j !== i && body[j].state === 'keep') candidates.add(j);
  let best = -1;
  let bestScore = 0;
  let bestFirst = Infinity;
  for (const j of candidates) {
    let h = 0;
    let first = -1;
    for (let k = 0; k < size; k++)
      if (full[j].has(own[k])) {
        h++;
        if (first < 0) first = k;
      }
    const s = h / size;
    if (s > bestScore || (s === bestScore && (first < bestFirst || (first === bestFirst && j < best)))) {
      bestScore = s;
      best = j;
      bestFirst = first;
    }
  }
  return { best, bestScore };
}

/** How many blocks of `findRepeats`' body are still kept up to each one (a Fenwick tree of 0/1 flags). */
class KeptCount {
  private readonly tree: Int32Array;
  constructor(n: number) {
    this.tree = new Int32Array(n + 1);
    for (let i = 1; i <= n; i++) {
      this.tree[i] += 1;
      const parent = i + (i & -i);
      if (parent <= n) this.tree[parent] += this.tree[i];
    }
  }
  /** Block `i` is no longer kept. */
  drop(i: number): void {
    for (let k = i + 1; k < this.tree.length; k += k & -k) this.tree[k]--;
  }
  /** Kept blocks among the first `i + 1`. */
  upTo(i: number): number {
    let sum = 0;
    for (let k = i + 1; k > 0; k -= k & -k) sum += this.tree[k];
    return sum;
  }
}

/** Clean a raw article given as text (HTML is turned into blocks by the extractor, then `cleanBlocks`). */
export function cleanArticle(raw: RawArticle): Doc {
  let source = raw.source;
  let blocks: TextBlock[];
  let extracted: Removed[] = [];
  if (raw.html !== undefined) {
    // A web page: the extractor finds the article's blocks and metadata; what the user or the
    // record said (title, publication day, publisher) wins over what the page says.
    const page = extractHtml(raw.html, { url: raw.source.url });
    const meta = Object.fromEntries(
      Object.entries({
        title: page.meta.title,
        published: page.meta.published,
        publisher: page.meta.publisher,
        url: page.meta.url,
        authors: page.meta.authors?.length ? page.meta.authors : undefined,
        language: page.meta.language,
      }).filter(([, v]) => v !== undefined && v !== ''),
    );
    source = { ...meta, ...raw.source };
    blocks = page.blocks;
    extracted = page.removed;
  } else {
    blocks = textToBlocks(raw.text ?? '');
    if (!raw.source.title && blocks.length > 1 && blocks[0].kind === 'paragraph' && looksLikeHeadline(blocks[0].text)) {
      blocks[0] = { kind: 'title', text: blocks[0].text };
    }
  }
  const res = cleanBlocks(blocks, source);
  const doc = new Doc({
    id: raw.id,
    source,
    text: res.text,
    blocks: res.blocks,
    removed: [...extracted, ...res.removed],
  });
  if (raw.html !== undefined && blocks.length === 0) doc.warn('clean', 'no article text found on the page');
  for (const n of res.notes) doc.info('clean', n);
  return doc;
}
