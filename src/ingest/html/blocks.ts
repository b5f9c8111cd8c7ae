/**
 * DOM subtree → text blocks (paragraphs, headings, captions), the way a reader sees them:
 * block elements break lines, inline elements run together, `<br>` splits, whitespace collapses.
 */
import type { TextBlock } from '../types.ts';
import { wordSet } from '../../lexicon/load.ts';
/** The lexicon file of page markup names (tags, class words, meta names, charset labels). */
const MARKUP = 'page-markup';

/** Elements that start a new block of text. */
export const BLOCK_TAGS = wordSet(MARKUP, 'blockTags');
/** Elements whose text is never article text. */
export const SKIP_TAGS = wordSet(MARKUP, 'skipTags');
/** Class/id words that mark a caption or credit line inside figures. */
const CAPTION_HINT = /caption|credit|wp-caption-text|image-desc|photo-desc/i;
/** Heading tags. */
const HEADING = /^H[1-6]$/;

export interface RawBlock extends TextBlock {
  /** The element that opened this block (for scoring). */
  el: Element | null;
  /** Characters inside links. */
  linkChars: number;
  /** Targets (href) of the links in the block. */
  hrefs: string[];
}

type Kind = TextBlock['kind'];

/** Collect blocks from `root`, in document order. `skip(el)` can veto whole subtrees. */
export function collectBlocks(root: Element, skip?: (el: Element) => boolean): RawBlock[] {
  const out: RawBlock[] = [];
  let buf = '';
  let linkChars = 0;
  let hrefs: string[] = [];
  let kind: Kind = 'paragraph';
  let owner: Element | null = null;

  const flush = () => {
    const text = buf.replace(/\s+/g, ' ').trim();
    if (text) out.push({ kind, text, el: owner, linkChars: Math.min(linkChars, text.length), hrefs });
    buf = '';
    linkChars = 0;
    hrefs = [];
  };

  const walk = (node: Node, k: Kind, inLink: boolean, ownerEl: Element | null) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === 3) {
        const t = child.nodeValue ?? '';
        if (!buf) {
          kind = k;
          owner = ownerEl;
        }
        buf += t;
        if (inLink) linkChars += t.replace(/\s+/g, ' ').trim().length;
        continue;
      }
      if (child.nodeType !== 1) continue;
      const el = child as Element;
      const tag = el.tagName.toUpperCase();
      if (SKIP_TAGS.has(tag)) continue;
      if (skip && skip(el)) continue;
      if (tag === 'BR' || tag === 'HR') {
        flush();
        continue;
      }
      if (tag === 'FIGURE' && !el.querySelector('img, picture, video, iframe, figcaption')) {
        // A figure without media is a pull quote or a chart's text: ordinary blocks.
        flush();
        walk(el, k, inLink, el);
        flush();
        continue;
      }
      if (BLOCK_TAGS.has(tag)) {
        flush();
        let ck: Kind = k;
        if (HEADING.test(tag)) ck = 'heading';
        else if (tag === 'FIGCAPTION' || tag === 'CAPTION' || tag === 'FIGURE') ck = 'caption';
        else if (k === 'paragraph' && isCaptionish(el)) ck = 'caption';
        walk(el, ck, inLink, el);
        flush();
      } else {
        if (tag === 'A') {
          const href = el.getAttribute('href');
          if (href) hrefs.push(href);
        }
        walk(el, k, inLink || tag === 'A', ownerEl);
      }
    }
  };
  walk(root, 'paragraph', false, root);
  flush();
  return out;
}

/** Whether an element is a caption-classed element inside a figure or an image container. */
function isCaptionish(el: Element): boolean {
  const cls = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
  return (
    cls.length > 1 &&
    CAPTION_HINT.test(cls) &&
    !!el.closest('figure, .wp-caption, [class*="image"], [class*="photo"], [class*="media"]')
  );
}
