/**
 * The cleaner's vocabulary: named patterns and thresholds, each with the reason it exists.
 *
 * Debris is recognised by its shape and place, not by a list of exact strings: each pattern
 * below describes a *kind* of site furniture (share prompts, navigation, credits, ...), and
 * `debrisScore` catches the rest by shape (short, no sentence structure) at the article's edges.
 * The phrases of each kind are in `data/lexicons/page-debris.json`.
 */
import { alternation, wordSet } from '../lexicon/load.ts';

/** The lexicon file of site furniture phrases. */
const DEBRIS = 'page-debris';

/** A named kind of boilerplate: `test` decides on the whole (whitespace-normalised) block. */
export interface BoilerplateRule {
  /** Readable reason, written to `removed[].reason` as `boilerplate: <name>`. */
  name: string;
  /** Regular expression tested on the block text. */
  pattern: RegExp;
  /** Only blocks with at most this many words can match (debris is short; prose is not). */
  maxWords: number;
  /** Only at the head or tail of the article (a byline shape in the body may be a sentence). */
  edgeOnly?: boolean;
}

/** Boilerplate kinds that may appear anywhere in the article (checked in this order). */
export const BOILERPLATE_RULES: BoilerplateRule[] = [
  // Social buttons flattened into text: "Share.", "Share this article", "Tweet", "Share on Facebook".
  {
    name: 'share prompt',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'sharePrompts', true)})(?: (?:this|it))?[\s.!:|]*$`, 'i'),
    maxWords: 8,
  },
  // Aggregator links back to the original: "Source link", "Source: example.com", "View original".
  {
    name: 'source link',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'sourceLinks', true)})[\s.!:]*$`, 'i'),
    maxWords: 8,
  },
  // Site navigation that scrapers keep: "Exit mobile version", "Skip to content", "Back to top".
  {
    name: 'navigation',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'navigation', true)})[\s.!:>»›|]*$`, 'i'),
    maxWords: 8,
  },
  // Ad slots: "Advertisement", "Sponsored content", "Story continues below advertisement".
  {
    name: 'advertisement',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'advertisements', true)})[\s.!:]*$`, 'i'),
    maxWords: 10,
  },
  // Links to other stories: "Read more: ...", "Related: ...", "See also ...", "Most read".
  {
    name: 'related link',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'relatedLinks', true)})\b\s*(?:[:\-–—|>»›].*)?$`, 'i'),
    maxWords: 30,
  },
  // Imperative calls to action: "Click here to ...", "Sign up for our newsletter", "Follow us on X".
  {
    name: 'call to action',
    pattern: new RegExp(
      String.raw`^(?:please )?(?:click|tap|press) (?:here|the link|this link|below)\b|^(?:` +
        String.raw`${alternation(DEBRIS, 'callsToAction', true)})\b|\bnewsletters?\b.*\b(?:sign up|subscribe|inbox)` +
        String.raw`\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b`,
      'i',
    ),
    maxWords: 30,
  },
  // Cookie and consent banners.
  {
    name: 'cookie notice',
    pattern: new RegExp(
      String.raw`\b(?:we|this (?:web)?site|our (?:web)?site)\b.*\bcookies?\b|\bcookies?\b.*\b(?:` +
        String.raw`${alternation(DEBRIS, 'cookieContext', true)})\b|\b(?:accept|manage|reject) (?:all )?cookies\b|` +
        String.raw`\bprivacy (?:policy|settings|preferences)\b`,
      'i',
    ),
    maxWords: 60,
  },
  // Copyright and rights lines: "© 2025 Example Media", "All rights reserved".
  {
    name: 'copyright notice',
    pattern: new RegExp(
      String.raw`^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|\bmay not be (?:re)?(?:published|reproduced),? ` +
        String.raw`(?:broadcast|rewritten|redistributed)`,
      'i',
    ),
    maxWords: 40,
  },
  // Stand-alone photo credits: "Photo: Reuters", "Image credit: Getty Images", "(AP Photo/Jane Doe)",
  // "Image copyright Getty Images", "Jane Doe | Bloomberg | Getty Images".
  {
    name: 'photo credit',
    pattern: new RegExp(
      String.raw`^\(?(?:(?:${alternation(DEBRIS, 'photoWords', true)})s?(?: credits?)?|credits?|photo by|pictures` +
        String.raw`? by)\s*[:/-]\s*\p{Lu}[\p{L}.&'’-]*(?:[\s/,]+(?:via|and|for|&|\p{Lu}[\p{L}.&'’-]*))*\)?[\s.]*$|^` +
        String.raw`\(?(?:${alternation(DEBRIS, 'photoAgencies', true)})(?:\s*(?:\/|via)\s*[^.!?]{1,40})?(?: photo| ` +
        String.raw`images?)?\)?[\s.]*$|^\((?:ap|afp|reuters|epa|pa) photo\b.*\)$|^(?:` +
        String.raw`${alternation(DEBRIS, 'photoWords', true)}) copyright\b[^.!?]{0,60}$|` +
        String.raw`^[^|.!?]{1,60}(?:\|[^|.!?]{1,40}){0,3}\|\s*(?:${alternation(DEBRIS, 'photoAgencies', true)})` +
        String.raw`(?: images?)?\s*$`,
      'iu',
    ),
    maxWords: 7,
  },
  // Photo-gallery furniture: counters ("Image 1 of 23", "Photo 3 of / 12") and labels ("Caption").
  {
    name: 'gallery furniture',
    pattern: new RegExp(
      String.raw`^(?:(?:${alternation(DEBRIS, 'photoWords', true)})s?\s+\d+\s*(?:of|/)\s*/?\s*\d+|` +
        String.raw`(?:${alternation(DEBRIS, 'galleryLabels', true)}))[\s.:]*$`,
      'i',
    ),
    maxWords: 6,
  },
  // Comment widgets: "Comments", "12 comments", "Leave a comment", "Join the conversation".
  {
    name: 'comments widget',
    pattern: new RegExp(String.raw`^(?:\d+\s+)?(?:${alternation(DEBRIS, 'commentsWidgets', true)})[\s.!:()\d]*$`, 'i'),
    maxWords: 8,
  },
  // Tag and topic lists at the foot of a page: "Tags: Syria, UK", "Topics: ...", "Filed under ...".
  {
    name: 'tag list',
    pattern: new RegExp(String.raw`^(?:${alternation(DEBRIS, 'tagLabels', true)})\s*[:\-–—]`, 'i'),
    maxWords: 40,
  },
  // Wire and editing credits: "Reporting by Jane Doe; Editing by John Smith".
  {
    name: 'wire credit',
    pattern: new RegExp(
      String.raw`^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced|contributed|research) by\b[^.` +
        String.raw`!?]*(?:[;,]\s*(?:additional )?(?:reporting|writing|editing|compiled|produced) by\b[^.!?]*)*\)?[.` +
        String.raw`]?$`,
      'i',
    ),
    maxWords: 30,
  },
  // Bylines and timestamps from the page head: "By Jane Smith", "Published: 10:31, 19 July 2025".
  {
    name: 'byline or timestamp',
    pattern: new RegExp(
      String.raw`^(?:[Bb][Yy]\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4}(?:(?:and|&|,)\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4})*(?` +
        String.raw`:[|,–—-][^.!?]{0,60})?|(?:[Pp]ublished|PUBLISHED|[Uu]pdated|UPDATED|[Ll]ast updated|[Pp]osted|[F` +
        String.raw`f]irst published|[Mm]odified)\b\s*(?:on|at)?\s*:?\s*[\p{L}\p{N} ,:./|+-]{0,60})$`,
      'u',
    ),
    edgeOnly: true,
    maxWords: 16,
  },
];

/**
 * Caption markers inserted into a paragraph that a site repeats under a photo:
 * "(pictured last month)", "(left)", "(above, in 2019)", "(file photo)".
 */
export const CAPTION_INSERT = new RegExp(
  String.raw`\s*\((?:${alternation(DEBRIS, 'captionInserts', true)})\b[^()]{0,80}\)`,
  'gi',
);

/**
 * A caption label followed by the caption's own text: "Pictured: ...", "Above: ...", "Photo: ...".
 * Matched at the start of the block or after a sentence end, so "Pictured: X" appended to a
 * repeated paragraph is found too. The label starts with a capital: a body sentence rarely does that.
 */
export const CAPTION_LABEL = new RegExp(
  String.raw`(?:^|(?<=[.!?'"’”)]\s*))\s*(?:${alternation(DEBRIS, 'captionLabels', true)})(?:\s*\([^()]{0,40}` +
    String.raw`\))?\s*:\s*.*$`,
  'u',
);

/** Caption overlap: share of a caption's word bigrams that must occur in the body paragraph. */
export const CAPTION_MIN_OVERLAP = 0.8;
/** Caption overlap when the block has no caption marker at all (then it is a plain repeat). */
export const REPEAT_MIN_OVERLAP = 0.9;
/** A repeat must have this many words left once its markers are stripped (short lines repeat by chance). */
export const REPEAT_MIN_WORDS = 6;

/**
 * Debris score by shape, used only at the article's head and tail where site furniture sits.
 * A block scoring at least `DEBRIS_THRESHOLD` is removed; the walk stops at the first block below.
 */
export const DEBRIS_THRESHOLD = 3;
/** Very short lines ("Share.", "Comments") are the typical debris shape. */
export const DEBRIS_TINY_WORDS = 3;
/** Short lines are suspicious, not damning. */
export const DEBRIS_SHORT_WORDS = 8;
/** Characters that end a sentence (possibly followed by a closing quote or bracket). */
export const SENTENCE_END = /[.!?…]['"’”)\]]*$/u;
/** Separators of menus and breadcrumbs: "Home | World | Middle East", "News › Politics". */
export const MENU_SEPARATORS = /\s[|•»›>/·]\s|^[|•»›>·]|[|•»›>·]$/u;
/**
 * Words that glue a sentence together: a line with none of them and without a verb-like word is
 * a label, not prose ("Exit mobile version", "Most Popular"). Lower-case only.
 */
export const GLUE_WORDS = wordSet(DEBRIS, 'glueWords');
/** Verb-like endings of lower-case words ("continues", "denied", "resigning"): a sign of a sentence. */
export const VERB_LIKE = /^\p{Ll}[\p{Ll}'’-]*(?:ed|es|ing)$/u;

/** Digits mark data (dates, scores, prices), which site furniture rarely carries: lowers the debris score. */
export const HAS_DIGIT = /\p{N}/u;
/**
 * A dateline opening a story ("BAAR, SWITZERLAND", "LONDON (Reuters) -"): short and verbless, but
 * part of the article, so the head walk keeps it.
 */
export const DATELINE = /^\p{Lu}{2}[\p{Lu} .'’-]*(?:,\s*\p{Lu}[\p{L} .'’-]+|\s*\([\p{L} ]+\))\s*[-–—:]?$/u;
/** Identical paragraphs are one scraped twice only when this long (short lines repeat in lists and tables). */
export const DUPLICATE_MIN_WORDS = 12;
/** Glue words a paragraph needs to count as prose for the duplicate check (lists and tables have few). */
export const PROSE_MIN_GLUE = 3;
/** An unmarked truncated repeat must start with the same words as the paragraph it repeats (captions copy
 * from the start). */
export const REPEAT_SAME_START_WORDS = 6;

/** A heading inside the body: short, no sentence end, at most this many words. */
export const HEADING_MAX_WORDS = 12;
