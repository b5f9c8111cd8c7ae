/**
 * HTML page → article text blocks + metadata.
 *
 * Mozilla Readability (over linkedom) finds the article container; around it we add what the
 * best extractors do beyond it:
 *   1. before: drop hidden elements and boilerplate widgets (share bars, related lists,
 *      newsletter boxes) scored by class/id words and link density;
 *   2. after: turn the container into paragraph / heading / caption blocks and score each block
 *      (link density, boilerplate phrases, bylines, datelines) to drop what is not article text;
 *   3. fallback: when Readability finds nothing, the largest text-dense block of the page.
 * Metadata comes from JSON-LD, meta tags, `<time>` and the URL (see html/meta.ts).
 */
import { createRequire } from 'node:module';
import type { parseHTML as ParseHtml } from 'linkedom';
import type { Readability } from '@mozilla/readability';
import type { TextBlock } from './types.ts';
import type { Removed } from '../model/analysis.ts';
import { InputError } from './errors.ts';
import { MAX_INPUT_BYTES } from './detect.ts';
import { collectBlocks, type RawBlock } from './html/blocks.ts';
import { readMeta, type PageMeta } from './html/meta.ts';
import { blockIsBoilerplate, preClean, fallbackRoot, looksLikeCaption, EMBED_CLASS } from './html/boilerplate.ts';
import { capNesting, stripDtdSubset } from './html/flatten.ts';
import { alternation, wordSet } from '../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';

export type { PageMeta };

interface HtmlLibs {
  parseHTML: typeof ParseHtml;
  Readability: typeof Readability;
}
let libs: HtmlLibs | undefined;
/**
 * linkedom and Readability, loaded on the first page read (their CommonJS builds, so extraction stays
 * synchronous): analysing plain text never loads them, and `sitrep analyze` starts that much sooner.
 */
function htmlLibs(): HtmlLibs {
  const load = createRequire(import.meta.url);
  libs ??= { parseHTML: load('linkedom').parseHTML, Readability: load('@mozilla/readability').Readability };
  return libs;
}

export interface ExtractedPage {
  /** Body blocks in reading order: paragraphs, headings, captions (never the title). */
  blocks: TextBlock[];
  /** The blocks' text joined by blank lines. */
  text: string;
  /** The article body proper (paragraphs and headings, no captions) joined by blank lines: schema.org's articleBody. */
  body: string;
  meta: PageMeta;
  /** False when no article text was found at all. */
  found: boolean;
  /** Blocks of the article container dropped as boilerplate, and why. */
  removed: Removed[];
}

export interface ExtractOptions {
  /** The page's URL: resolves the canonical link and gives a date when the page has none. */
  url?: string;
}

/** Script bodies of JSON-LD blocks (read before scripts are stripped). */
const JSON_LD = /<script[^>]*type\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi;
/** Elements stripped from the markup before parsing: never text, and slow to parse (big inline scripts). */
const STRIP_BEFORE_PARSE = new RegExp(
  String.raw`<(${alternation(MARKUP, 'strippedTags', true)})\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->`,
  'gi',
);
/** A document root: pages without one are fragments. */
const HAS_ROOT = /<(html|body|head)[\s>]/i;
/** How far into a page to look for its root element. */
const ROOT_SCAN = 65536;
/** Attribute numbering paragraph-like elements before Readability runs. */
const MARK = 'data-sitrep-i';
/** Elements numbered: what Readability keeps or drops as a unit. */
const MARKED_TAGS = wordSet(MARKUP, 'markedTags');
/** Readability must keep this many numbered elements before we trust its span of the page. */
const RECOVER_MIN_KEPT = 2;
/** Figure captions up to this many numbered elements before the first kept one still belong. */
const CAPTION_WINDOW = 3;
/** A dropped paragraph comes back only with less link text than this share. */
const RECOVER_LINK_DENSITY = 0.3;
/** A dropped paragraph comes back only when at least this long (short ones are mostly widgets). */
const RECOVER_MIN_CHARS = 60;
/** Shortest caption restored (shorter ones are credits and player labels: "Live", "Courtesy X"). */
const RECOVER_CAPTION_MIN = 25;
/** Longest heading restored. */
const RECOVER_HEADING_MAX = 120;
/** Readability: how many top candidates to compare (its default is 5). */
const NB_TOP_CANDIDATES = 5;
/** Readability: minimum article length before it retries with looser flags (its default 500). */
const CHAR_THRESHOLD = 500;

/** Extract the article of an HTML page. Throws InputError for pages over the size limit or unreadable. */
export function extractHtml(html: string, opts: ExtractOptions = {}): ExtractedPage {
  try {
    return extractPage(html, opts);
  } catch (err) {
    // A last guard: nesting is capped before parsing, but a stack overflow must never reach the user raw.
    if (err instanceof RangeError && /call stack/i.test(err.message)) {
      throw new InputError('page is nested too deeply to read');
    }
    throw err;
  }
}

function extractPage(html: string, opts: ExtractOptions): ExtractedPage {
  if (html.length > MAX_INPUT_BYTES || Buffer.byteLength(html) > MAX_INPUT_BYTES) {
    throw new InputError(`page is over the ${MAX_INPUT_BYTES / 1048576} MB limit`);
  }
  const jsonLd = [...html.matchAll(JSON_LD)].map((m) => m[1]!);
  let stripped = capNesting(stripDtdSubset(html.replace(STRIP_BEFORE_PARSE, '')));
  // Fragments and plain text get a document around them (linkedom needs an <html> root).
  if (!HAS_ROOT.test(stripped.slice(0, ROOT_SCAN)))
    stripped = `<!DOCTYPE html><html><head></head><body>${stripped}</body></html>`;
  const { document } = htmlLibs().parseHTML(stripped);
  const meta = readMeta(document, jsonLd, opts.url);

  preClean(document);
  const marks = markBlocks(document);
  let blocks = readabilityBlocks(document, marks);
  if (!blocks.length) {
    const { document: fresh } = htmlLibs().parseHTML(stripped);
    preClean(fresh);
    const root = fallbackRoot(fresh);
    blocks = root ? collectBlocks(root) : [];
  }
  const removed: Removed[] = [];
  const out: TextBlock[] = [];
  blocks.forEach((b, i) => {
    const reason = blockIsBoilerplate(b, i, blocks, meta);
    if (reason) removed.push({ text: b.text, reason });
    else out.push({ kind: b.kind === 'paragraph' && looksLikeCaption(b.text) ? 'caption' : b.kind, text: b.text });
  });
  const join = (bs: TextBlock[]) => bs.map((b) => b.text).join('\n\n');
  const body = join(out.filter((b) => b.kind !== 'caption'));
  return { blocks: out, text: join(out), body, meta, found: out.length > 0, removed };
}

/**
 * Number the outermost paragraph-like elements of the page in document order (attribute MARK),
 * so that after Readability we can tell which ones it kept and which it dropped.
 */
function markBlocks(document: Document): Element[] {
  const marks: Element[] = [];
  const walk = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      if (MARKED_TAGS.has(c.tagName)) {
        c.setAttribute(MARK, String(marks.length));
        marks.push(c);
      } else walk(c);
    }
  };
  const root = document.body ?? document.documentElement;
  if (root) walk(root);
  return marks;
}

/** The number `markBlocks` gave an element (undefined when none). */
function markOf(el: Element | null): number | undefined {
  const m = el?.closest(`[${MARK}]`)?.getAttribute(MARK);
  return m == null ? undefined : Number(m);
}

/**
 * Put back what Readability dropped from inside the article: paragraphs lying between the first
 * and last paragraph it kept (when they read as prose and are not boilerplate), and figure
 * captions from just before the body to its end. Blocks come back in document order.
 */
function recoverDropped(root: Element, kept: RawBlock[], marks: Element[]): RawBlock[] {
  const keptMarks = new Set<number>();
  for (const el of Array.from(root.querySelectorAll(`[${MARK}]`))) keptMarks.add(Number(el.getAttribute(MARK)));
  if (keptMarks.size < RECOVER_MIN_KEPT) return kept;
  const lo = Math.min(...keptMarks);
  const hi = Math.max(...keptMarks);
  const indexed: { i: number; b: RawBlock }[] = [];
  let last = lo;
  for (const b of kept) {
    last = markOf(b.el) ?? last;
    indexed.push({ i: last, b });
  }
  let added = 0;
  for (let i = Math.max(0, lo - CAPTION_WINDOW); i <= hi; i++) {
    if (keptMarks.has(i)) continue;
    const el = marks[i]!;
    const isCaption = el.tagName === 'FIGCAPTION';
    if (!isCaption && i <= lo) continue;
    // An embedded post quoted in the article (a tweet) comes back whole.
    const isEmbed = EMBED_CLASS.test(el.getAttribute('class') ?? '');
    for (const b of collectBlocks(el)) {
      if (isCaption) {
        if (b.text.length < RECOVER_CAPTION_MIN) continue;
        b.kind = 'caption';
      } else if (!isEmbed && !recoverable(b)) continue;
      indexed.push({ i, b });
      added++;
    }
  }
  if (!added) return kept;
  return indexed.sort((a, b) => a.i - b.i).map((x) => x.b);
}

/** A dropped block worth restoring: prose with few links (or a heading between kept prose). */
function recoverable(b: RawBlock): boolean {
  if (b.linkChars / b.text.length > RECOVER_LINK_DENSITY) return false;
  if (b.kind === 'heading') return b.text.length <= RECOVER_HEADING_MAX;
  return b.text.length >= RECOVER_MIN_CHARS && /[.!?…:"'”’)]$/.test(b.text);
}

/** Run Readability and return the blocks of the container it picks (empty when it finds none). */
function readabilityBlocks(document: Document, marks: Element[]): RawBlock[] {
  let article: ReturnType<Readability<Node>['parse']>;
  const { Readability: ReadabilityClass } = htmlLibs();
  try {
    article = new ReadabilityClass<Node>(document, {
      serializer: (n) => n,
      nbTopCandidates: NB_TOP_CANDIDATES,
      charThreshold: CHAR_THRESHOLD,
      keepClasses: true,
    }).parse();
  } catch {
    return [];
  }
  const root = article?.content as Element | null | undefined;
  if (!root) return [];
  return recoverDropped(root, collectBlocks(root), marks);
}
