/**
 * Boilerplate scoring: what in a page is not the article (share bars, related lists,
 * newsletter prompts, bylines, datelines), decided from class/id words, link density and
 * short-phrase patterns rather than per-site rules.
 */
import type { RawBlock } from './blocks.ts';
import type { PageMeta } from './meta.ts';
import { alternation, wordSet } from '../../lexicon/load.ts';

/** The lexicon file of page markup names (class/id words, tags, roles). */
const MARKUP = 'page-markup';
/** The lexicon file of site furniture phrases. */
const DEBRIS = 'page-debris';

/** Class/id words of widgets that are never article text (removed before Readability runs). */
export const BOILERPLATE_CLASS = new RegExp(
  String.raw`(^|[\s_-])(${alternation(MARKUP, 'boilerplateClasses', true)})(?=$|[\s_-])`,
  'i',
);
/** Class/id words that protect an element from removal (the article itself). */
const CONTENT_CLASS = new RegExp(
  String.raw`(^|[\s_-])(${alternation(MARKUP, 'contentClasses', true)})(?=$|[\s_-])`,
  'i',
);
/** Embedded posts quoted by the article (tweets, Instagram): their class says "social" but they are content. */
export const EMBED_CLASS = /embed|twitter-tweet|instagram-media|tiktok-embed/i;
/** Tags that are page chrome, never article text. */
const CHROME_TAG_NAMES = wordSet(MARKUP, 'chromeTags');
/** ARIA landmark roles of page chrome. */
const CHROME_ROLES = wordSet(MARKUP, 'chromeRoles');
/** Inline styles that hide an element from readers. */
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
/** Widgets with links making more than this share of their text are link lists, not prose. */
const WIDGET_LINK_DENSITY = 0.5;
/** A boilerplate-classed element holding more than this share of the page's text is kept. */
const MAX_WIDGET_SHARE = 0.4;
/** A block whose text is more than this share link text is navigation. */
const BLOCK_LINK_DENSITY = 0.6;
/** Second-level registries under a country code ("co.uk", "com.au"). */
const SECOND_LEVEL = new RegExp(String.raw`^(${alternation(MARKUP, 'secondLevelRegistries', true)})\.[a-z]{2}$`);
/** Link share at which a block is nothing but a link. */
const ALL_LINK = 0.95;
/** Words a sentence needs before a link-heavy block counts as prose. */
const PROSE_MIN_WORDS = 12;
/** How prose ends (closing punctuation, maybe inside quotes or an ellipsis). */
const PROSE_END = /[.!?…]["'”’)]?$/;
/** Blocks up to this length can be dropped on a phrase match alone (longer ones are prose). */
const SHORT_BLOCK = 160;
/** Short calls to action and widget labels. */
const BOILERPLATE_PHRASE = new RegExp(String.raw`^(${alternation(DEBRIS, 'widgetLabels', true)})[\s.:!?»›>→-]*$`, 'i');
/** Phrases that mark a short block as a newsletter / subscription prompt anywhere in it. */
const PROMPT_PHRASE = new RegExp(String.raw`\b(${alternation(DEBRIS, 'subscriptionPrompts', true)})`, 'i');
/** Sign-offs near the end of an article: author bios, contact lines, tip lines, affiliate notices. */
const SIGNOFF = new RegExp(String.raw`\b(${alternation(DEBRIS, 'signoffs', true)})\b`, 'i');
/** Longest block a sign-off pattern can drop. */
const SIGNOFF_MAX = 400;
/** Sign-offs count only among the last blocks of the article (or the first, for disclosures). */
const SIGNOFF_EDGE = 3;
/** Leftover CMS shortcodes: "[button link=...]Send us your review[/button]". */
const SHORTCODE = /^\[\w+[^\]]*\].*\[\/\w+\]$|^\[\/?\w+( [^\]]*)?\]$/;
/** A photo credit closing a short block marks it as a caption: "(Image: Getty)", "(AP Photo/Jane Roe)". */
const CREDIT = new RegExp(
  String.raw`(\(\s*(${alternation(DEBRIS, 'creditWords', true)})s?\s*(:|\/|by)[^()]{1,80}\)|\((` +
    String.raw`${alternation(DEBRIS, 'creditAgencies', true)})\b[^()]{1,60}\)|\b(photo|image|picture|credit)s?` +
    String.raw`\s*:\s*[^.]{1,60}|\|\s*getty images|\b(getty images|shutterstock|alamy|afp via getty images)\s*` +
    String.raw`\)?)\s*\.?$`,
  'i',
);
/** Longest block that a credit can turn into a caption. */
const CAPTION_MAX = 300;
/** A byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters". */
const BYLINE = new RegExp(
  String.raw`^(by|von|par|por)\s+\p{Lu}[\p{L}.'’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3}(\s*(,|and|&)\s*\p{Lu}[\p{L}.'` +
    String.raw`’-]*(\s+\p{Lu}[\p{L}.'’-]*){0,3})*(\s*[,|–—-]\s*[\p{L} .]+)?$`,
  'u',
);
/** A bare dateline or timestamp line: "Published 20 July 2025", "Updated: 3:45 p.m. ET July 20, 2025". */
const DATELINE = new RegExp(
  String.raw`^((${alternation(DEBRIS, 'stampWords', true)})( on| at)?:?\s*)?(\p{L}+,?\s+)?(\d{1,2}(st|nd|rd|t` +
    String.raw`h)?\s+(of\s+)?(${alternation(DEBRIS, 'monthPrefixes', true)})[a-z]*\.?,?\s+\d{4}|(` +
    String.raw`${alternation(DEBRIS, 'monthPrefixes', true)})[a-z]*\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}|\d{4}-` +
    String.raw`\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})([,\s]*(at\s+)?\d{1,2}[:.]\d{2}\s*([ap]\.?m\.?)?\s*([A` +
    String.raw`-Z]{2,4})?)?[\s.|•·-]*((updated|published)\b.*)?$`,
  'iu',
);
/** Words of date and time stamps: a short block made (almost) only of them is a dateline. */
const DATE_WORD = new RegExp(String.raw`^(${alternation(DEBRIS, 'dateWords', true)})$`, 'i');
/** Share of a short block's words that must be date words for it to count as a dateline. */
const DATELINE_SHARE = 0.85;
/** Longest block considered as a dateline. */
const DATELINE_MAX = 90;
/** How a byline opens. */
const BYLINE_START = new RegExp(String.raw`^(${alternation(DEBRIS, 'bylineStarts', true)})\s+`, 'i');
/** Longest byline line. */
const BYLINE_MAX = 120;
/** Small words allowed between names in a byline. */
const BYLINE_GLUE = new RegExp(String.raw`^(${alternation(DEBRIS, 'bylineGlue', true)})$`, 'i');
/** Share of a byline's non-date words that must be capitalised names (or glue). */
const BYLINE_NAME_SHARE = 0.8;
/** Time-ago stamps: "3 hours ago", "Updated 5 mins ago". */
const TIME_AGO = new RegExp(
  String.raw`^((updated|published|posted)\s*:?\s*)?\d+\s+(${alternation(DEBRIS, 'timeAgoUnits', true)})s?\s+a` +
    String.raw`go$`,
  'i',
);
/** Reading-time badges: "5 min read". */
const READ_TIME = /^\d+\s*(min|minute)s?\s+read$/i;

/** An element's class and id words, as one string. */
function classOf(el: Element): string {
  return `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
}

/** Length of an element's text, white space collapsed. */
function textLen(el: Element): number {
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim().length;
}

/** Length of the text inside an element's links. */
function linkLen(el: Element): number {
  let n = 0;
  for (const a of Array.from(el.getElementsByTagName('a'))) n += textLen(a);
  return n;
}

/**
 * Remove chrome and boilerplate widgets from the page before Readability scores it.
 * A widget goes when its class/id says boilerplate and it is not the article container itself
 * (it holds no content-class descendant and is either link-heavy or short).
 */
export function preClean(document: Document): void {
  const root = document.body ?? document.documentElement;
  if (!root) return;
  // One pass over the elements: find chrome and boilerplate-classed widgets, and the article
  // container(s), whose ancestors are never removed whatever their class says.
  const protectedEls = new Set<Element>();
  const suspects: Element[] = [];
  for (const el of descendants(root)) {
    const tag = el.tagName;
    const cls = classOf(el);
    if (
      tag === 'ARTICLE' ||
      tag === 'MAIN' ||
      CONTENT_CLASS.test(cls) ||
      el.getAttribute('itemprop') === 'articleBody'
    ) {
      for (let a: Element | null = el; a && !protectedEls.has(a); a = a.parentElement) protectedEls.add(a);
      continue;
    }
    if (
      CHROME_TAG_NAMES.has(tag) ||
      isHidden(el) ||
      (cls.length > 1 && BOILERPLATE_CLASS.test(cls) && !EMBED_CLASS.test(cls))
    )
      suspects.push(el);
  }
  if (!suspects.length) return;
  const bodyLen = textLen(root);
  for (const el of suspects) {
    if (protectedEls.has(el) || !el.isConnected) continue;
    const len = textLen(el);
    const links = len ? linkLen(el) / len : 0;
    // A widget holding most of the page's prose is the article wrapped in a generic widget class.
    if (len > bodyLen * MAX_WIDGET_SHARE && links < WIDGET_LINK_DENSITY) continue;
    if (len > 1000 && links < WIDGET_LINK_DENSITY && el.getElementsByTagName('p').length >= 3) continue;
    el.remove();
  }
}

/** Every element under `root`, in document order (linkedom has no getElementsByTagName('*')). */
function descendants(root: Element): Element[] {
  const out: Element[] = [];
  const walk = (el: Element) => {
    for (let c = el.firstElementChild; c; c = c.nextElementSibling) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/** Whether an element is hidden from readers (attribute, ARIA or inline style). */
function isHidden(el: Element): boolean {
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return true;
  const role = el.getAttribute('role');
  if (role && CHROME_ROLES.has(role)) return true;
  const style = el.getAttribute('style');
  return !!style && HIDDEN_STYLE.test(style);
}

/** Fallback container: the element with the most paragraph text weighted by low link density. */
export function fallbackRoot(document: Document): Element | null {
  let best: Element | null = null;
  let bestScore = 0;
  for (const el of Array.from(document.querySelectorAll('article, main, section, div, td, body'))) {
    const len = textLen(el);
    if (len < 50) continue;
    const density = linkLen(el) / len;
    // Prefer the smallest container that holds most of the text: divide by descendant blocks.
    const blocks = el.querySelectorAll('div, section, article').length + 1;
    const score = (len * (1 - density)) / Math.sqrt(blocks);
    if (score > bestScore) {
      best = el;
      bestScore = score;
    }
  }
  return best;
}

/** "By Jane Roe - 11/18/19 11:04 PM EST", "By Jane Roe, Staff Writer | Updated ...": a byline with stamps. */
function isByline(t: string): boolean {
  if (t.length > BYLINE_MAX || !BYLINE_START.test(t)) return false;
  const words = (t.replace(BYLINE_START, '').match(/[\p{L}\p{N}'’.-]+/gu) ?? []).filter(
    (w) => !DATE_WORD.test(w.replace(/\.$/, '')),
  );
  if (!words.length) return false;
  const named = words.filter((w) => /^\p{Lu}/u.test(w) || BYLINE_GLUE.test(w)).length;
  return named / words.length >= BYLINE_NAME_SHARE;
}

/** A short line made of date and time words: "Posted: Fri 6:45 PM, Feb 16, 2018 | Updated ...". */
function isDateline(t: string): boolean {
  if (t.length > DATELINE_MAX) return false;
  const words = t.match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < 2 || !words.some((w) => /^\d+$/.test(w))) return false;
  const dateWords = words.filter((w) => DATE_WORD.test(w)).length;
  return dateWords / words.length >= DATELINE_SHARE;
}

/** The registrable part of a host name, roughly: "news.bbc.co.uk" → "bbc.co.uk". */
function siteOf(host: string): string {
  const labels = host
    .toLowerCase()
    .replace(/^www\./, '')
    .split('.');
  const n = labels.length >= 3 && SECOND_LEVEL.test(labels.slice(-2).join('.')) ? 3 : 2;
  return labels.slice(-n).join('.');
}

/** True when `href` points to another site than `pageUrl`. */
function isExternal(href: string, pageUrl: string): boolean {
  try {
    const target = new URL(href, pageUrl);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') return false;
    return siteOf(target.hostname) !== siteOf(new URL(pageUrl).hostname);
  } catch {
    return false;
  }
}

/** Whether a block is mostly link text (navigation, related lists). */
function linkHeavy(b: RawBlock): boolean {
  return b.text.length > 0 && b.linkChars / b.text.length > BLOCK_LINK_DENSITY;
}

/** Sentence-like text: enough words and closing punctuation. */
function isProse(t: string): boolean {
  return PROSE_END.test(t) && t.split(/\s+/).length >= PROSE_MIN_WORDS;
}

/** Text compared loosely: lower case, anything but letters and digits as one space. */
function norm(s: string): string {
  return s
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Score one block of the extracted container: the reason it is not article text, or null to keep it. */
export function blockIsBoilerplate(b: RawBlock, i: number, all: RawBlock[], meta: PageMeta): string | null {
  const t = b.text;
  const len = t.length;
  if (b.kind === 'heading' && meta.title && norm(t) === norm(meta.title)) return 'title';
  if (linkHeavy(b) && len < 400) {
    // A linked sentence is prose, unless it is all link inside a run of linked lines (a link list).
    const neighbours = [all[i - 1], all[i + 1]].filter((x): x is RawBlock => !!x);
    const inList = neighbours.some(linkHeavy) && b.linkChars / len >= ALL_LINK;
    // Links to other sites (sources, shops) are part of what the article says; links to this
    // site's own pages are recirculation.
    const external = meta.url ? b.hrefs.length > 0 && b.hrefs.every((h) => isExternal(h, meta.url!)) : false;
    if (!external && (!isProse(t) || inList)) return 'links';
  }
  if (len <= SIGNOFF_MAX && (i >= all.length - SIGNOFF_EDGE || i < SIGNOFF_EDGE) && SIGNOFF.test(t)) return 'signoff';
  if (len <= SHORT_BLOCK) {
    if (BOILERPLATE_PHRASE.test(t)) return 'widget';
    if (PROMPT_PHRASE.test(t)) return 'prompt';
    if (TIME_AGO.test(t) || READ_TIME.test(t)) return 'timestamp';
    if (DATELINE.test(t) || isDateline(t)) return 'dateline';
    if (BYLINE.test(t) || isByline(t)) return 'byline';
    if (SHORTCODE.test(t)) return 'shortcode';
    if (meta.authors?.length && norm(t).length < 100) {
      const n = norm(t);
      if (meta.authors.some((a) => n === norm(a) || n === `by ${norm(a)}`)) return 'byline';
    }
  }
  return null;
}

/** True when a short block reads as a photo caption (it ends with a photo credit). */
export function looksLikeCaption(t: string): boolean {
  return t.length <= CAPTION_MAX && CREDIT.test(t);
}
