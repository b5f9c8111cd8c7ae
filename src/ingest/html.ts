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
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { TextBlock } from './types.ts';
import type { Removed } from '../model/analysis.ts';
import { InputError } from './errors.ts';
import { MAX_INPUT_BYTES } from './detect.ts';
import { collectBlocks, type RawBlock } from './html/blocks.ts';
import { readMeta, type PageMeta } from './html/meta.ts';
import { blockIsBoilerplate, preClean, fallbackRoot, looksLikeCaption } from './html/boilerplate.ts';

export type { PageMeta };

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
const STRIP_BEFORE_PARSE = /<(script|style|svg|template)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->/gi;
/** Readability: how many top candidates to compare (its default is 5). */
const NB_TOP_CANDIDATES = 5;
/** Readability: minimum article length before it retries with looser flags (its default 500). */
const CHAR_THRESHOLD = 500;

/** Extract the article of an HTML page. Throws InputError for pages over the size limit. */
export function extractHtml(html: string, opts: ExtractOptions = {}): ExtractedPage {
  if (html.length > MAX_INPUT_BYTES || Buffer.byteLength(html) > MAX_INPUT_BYTES) {
    throw new InputError(`page is over the ${MAX_INPUT_BYTES / 1048576} MB limit`);
  }
  const jsonLd = [...html.matchAll(JSON_LD)].map((m) => m[1]!);
  const stripped = html.replace(STRIP_BEFORE_PARSE, '');
  const { document } = parseHTML(stripped);
  const meta = readMeta(document as unknown as Document, jsonLd, opts.url);

  preClean(document as unknown as Document);
  let blocks = readabilityBlocks(document as unknown as Document);
  if (!blocks.length) {
    const { document: fresh } = parseHTML(stripped);
    preClean(fresh as unknown as Document);
    const root = fallbackRoot(fresh as unknown as Document);
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

/** Run Readability and return the blocks of the container it picks (empty when it finds none). */
function readabilityBlocks(document: Document): RawBlock[] {
  let article: ReturnType<Readability<Node>['parse']>;
  try {
    article = new Readability<Node>(document, {
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
  return collectBlocks(root);
}
