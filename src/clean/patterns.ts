/**
 * The cleaner's vocabulary: named patterns and thresholds, each with the reason it exists.
 *
 * Debris is recognised by its shape and place, not by a list of exact strings: each pattern
 * below describes a *kind* of site furniture (share prompts, navigation, credits, ...), and
 * `debrisScore` catches the rest by shape (short, no sentence structure) at the article's edges.
 */

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
    pattern:
      /^(?:share|share (?:this|the) (?:article|story|page|post|video)|share (?:on|via|to) [\w .,&|/-]+|tweet|pin|email|e-mail|print|copy link|copied|whatsapp|facebook|twitter|linkedin|reddit)(?: (?:this|it))?[\s.!:|]*$/i,
    maxWords: 8,
  },
  // Aggregator links back to the original: "Source link", "Source: example.com", "View original".
  {
    name: 'source link',
    pattern:
      /^(?:source link|source|via|original (?:article|story|post)|(?:read|view|see) (?:the )?original(?: article| story| post)?(?: here)?|(?:source|via|originally published (?:on|at|by))\s*:?\s*\S+)[\s.!:]*$/i,
    maxWords: 8,
  },
  // Site navigation that scrapers keep: "Exit mobile version", "Skip to content", "Back to top".
  {
    name: 'navigation',
    pattern:
      /^(?:exit mobile version|(?:view|switch to) (?:mobile|desktop) (?:version|site)|skip to (?:main )?content|back to top|go to top|scroll to top|menu|home|search|close|next (?:article|story|post)|previous (?:article|story|post)|load more|show more|see more|view all|more stories|more news|open in app|toggle navigation|(?:jump|skip) to .{1,30})[\s.!:>»›|]*$/i,
    maxWords: 8,
  },
  // Ad slots: "Advertisement", "Sponsored content", "Story continues below advertisement".
  {
    name: 'advertisement',
    pattern:
      /^(?:advertisement|advertising|advert|ad|ads|sponsored(?: content| post| links?)?|paid (?:content|post|partnership)|promoted(?: content)?|(?:the )?(?:story|article) continues (?:below|after)(?: (?:this|the))?(?: advert(?:isement)?| ad)?|scroll (?:down )?to continue(?: reading)?|continue reading(?: below| the (?:main )?story)?)[\s.!:]*$/i,
    maxWords: 10,
  },
  // Links to other stories: "Read more: ...", "Related: ...", "See also ...", "Most read".
  {
    name: 'related link',
    pattern:
      /^(?:read more|read next|read also|also read|related(?: articles?| stories| content| coverage| news| topics)?|see also|more on this(?: story)?|more from [\w ]{1,30}|recommended(?: for you| stories)?|trending(?: now)?|most read|most popular|popular now|you may also like|you might also like|top stories|latest news|latest stories|(?:watch|listen)(?: now)?)\b\s*(?:[:\-–—|>»›].*)?$/i,
    maxWords: 30,
  },
  // Imperative calls to action: "Click here to ...", "Sign up for our newsletter", "Follow us on X".
  {
    name: 'call to action',
    pattern:
      /^(?:please )?(?:click|tap|press) (?:here|the link|this link|below)\b|^(?:sign up|signup|subscribe|register|log ?in|sign in|join (?:us|our)|follow (?:us|our|@)|like us|download (?:our|the) app|get (?:our|the latest|the best)|don'?t miss|never miss|stay (?:up to date|informed|in the know)|support (?:our|independent) journalism|become a (?:member|subscriber)|want (?:more|to read more)|enjoy(?:ed)? this (?:article|story))\b|\bnewsletters?\b.*\b(?:sign up|subscribe|inbox)\b|\b(?:sign up|subscribe)\b.*\bnewsletters?\b/i,
    maxWords: 30,
  },
  // Cookie and consent banners.
  {
    name: 'cookie notice',
    pattern:
      /\b(?:we|this (?:web)?site|our (?:web)?site)\b.*\bcookies?\b|\bcookies?\b.*\b(?:consent|accept|policy|settings|preferences|browsing|your experience|this (?:web)?site)\b|\b(?:accept|manage|reject) (?:all )?cookies\b|\bprivacy (?:policy|settings|preferences)\b/i,
    maxWords: 60,
  },
  // Copyright and rights lines: "© 2025 Example Media", "All rights reserved".
  {
    name: 'copyright notice',
    pattern:
      /^(?:©|\(c\)|copyright\b)|\ball rights reserved\b|\bmay not be (?:re)?(?:published|reproduced),? (?:broadcast|rewritten|redistributed)/i,
    maxWords: 40,
  },
  // Stand-alone photo credits: "Photo: Reuters", "Image credit: Getty Images", "(AP Photo/Jane Doe)".
  {
    name: 'photo credit',
    pattern:
      /^\(?(?:(?:photo|photograph|picture|pic|image|video|illustration|graphic)s?(?: credits?)?|credits?|photo by|pictures? by)\s*[:/-]\s*\p{Lu}[\p{L}.&'’-]*(?:[\s/]+(?:via|and|for|&|\p{Lu}[\p{L}.&'’-]*))*\)?[\s.]*$|^\(?(?:getty images|reuters|ap|afp|epa|pa(?: media| wire)?|shutterstock|alamy|rex features|anadolu(?: agency)?|bloomberg|xinhua)(?:\s*(?:\/|via)\s*[^.!?]{1,40})?(?: photo| images?)?\)?[\s.]*$|^\((?:ap|afp|reuters|epa|pa) photo\b.*\)$/iu,
    maxWords: 7,
  },
  // Comment widgets: "Comments", "12 comments", "Leave a comment", "Join the conversation".
  {
    name: 'comments widget',
    pattern:
      /^(?:\d+\s+)?(?:comments?|replies|(?:view|show|hide|load|read) (?:all )?comments?|leave a (?:comment|reply)|add (?:a|your) comment|post a comment|join the (?:conversation|discussion|debate)|have your say|what do you think\??)[\s.!:()\d]*$/i,
    maxWords: 8,
  },
  // Tag and topic lists at the foot of a page: "Tags: Syria, UK", "Topics: ...", "Filed under ...".
  {
    name: 'tag list',
    pattern: /^(?:tags?|topics?|categories|category|filed under|keywords|posted in)\s*[:\-–—]/i,
    maxWords: 40,
  },
  // Wire and editing credits: "Reporting by Jane Doe; Editing by John Smith".
  {
    name: 'wire credit',
    pattern:
      /^\(?(?:(?:additional )?reporting|writing|editing|compiled|produced|contributed|research) by\b[^.!?]*(?:[;,]\s*(?:additional )?(?:reporting|writing|editing|compiled|produced) by\b[^.!?]*)*\)?[.]?$/i,
    maxWords: 30,
  },
  // Bylines and timestamps from the page head: "By Jane Smith", "Published: 10:31, 19 July 2025".
  {
    name: 'byline or timestamp',
    pattern:
      /^(?:[Bb][Yy]\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4}(?:(?:and|&|,)\s+(?:\p{Lu}[\p{L}'’.-]*\s*){1,4})*(?:[|,–—-][^.!?]{0,60})?|(?:[Pp]ublished|PUBLISHED|[Uu]pdated|UPDATED|[Ll]ast updated|[Pp]osted|[Ff]irst published|[Mm]odified)\b\s*(?:on|at)?\s*:?\s*[\p{L}\p{N} ,:./|+-]{0,60})$/u,
    edgeOnly: true,
    maxWords: 16,
  },
];

/**
 * Caption markers inserted into a paragraph that a site repeats under a photo:
 * "(pictured last month)", "(left)", "(above, in 2019)", "(file photo)".
 */
export const CAPTION_INSERT =
  /\s*\((?:pictured|picture|photo(?:graphed)?|file(?: photo| picture| image)?|left|right|centre|center|above|below|top|bottom|inset|main|second (?:left|right)|far (?:left|right)|front|back|seated|standing)\b[^()]{0,80}\)/gi;

/**
 * A caption label followed by the caption's own text: "Pictured: ...", "Above: ...", "Photo: ...".
 * Matched at the start of the block or after a sentence end, so "Pictured: X" appended to a
 * repeated paragraph is found too. The label starts with a capital: a body sentence rarely does that.
 */
export const CAPTION_LABEL =
  /(?:^|(?<=[.!?'"’”)]\s*))\s*(?:Pictured|Picture|Photo(?:graph)?|Image|Above|Below|Left|Right|Top|Main|Inset|Main picture|Main image|Video)(?:\s*\([^()]{0,40}\))?\s*:\s*.*$/u;

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
export const GLUE_WORDS = new Set(
  (
    'the a an of to in on at for with from by as and but or is are was were be been has have had ' +
    'will would can could should may might must do does did not no he she it they we you i this that ' +
    'these those his her their its our who which what said says told'
  ).split(' '),
);
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
/** An unmarked truncated repeat must start with the same words as the paragraph it repeats (captions copy from the start). */
export const REPEAT_SAME_START_WORDS = 6;

/** A heading inside the body: short, no sentence end, at most this many words. */
export const HEADING_MAX_WORDS = 12;
