/**
 * The vocabulary of sources: anonymous sources ("senior intelligence sources", "people familiar
 * with the talks"), people named by their body ("analysts at Brightwater"), role descriptions
 * ("the minister", "a spokesman"), news publications ("The Mail on Sunday", "this newspaper") and
 * the medium a statement came through ("in a statement", "told the BBC"). Word lists are in
 * `data/lexicons/speech-sources.json` and `speaker-words.json`.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity } from '../../model/analysis.ts';
import { alternation, wordList, wordSet } from '../../lexicon/load.ts';
import { isSpace } from '../../text/chars.ts';

/** `alternation` of a list of `speech-sources.json`. */
const sources = (key: string, raw = false) => alternation('speech-sources', key, raw);

/** Nouns of people or bodies that can be described as a speaker ("the minister", "a spokesman", "the ministry"). */
export const ROLE_NOUNS: readonly string[] = wordList('speaker-words', 'speakerRoles');

/** Whether the last word(s) of a phrase are a role noun. */
export function endsWithRole(phrase: string): boolean {
  const p = phrase.toLowerCase();
  return ROLE_NOUNS.some((r) => p === r || p.endsWith(' ' + r));
}

/** Whether a (lower-case) word is a role noun. */
export function isRoleNoun(word: string): boolean {
  return ROLE_NOUNS.includes(word);
}

/** Nouns that name sources without naming them: the heads of anonymous attributions (pattern pieces, in file order). */
export const ANONYMOUS_NOUNS = sources('anonymousNouns', true);

/** Anonymous source noun phrase at the end of a stretch of text ("senior intelligence sources"). */
export const ANONYMOUS_SOURCE_END = new RegExp(
  `(?:^|[^\\p{L}])((?:(?:${sources('anonymousQuantifiers')})\\s+)?` +
    `(?:(?:[A-Z][\\p{L}-]*|[a-z][\\p{L}-]*)(?:[’']s)?\\s+){0,3}?(?:${ANONYMOUS_NOUNS})` +
    `(?:\\s+(?:${sources('anonymousLinks')})\\s+[^,.;:'‘’"“”]{1,60}?)?)$`,
  'iu',
);

/**
 * Some anonymous-source noun anywhere (same flags as ANONYMOUS_SOURCE_END, which cannot match
 * without one): a cheap test that spares most stretches the costly end-anchored pattern.
 */
const ANONYMOUS_NOUN_ANYWHERE = new RegExp(`(?:${ANONYMOUS_NOUNS})`, 'iu');

/**
 * ANONYMOUS_SOURCE_END's match on `s`, tried only where an anonymous-source noun occurs after the
 * last of the punctuation marks that the pattern allows nowhere after its noun (the noun holds
 * none, and what may follow it is white space, a preposition and `[^,.;:'‘’"“”]`).
 */
export function anonymousSourceEnd(s: string): RegExpExecArray | null {
  let from = s.length;
  while (from > 0 && !isClosedAfterNoun(s.charCodeAt(from - 1))) from--;
  return ANONYMOUS_NOUN_ANYWHERE.test(from > 0 ? s.slice(from) : s) ? ANONYMOUS_SOURCE_END.exec(s) : null;
}

/** The marks `[,.;:'‘’"“”]` of ANONYMOUS_SOURCE_END's tail. */
function isClosedAfterNoun(c: number): boolean {
  return (
    c === 44 ||
    c === 46 ||
    c === 59 ||
    c === 58 ||
    c === 39 ||
    c === 34 ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d
  );
}

/** The prepositions that end PEOPLE_OF_BODY_END ("analysts at", "a spokesman for the"). */
const BODY_PREPOSITIONS = new Set(['at', 'of', 'for', 'from', 'in']);

/**
 * Whether `s` ends as PEOPLE_OF_BODY_END needs: white space, a preposition of BODY_PREPOSITIONS
 * and white space, maybe "the" and white space (a check that spares most texts the costly pattern).
 */
function endsWithBodyPreposition(s: string): boolean {
  let e = s.length;
  if (e === 0 || !isSpace(s.charCodeAt(e - 1))) return false;
  while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
  let b = e;
  while (b > 0 && isAsciiLetter(s.charCodeAt(b - 1))) b--;
  if (e - b === 3 && s.slice(b, e).toLowerCase() === 'the' && b > 0 && isSpace(s.charCodeAt(b - 1))) {
    e = b;
    while (e > 0 && isSpace(s.charCodeAt(e - 1))) e--;
    b = e;
    while (b > 0 && isAsciiLetter(s.charCodeAt(b - 1))) b--;
    // "of the": the preposition before the article; else "the" itself stands where the preposition must
    if (!(b > 0 && isSpace(s.charCodeAt(b - 1)) && BODY_PREPOSITIONS.has(s.slice(b, e).toLowerCase()))) return false;
    return true;
  }
  return b > 0 && isSpace(s.charCodeAt(b - 1)) && BODY_PREPOSITIONS.has(s.slice(b, e).toLowerCase());
}

/** "Analysts at", "a spokesman for the": people named by their body, before an entity mention. */
export const PEOPLE_OF_BODY_END = new RegExp(
  `(?:^|[^\\p{L}])((?:(?:[\\p{L}-]+)\\s+){0,2}(?:${ANONYMOUS_NOUNS}|${ROLE_NOUNS.join('|')})` +
    `\\s+(?:at|of|for|from|in)\\s+(?:the\\s+)?)$`,
  'iu',
);

/** PEOPLE_OF_BODY_END's match on `s`, tried only where `s` ends as it needs. */
export function peopleOfBodyEnd(s: string): RegExpExecArray | null {
  return endsWithBodyPreposition(s) ? PEOPLE_OF_BODY_END.exec(s) : null;
}

/** An ASCII letter (a char code). */
function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** A phrase ending in an anonymous-source noun. */
export const ANONYMOUS_NOUN_END = new RegExp(`(?:${ANONYMOUS_NOUNS})$`);
/** A short phrase opening with up to two words and an anonymous-source noun ("senior officials"). */
export const ANONYMOUS_PHRASE_START = new RegExp(
  `^((?:[\\p{L}-]+\\s+){0,2}?(?:${ANONYMOUS_NOUNS}))(?=[\\s,.;:]|$)`,
  'u',
);

/** Words that may not open or fill an anonymous-source phrase ("and officials" is "officials"). */
export const PHRASE_BREAKERS = wordSet('speaker-words', 'phraseBreakers');

/** The short words an anonymous phrase may hold all the same ("officials in the region"). */
export const ANONYMOUS_PHRASE_WORD = new RegExp(`^(${sources('anonymousPhraseWords')})$`);

/** The short words of people named by their body ("analysts at the bank"). */
export const BODY_PHRASE_WORD = new RegExp(`^(${sources('bodyPhraseWords')})$`, 'i');

/** Words that make a phrase opening with "the" or "a" an anonymous source ("the officials"). */
export const ANONYMOUS_MARKER = new RegExp(`(?:${sources('anonymousMarkers', true)})`, 'i');

/** Words that mark a news publication in an ORG name ("The Mail on Sunday", "The New York Times"). */
export const PUBLICATION_NAME = new RegExp(`\\b(${sources('publicationWords')})\\b`);

/** Phrases by which a paper names itself ("this newspaper can reveal"). */
export const SELF_PUBLICATION = new RegExp(`^(?:this (?:${sources('selfReferences')})|we)$`, 'i');

/** Whether a phrase (or ORG entity) is a news publication: the article's publisher or a paper's name. */
export function isPublication(doc: Doc, phrase: string, entity?: Entity): boolean {
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/^the\s+/, '')
      .trim();
  const publisher = doc.source.publisher ? norm(doc.source.publisher) : '';
  const p = norm(phrase);
  if (publisher && (p === publisher || (entity && [entity.name, ...entity.aliases].some((a) => norm(a) === publisher))))
    return true;
  if (SELF_PUBLICATION.test(phrase.trim())) return true;
  if (entity && entity.type !== 'ORG') return false;
  return PUBLICATION_NAME.test(phrase) && !endsWithRole(phrase);
}

/** Determiners that open a medium's phrase ("in a statement", "on his account"), left out of the channel. */
const DETERMINERS = alternation('speaker-words', 'determiners');

/** The medium a statement was made through; the group is the channel reported. */
export const CHANNEL_PATTERNS: readonly RegExp[] = [
  // online: "on social media", "in a post on X", "via its official website"
  new RegExp(
    `\\b(?:${sources('channelLeadsOnline')})\\s+(?:(?:his|her|their|its|the)\\s+)?` +
      `(${sources('channelPlatforms')}|(?:official\\s+)?(?:${sources('channelAccounts')}))\\b`,
  ),
  // a statement, interview or speech: "in a televised address", "in an interview with the Times"
  new RegExp(
    `\\bin (?:${DETERMINERS})\\s+((?:(?:${sources('channelStatementKinds')})\\s+)?` +
      `(?:${sources('channelStatements')})` +
      `(?:\\s+(?:with|to|on)\\s+(?:the\\s+)?[A-Z][\\p{L}’'-]*(?:\\s+(?:on|of|[A-Z][\\p{L}’'-]*))*)?)`,
    'u',
  ),
  // an outlet: "told the BBC", "writing in the Financial Times"
  new RegExp(
    `\\b(?:${sources('channelLeadsOutlet')})\\s+(?:the\\s+)?((?:${sources('channelOutlets')}|` +
      `[A-Z][\\p{L}’'-]+(?:\\s+(?:on|of|[A-Z][\\p{L}’'-]+))*)(?:\\s+(?:${sources('channelOutletKinds')}))?)`,
    'u',
  ),
  // an occasion: "at a news conference", "during the briefing"
  /\b(?:at|to|during)\s+(?:a|an|the)\s+((?:news|press)\s+conference|briefing|rally|summit|hearing)\b/,
];

/** A leading determiner of a channel's phrase. */
const LEADING_DETERMINER = new RegExp(`^(?:${DETERMINERS})\\s+`, 'i');

/** Hearers that are no medium ("told reporters"). */
const NOT_CHANNEL = new RegExp(`^(${sources('notChannels')})$`, 'i');

/** The medium named in a stretch of text ("on social media", "in a statement", "told the BBC"). */
export function findChannel(text: string): string | undefined {
  for (const re of CHANNEL_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const c = m[1].replace(LEADING_DETERMINER, '').trim();
      if (NOT_CHANNEL.test(c)) continue;
      return c;
    }
  }
  return undefined;
}
