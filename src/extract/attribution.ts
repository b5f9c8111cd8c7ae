/**
 * Attribution helpers shared by the quote and claim stages: the reporting-verb lexicon, the
 * vocabulary of sources (anonymous, publications, roles), and the search for who said something
 * (the noun phrase before or after a reporting verb) and its resolution to an entity of the Doc.
 *
 * Everything here works on the clean text with regular expressions over words: it needs the
 * sentence layer when there is one (and splits sentences itself when there is none), and the
 * entity layer to resolve speakers (without entities a speaker keeps its words and no id).
 */
import type { Doc } from '../model/doc.ts';
import type { Entity, Sentence } from '../model/analysis.ts';
import { resolveDescription, resolvePronoun } from './coref.ts';
import { memoize } from '../text/memo.ts';
import { isSpace, letterOrDigitAt } from '../text/chars.ts';

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

/** Verbs that introduce reported speech or writing (lemmas; inflections are generated). */
export const REPORTING_VERB_LEMMAS: readonly string[] = [
  'say',
  'tell',
  'add',
  'write',
  'state',
  'announce',
  'claim',
  'insist',
  'warn',
  'urge',
  'argue',
  'explain',
  'note',
  'declare',
  'stress',
  'boast',
  'reveal',
  'admit',
  'confirm',
  'deny',
  'suggest',
  'describe',
  'call',
  'ask',
  'reply',
  'respond',
  'comment',
  'tweet',
  'post',
  'acknowledge',
  'vow',
  'pledge',
  'promise',
  'predict',
  'concede',
  'complain',
  'accuse',
  'allege',
  'assert',
  'maintain',
  'report',
  'recall',
  'conclude',
  'emphasise',
  'emphasize',
  'speak',
  'brand',
  'dub',
  'condemn',
  'welcome',
  'demand',
  'threaten',
  'repeat',
  'reiterate',
  'disclose',
  'indicate',
  'signal',
  'hint',
  'joke',
  'quip',
  'tell',
  'shout',
  'cry',
  'plead',
  'appeal',
  'caution',
  'hail',
  'praise',
  'criticise',
  'criticize',
  'mock',
  'lament',
  'observe',
  'remark',
  'recount',
  'testify',
  'announce',
  'proclaim',
  'retort',
  'counter',
  'agree',
  'estimate',
  'forecast',
  'express',
  'pointed',
  // Less frequent cues, checked against a published quote extractor's verb list.
  'assure',
  'reassure',
  'advise',
  'clarify',
  'continue',
  'decry',
  'denounce',
  'dispute',
  'exclaim',
  'inform',
  'mention',
  'remind',
  'restate',
  'reassert',
  'reconfirm',
  'reckon',
  'notify',
];

/** Forms English spells irregularly; the rest follow `inflect`. */
const IRREGULAR_FORMS: Record<string, string[]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  speak: ['speaks', 'spoke', 'spoken', 'speaking'],
  cry: ['cries', 'cried', 'crying'],
  reply: ['replies', 'replied', 'replying'],
  deny: ['denies', 'denied', 'denying'],
  forecast: ['forecasts', 'forecast', 'forecasting'],
  pointed: ['pointed'],
};

/** Verbs that double their last consonant before -ed/-ing (admitted, regretted). */
const DOUBLING_VERBS = new Set(['admit', 'dub', 'quip', 'commit', 'regret', 'plan']);

/** Regular English inflections of a verb lemma: 3rd person, past, -ing. */
function inflect(lemma: string): string[] {
  if (IRREGULAR_FORMS[lemma]) return [lemma, ...IRREGULAR_FORMS[lemma]];
  // Consonant + y: testify → testifies, testified, testifying.
  if (/[^aeiou]y$/.test(lemma)) return [lemma, lemma.slice(0, -1) + 'ies', lemma.slice(0, -1) + 'ied', lemma + 'ing'];
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : lemma + 's';
  let stem = lemma;
  if (DOUBLING_VERBS.has(lemma)) stem = lemma + lemma.slice(-1);
  const ed = lemma.endsWith('e') ? lemma + 'd' : stem + 'ed';
  const ing = lemma.endsWith('e') && !lemma.endsWith('ee') ? lemma.slice(0, -1) + 'ing' : stem + 'ing';
  return [lemma, s, ed, ing];
}

/** Every form of every reporting verb, mapped to its lemma. */
export const REPORTING_VERBS: ReadonlyMap<string, string> = (() => {
  const m = new Map<string, string>();
  for (const l of REPORTING_VERB_LEMMAS) for (const f of inflect(l)) m.set(f, l);
  return m;
})();

/** Lemmas that introduce a proposition someone vouches for (a claim), not just any speech act. */
export const CLAIM_VERB_LEMMAS: ReadonlySet<string> = new Set([
  'say',
  'tell',
  'claim',
  'insist',
  'warn',
  'argue',
  'explain',
  'note',
  'declare',
  'stress',
  'boast',
  'reveal',
  'admit',
  'confirm',
  'suggest',
  'acknowledge',
  'predict',
  'concede',
  'allege',
  'assert',
  'maintain',
  'report',
  'indicate',
  'estimate',
  'add',
  'state',
  'disclose',
  'believe',
  'understand',
  'learn',
  'fear',
  'forecast',
  'announce',
  'agree',
  'deny',
]);

/** Extra claim verbs that are not speech verbs ("officials believe", "this paper understands"). */
const CLAIM_ONLY_FORMS: Record<string, string> = {
  believe: 'believe',
  believes: 'believe',
  believed: 'believe',
  understand: 'understand',
  understands: 'understand',
  learned: 'learn',
  learnt: 'learn',
  learns: 'learn',
  fear: 'fear',
  fears: 'fear',
  feared: 'fear',
};

/** CLAIM_ONLY_FORMS as a map: looked up for every word (a map, unlike an object, has no inherited keys). */
const CLAIM_ONLY_MAP: ReadonlyMap<string, string> = new Map(Object.entries(CLAIM_ONLY_FORMS));

/** Pronouns that can stand for a speaker. */
const SPEAKER_PRONOUN = /(?:^|[^\p{L}])(he|she|they|we|I|it|He|She|They|We|It)$/u;

/** Honorifics kept as part of a speaker's name ("Mr Lammy", "Sir Keir Starmer"). */
const HONORIFICS = /^(Mr|Mrs|Ms|Miss|Mx|Dr|Sir|Dame|Lord|Lady|Prof|Professor|Rev|Mr\.|Mrs\.|Ms\.|Dr\.)$/;

/** Name particles written in lower case inside names ("Abu Hasan al-Jazrawi", "Ursula von der Leyen"). */
const NAME_PARTICLES = /^(al|el|bin|ben|ibn|de|del|della|di|da|van|von|der|den|du|la|le|dos|das|on|of)$/;

/** Capitalised words that start sentences or name times, never a speaker. */
const NOT_NAME_WORDS = new Set([
  'Yesterday',
  'Today',
  'Tonight',
  'Tomorrow',
  'Meanwhile',
  'However',
  'But',
  'And',
  'Then',
  'Later',
  'Earlier',
  'Now',
  'Last',
  'This',
  'That',
  'On',
  'In',
  'At',
  'After',
  'Before',
  'When',
  'While',
  'As',
  'Speaking',
  'Writing',
  'Asked',
  'Separately',
  'Also',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
  'It',
  'He',
  'She',
  'They',
  'We',
  'I',
  'A',
  'An',
  'The',
  'Mr',
  'Mrs',
  'Ms',
  'Dr',
  'Sir',
  'Lady',
  'Lord',
  'Dame',
  'His',
  'Her',
  'Their',
  'Its',
  'Our',
  'My',
  'Your',
  'One',
  'Some',
  'Many',
  'Several',
  'Other',
  'Others',
]);

/** Words between a subject and its verb that do not break the link ("he has also said"). */
const SKIPPABLE_BEFORE_VERB = new Set([
  'has',
  'have',
  'had',
  'also',
  'then',
  'later',
  'previously',
  'once',
  'again',
  'yesterday',
  'today',
  'tonight',
  'earlier',
  'recently',
  'only',
  'just',
  'would',
  'will',
  'could',
  'might',
  'may',
  'now',
  'further',
  'already',
  'first',
  'last',
  'subsequently',
  'even',
  'did',
  'does',
  'do',
  'should',
  'must',
  'can',
  'ever',
  'never',
  'always',
  'often',
  'still',
]);

/** Pronouns that open a relative clause between a speaker and the verb ("X, who …, said"). */
const RELATIVE_PRONOUNS = /who|which|whose|whom|where|while|whilst/;

/** Longest relative clause stepped over between a speaker and the verb, in words. */
const RELATIVE_CLAUSE_MAX_WORDS = 30;

/** Nouns of people or bodies that can be described as a speaker ("the minister", "a spokesman"). */
export const ROLE_NOUNS: readonly string[] = [
  'minister',
  'secretary',
  'president',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'official',
  'chief',
  'executive',
  'director',
  'leader',
  'chairman',
  'chairwoman',
  'chair',
  'general',
  'commander',
  'ambassador',
  'envoy',
  'adviser',
  'advisor',
  'ministry',
  'government',
  'company',
  'firm',
  'group',
  'army',
  'military',
  'chancellor',
  'mayor',
  'governor',
  'senator',
  'lawyer',
  'attorney',
  'prosecutor',
  'judge',
  'analyst',
  'expert',
  'witness',
  'resident',
  'doctor',
  'head',
  'founder',
  'ceo',
  'manager',
  'officer',
  'agency',
  'department',
  'board',
  'council',
  'coach',
  'police',
  'premier',
  'king',
  'queen',
  'prince',
  'pope',
  'boss',
  'owner',
  'campaigner',
  'activist',
  'professor',
  'researcher',
  'scientist',
  'economist',
  'bank',
  'regulator',
  'organisation',
  'organization',
  'union',
  'party',
  'office',
  'white house',
  'kremlin',
  'mp',
  'lawmaker',
  'legislator',
  'representative',
  'negotiator',
  'diplomat',
  'statement',
  'founder',
  'investor',
  'chairperson',
  'cabinet',
  'administration',
  'authority',
  'authorities',
  'ministers',
  'officials',
  'leaders',
  'founders',
  'prime minister',
  'foreign secretary',
  'home secretary',
];

/** Nouns that name sources without naming them: the heads of anonymous attributions. */
export const ANONYMOUS_NOUNS =
  'sources?|officials?|insiders?|aides?|diplomats?|analysts?|experts?|observers?|witnesses|' +
  'residents|critics|allies|insiders|figures?|a source|people familiar|person familiar|those familiar|' +
  'people close|those close|people briefed|person briefed|people with knowledge|officers|spokes(?:wo)?man|spokesperson|' +
  // Bare plural groups of people named by their trade ("…, prosecutors said"): unnamed sources too.
  'investigators|prosecutors|detectives|medics|paramedics|doctors|nurses|rescuers|firefighters|engineers|' +
  'scientists|researchers|economists|mediators|negotiators|monitors|inspectors|auditors|lawyers|' +
  'campaigners|activists|organisers|organizers|traders|bankers|executives|insiders|workers|locals|' +
  'survivors|relatives|neighbours|neighbors|eyewitnesses|lawmakers|legislators|regulators|' +
  'authorities|security sources|military sources|medical sources|rebels|militants|protesters|' +
  'villagers|farmers|fishermen|passengers|students|teachers|parents|staff|employees|people|' +
  // Unnamed bodies in the plural ("Aid agencies say …", "rights groups said").
  'agencies|charities|groups|organi[sz]ations|NGOs|companies|firms|banks|governments|countries|states';

/** Anonymous source noun phrase at the end of a stretch of text ("senior intelligence sources"). */
export const ANONYMOUS_SOURCE_END = new RegExp(
  `(?:^|[^\\p{L}])((?:(?:a|an|the|one|two|three|four|several|some|many|other|more|both)\\s+)?` +
    `(?:(?:[A-Z][\\p{L}-]*|[a-z][\\p{L}-]*)(?:[’']s)?\\s+){0,3}?(?:${ANONYMOUS_NOUNS})` +
    `(?:\\s+(?:familiar with|close to|with knowledge of|briefed on|with|to|from|in|at|inside|within|for)\\s+[^,.;:'‘’"“”]{1,60}?)?)$`,
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

/** PEOPLE_OF_BODY_END's match on `s`, tried only where `s` ends as it needs. */
export function peopleOfBodyEnd(s: string): RegExpExecArray | null {
  return endsWithBodyPreposition(s) ? PEOPLE_OF_BODY_END.exec(s) : null;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

/** Compiled once (they were built per call): the relative clause ", who …" ending a stretch of text. */
const RELATIVE_CLAUSE_END = new RegExp(`,\\s+(?:${RELATIVE_PRONOUNS.source})\\s[^‘’“”"«».!?;]*$`, 'u');
/** "Analysts at", "a spokesman for the": people named by their body, before an entity mention. */
export const PEOPLE_OF_BODY_END = new RegExp(
  `(?:^|[^\\p{L}])((?:(?:[\\p{L}-]+)\\s+){0,2}(?:${ANONYMOUS_NOUNS}|${ROLE_NOUNS.join('|')})\\s+(?:at|of|for|from|in)\\s+(?:the\\s+)?)$`,
  'iu',
);
/** A phrase ending in an anonymous-source noun. */
const ANONYMOUS_NOUN_END = new RegExp(`(?:${ANONYMOUS_NOUNS})$`);
/** A short phrase opening with up to two words and an anonymous-source noun ("senior officials"). */
const ANONYMOUS_PHRASE_START = new RegExp(`^((?:[\\p{L}-]+\\s+){0,2}?(?:${ANONYMOUS_NOUNS}))(?=[\\s,.;:]|$)`, 'u');

/** Words that may not open or fill an anonymous-source phrase ("and officials" is "officials"). */
const FUNCTION_WORDS = new Set([
  'and',
  'but',
  'or',
  'that',
  'which',
  'who',
  'while',
  'when',
  'as',
  'of',
  'to',
  'in',
  'on',
  'at',
  'with',
  'by',
  'for',
  'from',
  'how',
  'if',
  'because',
  'so',
  'than',
  'then',
  'after',
  'before',
  'said',
  'says',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'not',
  'this',
  'these',
  'those',
  'there',
  'it',
  'they',
  'he',
  'she',
  'we',
  'told',
  'where',
  'what',
  'why',
]);

/** Words that mark a news publication in an ORG name ("The Mail on Sunday", "The New York Times"). */
export const PUBLICATION_NAME =
  /\b(Times|Post|Mail|Guardian|Telegraph|Journal|Herald|Independent|Express|Mirror|Observer|Tribune|Gazette|Chronicle|Reuters|Associated Press|AFP|Bloomberg|BBC|CNN|Sky News|Al Jazeera|Axios|Politico|Economist|Financial Times|Der Spiegel|Le Monde|Haaretz|Newsweek|Daily|Sunday|Standard|Bulletin|Courier|Record|Examiner|Inquirer|Dispatch|Week|Monitor|News|Press|Radio|TV)\b/;

/** Phrases by which a paper names itself ("this newspaper can reveal"). */
const SELF_PUBLICATION = /^(?:this (?:newspaper|paper|publication|website|site|outlet)|we)$/i;

/** The medium a statement was made through; the group is the channel reported. */
export const CHANNEL_PATTERNS: readonly RegExp[] = [
  /\b(?:on|via|in a post on|in posts on|posting on|writing on)\s+(?:(?:his|her|their|its|the)\s+)?(social media|X|Twitter|Facebook|Instagram|Telegram|TikTok|LinkedIn|Truth Social|Bluesky|Threads|YouTube|WhatsApp|Weibo|(?:official\s+)?(?:website|blog|Telegram channel|X account|account|channel))\b/,
  /\bin (?:a|an|the|his|her|their|its)\s+((?:(?:written|joint|brief|short|televised|video|radio|television|TV|BBC|newspaper)\s+)?(?:statement|interview|post|tweet|video|letter|speech|address|briefing|press release|op-ed|column|podcast|broadcast)(?:\s+(?:with|to|on)\s+(?:the\s+)?[A-Z][\p{L}’'-]*(?:\s+(?:on|of|[A-Z][\p{L}’'-]*))*)?)/u,
  /\b(?:told|telling|speaking to|speaking with|in comments to|writing in|wrote in)\s+(?:the\s+)?((?:BBC|CNN|Reuters|AFP|AP|Sky News|Al Jazeera|Bloomberg|[A-Z][\p{L}’'-]+(?:\s+(?:on|of|[A-Z][\p{L}’'-]+))*)(?:\s+(?:News|newspaper|radio|television|TV))?)/u,
  /\b(?:at|to|during)\s+(?:a|an|the)\s+((?:news|press)\s+conference|briefing|rally|summit|hearing)\b/,
];

// ---------------------------------------------------------------------------------------------
// Text helpers
// ---------------------------------------------------------------------------------------------

export interface Span {
  start: number;
  end: number;
}

/** A reporting verb found in the text. */
export interface VerbHit extends Span {
  text: string;
  lemma: string;
}

/** Word pattern used to walk text word by word (letters, digits, inner apostrophes and hyphens). */
const WORD = /[\p{L}\p{N}]+(?:[’'\-.][\p{L}\p{N}]+)*/gu;
/**
 * End of the WORD match that starts at `i` (a letter or digit): WORD read by hand, about three
 * times cheaper than running it over a whole text. A run of letters and digits, then any number
 * of ’ ' - . each followed by another run.
 */
function wordEnd(text: string, i: number): number {
  const n = text.length;
  let w: number;
  for (;;) {
    while (i < n && (w = letterOrDigitAt(text, i))) i += w;
    const c = text.charCodeAt(i);
    if (
      i + 1 < n &&
      (c === 0x2019 || c === 39 /* ' */ || c === 45 /* - */ || c === 46) /* . */ &&
      (w = letterOrDigitAt(text, i + 1))
    )
      i += 1 + w;
    else return i;
  }
}

/** Reporting verbs (and, with `claims`, claim-only verbs) in `[from, to)`, in text order. */
export function findReportingVerbs(text: string, from: number, to: number, claims = false): VerbHit[] {
  const out: VerbHit[] = [];
  const ws = wordIndex(text);
  const i = lowerBoundEnd(ws.ends, from);
  if (i >= ws.starts.length || ws.starts[i] >= from) {
    // `from` lies between words: the words of the whole text from i on that end by `to`, of which
    // only the verb forms (listed once per text) can be hits
    for (let h = lowerBound(ws.verbs, i); h < ws.verbs.length; h++) {
      const k = ws.verbs[h];
      if (ws.ends[k] > to) break;
      const w = ws.verbLower[h];
      const lemma = REPORTING_VERBS.get(w) ?? (claims ? CLAIM_ONLY_MAP.get(w) : undefined);
      if (lemma) out.push({ start: ws.starts[k], end: ws.ends[k], text: text.slice(ws.starts[k], ws.ends[k]), lemma });
    }
    return out;
  }
  // `from` cuts a word: scan from there
  WORD.lastIndex = from;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(text)) && m.index < to) {
    if (m.index + m[0].length > to) break;
    const w = m[0].toLowerCase();
    const lemma = REPORTING_VERBS.get(w) ?? (claims ? CLAIM_ONLY_MAP.get(w) : undefined);
    if (lemma) out.push({ start: m.index, end: m.index + m[0].length, text: m[0], lemma });
  }
  return out;
}

/** The words (WORD matches) of one text, with their lower case: the text last asked about is kept. */
interface WordIndex {
  text: string;
  starts: Int32Array;
  ends: Int32Array;
  /** Indices of the words that are reporting verbs or claim-only verb forms, in text order. */
  verbs: Int32Array;
  /** The lower case of each of those words (`verbLower[h]` is word `verbs[h]`'s). */
  verbLower: string[];
}

let lastWords: WordIndex | undefined;

/** The verb forms `wordIndex` looks for, and two facts of them that rule out most words unread. */
const VERB_FORMS = [...REPORTING_VERBS.keys(), ...CLAIM_ONLY_MAP.keys()];
/** Longest verb form: lower-casing never shortens a word, so a longer word is no verb form. */
const VERB_FORM_MAX_LENGTH = Math.max(...VERB_FORMS.map((v) => v.length));
/** First characters (lower case) of the verb forms; an ASCII first character lower-cases alone. */
const VERB_FORM_FIRST = new Set(VERB_FORMS.map((v) => v.charCodeAt(0)));

/** Whether the word at `[start, end)` may lower-case to a verb form (false: it certainly does not). */
function mayBeVerbForm(text: string, start: number, end: number): boolean {
  if (end - start > VERB_FORM_MAX_LENGTH) return false;
  const c = text.charCodeAt(start);
  if (c >= 128) return true;
  if (!VERB_FORM_FIRST.has(c >= 65 && c <= 90 ? c + 32 : c)) return false;
  // an ASCII word is a verb form only if its lower-case hash is one of theirs (read without making the string)
  const h = asciiLowerHash(text, start, end);
  return h < 0 || VERB_FORM_HASHES.has(h);
}

/**
 * A hash of the lower case of the ASCII word at `[start, end)` (ASCII lower-cases char by char:
 * A–Z to a–z, the rest as it is), or -1 when the word holds a character outside ASCII (whose
 * lower case the caller must make). Equal words hash equal; `VERB_FORM_HASHES` holds the verb forms'.
 */
export function asciiLowerHash(text: string, start: number, end: number): number {
  let h = 0;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c >= 128) return -1;
    h = (Math.imul(h, 31) + (c >= 65 && c <= 90 ? c + 32 : c)) & 0x3fffffff;
  }
  return h;
}
/** Hashes of the verb forms (all ASCII, lower case), for `mayBeVerbForm`. */
const VERB_FORM_HASHES = new Set(VERB_FORMS.map((v) => asciiLowerHash(v, 0, v.length)));

/** Scratch offsets of `wordIndex`, grown to the longest text seen up to SCRATCH_MAX_WORDS (its words are copied out). */
let scratchStarts = new Int32Array(0);
let scratchEnds = new Int32Array(0);
/** Longer texts get scratch arrays of their own, not kept: the kept ones stay small (2 × 4 bytes a word). */
const SCRATCH_MAX_WORDS = 1 << 18;

/** The words of `text`, computed once per text (the stages ask for reporting verbs sentence by sentence, many times). */
function wordIndex(text: string): WordIndex {
  if (lastWords && lastWords.text === text) return lastWords;
  // a text of n characters holds at most (n + 1) / 2 words (each a character, then a separator):
  // the offsets go to scratch arrays of that size, copied out at their length (cheaper than
  // growing plain arrays word by word and converting them)
  const most = (text.length + 1) >> 1;
  if (scratchStarts.length < most && most <= SCRATCH_MAX_WORDS) {
    scratchStarts = new Int32Array(most);
    scratchEnds = new Int32Array(most);
  }
  const kept = scratchStarts.length >= most;
  const starts = kept ? scratchStarts : new Int32Array(most);
  const ends = kept ? scratchEnds : new Int32Array(most);
  let count = 0;
  const verbs: number[] = [];
  const verbLower: string[] = [];
  // the WORD matches of the text, found by `wordEnd` (the same words, in the same order)
  for (let i = 0, w = 0; i < text.length; i += w || 1) {
    w = letterOrDigitAt(text, i);
    if (!w) continue;
    const end = wordEnd(text, i);
    if (mayBeVerbForm(text, i, end)) {
      const lw = text.slice(i, end).toLowerCase();
      if (REPORTING_VERBS.has(lw) || CLAIM_ONLY_MAP.has(lw)) {
        verbs.push(count);
        verbLower.push(lw);
      }
    }
    starts[count] = i;
    ends[count] = end;
    count++;
    w = end - i;
  }
  // (`new Int32Array(array)` copies a plain array directly; `Int32Array.from` walks it as an iterable)
  lastWords = {
    text,
    starts: starts.slice(0, count),
    ends: ends.slice(0, count),
    verbs: new Int32Array(verbs),
    verbLower,
  };
  return lastWords;
}

/** First index whose value is at least `value` (values ascending). */
function lowerBound(values: Int32Array, value: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose end is greater than `offset`. */
function lowerBoundEnd(ends: Int32Array, offset: number): number {
  let lo = 0;
  let hi = ends.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ends[mid] <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Sentences of the Doc, or a simple split of each block when the sentence stage left none. */
export function sentencesOf(doc: Doc): Sentence[] {
  if (doc.sentences.length) return doc.sentences;
  const cached = fallbackSentences.get(doc);
  if (cached) return cached;
  const out: Sentence[] = [];
  for (const p of paragraphsOf(doc)) {
    let s = p.start;
    const re = /[.!?…]+['’"”)]*\s+(?=['‘"“(]?[\p{Lu}\p{N}])/gu;
    re.lastIndex = p.start;
    const seg = doc.text.slice(0, p.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      const before = doc.text.slice(Math.max(p.start, m.index - 5), m.index);
      if (/(?:^|\s)(Mr|Mrs|Ms|Dr|St|Sir|Prof|Gen|Col|Lt|Sgt|Rev|No|vs|U\.S|U\.K|[A-Z])$/.test(before)) continue;
      const end = m.index + m[0].trimEnd().length;
      out.push({ start: s, end });
      s = m.index + m[0].length;
    }
    if (s < p.end) out.push({ start: s, end: trimEnd(doc.text, s, p.end) });
  }
  fallbackSentences.set(doc, out);
  return out;
}

const fallbackSentences = new WeakMap<Doc, Sentence[]>();

/** Paragraphs: the Doc's blocks, each further split at line breaks (plain text keeps them). */
export function paragraphsOf(doc: Doc): (Span & { kind: string })[] {
  const out: (Span & { kind: string })[] = [];
  for (const b of doc.blocks) {
    const re = /\n+/g;
    re.lastIndex = b.start;
    let s = b.start;
    const seg = doc.text.slice(0, b.end);
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      pushTrimmed(doc.text, out, s, m.index, b.kind);
      s = m.index + m[0].length;
    }
    pushTrimmed(doc.text, out, s, b.end, b.kind);
  }
  return out;
}

function pushTrimmed(text: string, out: (Span & { kind: string })[], s: number, e: number, kind: string): void {
  while (s < e && /\s/.test(text[s])) s++;
  e = trimEnd(text, s, e);
  if (e > s) out.push({ start: s, end: e, kind });
}

export function trimEnd(text: string, start: number, end: number): number {
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end;
}

export function trimStart(text: string, start: number, end: number): number {
  while (start < end && /\s/.test(text[start])) start++;
  return start;
}

/** Index of the sentence containing `offset` (or the last one starting before it). */
export function sentenceAt(sentences: Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid].start <= offset) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return best;
}

// ---------------------------------------------------------------------------------------------
// Speakers
// ---------------------------------------------------------------------------------------------

export type SpeakerForm = 'entity' | 'pronoun' | 'name' | 'description' | 'anonymous' | 'publication';

/** Who a statement is attributed to: the words used and, where resolved, the entity. */
export interface SpeakerMatch extends Span {
  text: string;
  form: SpeakerForm;
  entity: string | null;
}

/** One letter (a code point): the unit of the run `lastLetterRunStart` walks back over. */
const LETTER = /^\p{L}$/u;

/** Start of the run of letters ending at `end`, not before `lo` (`end` when there is none): `/\p{L}+$/u` read backwards. */
function lastLetterRunStart(text: string, lo: number, end: number): number {
  let k = end;
  while (k > lo) {
    const c = text.charCodeAt(k - 1);
    // a surrogate pair is one code point; a lone half is no letter
    const width = c >= 0xdc00 && c <= 0xdfff && k - 2 >= lo && (text.charCodeAt(k - 2) & 0xfc00) === 0xd800 ? 2 : 1;
    if (
      width === 1 && c < 128 ? !((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) : !LETTER.test(text.slice(k - width, k))
    )
      break;
    k -= width;
  }
  return k;
}

/** Skips words that may sit between a subject and its verb; returns the new end offset. */
function skipBackOverAdverbs(text: string, lo: number, pos: number): number {
  let e = trimEnd(text, lo, pos);
  for (;;) {
    const w = text.slice(lastLetterRunStart(text, lo, e), e);
    if (!w) return e;
    const isAdverb =
      SKIPPABLE_BEFORE_VERB.has(w) ||
      (/^[a-z]+ly$/.test(w) && w !== 'only' && w.length > 4 && !/(?:family|ally|supply|rally|italy)$/.test(w));
    if (!isAdverb) return e;
    e = trimEnd(text, lo, e - w.length);
  }
}

/**
 * Start of a relative clause ", who …" / ", which …" that ends at `inner` (the comma before the
 * verb), i.e. the offset of the comma that opens it; null when there is none. The clause may hold
 * inner commas ("who, in 2019, founded …") but no quotation marks or sentence ends.
 */
function relativeClauseBefore(text: string, lo: number, inner: number): number | null {
  const seg = text.slice(lo, inner);
  // The leftmost match is the outermost clause (nested ones lie inside it).
  const m = RELATIVE_CLAUSE_END.exec(seg);
  if (!m || seg.slice(m.index).split(/\s+/).length > RELATIVE_CLAUSE_MAX_WORDS) return null;
  return lo + m.index;
}

/** Word tokens (with offsets) of `[lo, hi)`. */
function wordsIn(text: string, lo: number, hi: number): { w: string; start: number; end: number }[] {
  const out: { w: string; start: number; end: number }[] = [];
  // the WORD matches from `lo`, found by `wordEnd` (unless `lo` splits a surrogate pair: the pattern's case)
  if (!(lo > 0 && (text.charCodeAt(lo) & 0xfc00) === 0xdc00 && (text.charCodeAt(lo - 1) & 0xfc00) === 0xd800)) {
    for (let i = lo, w = 0; i < hi; i += w || 1) {
      w = letterOrDigitAt(text, i);
      if (!w) continue;
      const end = wordEnd(text, i);
      if (end > hi) break;
      out.push({ w: text.slice(i, end), start: i, end });
      w = end - i;
    }
    return out;
  }
  const re = new RegExp(WORD.source, 'gu');
  re.lastIndex = lo;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) && m.index < hi) {
    if (m.index + m[0].length > hi) break;
    out.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** Whether a word may be part of a proper name. */
function isNameWord(w: string): boolean {
  return /^[\p{Lu}][\p{L}\p{N}’'.-]*$/u.test(w) || NAME_PARTICLES.test(w) || /^(al|el)-/.test(w);
}

/** Whether the last word(s) of a phrase are a role noun. */
function endsWithRole(phrase: string): boolean {
  const p = phrase.toLowerCase();
  return ROLE_NOUNS.some((r) => p === r || p.endsWith(' ' + r));
}

/**
 * The speaker phrase that ends right before `pos` (a verb), looking no further back than `lo`:
 * a pronoun, an entity mention, a name, a role description ("the company’s chief executive")
 * or an anonymous source ("officials"); an appositive between name and verb is stepped over
 * ("Jane Ortiz, the firm’s founder, said").
 *
 * Memoised for the Doc last asked about (see `SubjectMemo`): the quote stage and the claim stage
 * look for the subjects of the same reporting verbs (about 40% of the calls repeat one). Each call
 * gets its own copy of the result, which callers may change (the quote stage sets `entity`).
 */
export function subjectBefore(doc: Doc, pos: number, lo: number): SpeakerMatch | null {
  // a key of two offsets in one number, exact below 2^26 characters (longer texts are not memoised)
  if (lo >= SUBJECT_KEY_SPAN || pos >= SUBJECT_KEY_SPAN) return subjectBeforeUncached(doc, pos, lo);
  const stamp = entityStamp(doc.entities);
  if (!subjectMemo || subjectMemo.doc !== doc || subjectMemo.entities !== doc.entities || subjectMemo.stamp !== stamp) {
    subjectMemo = { doc, entities: doc.entities, stamp, byKey: new Map() };
  }
  const key = pos * SUBJECT_KEY_SPAN + lo;
  let r = subjectMemo.byKey.get(key);
  if (r === undefined) {
    r = subjectBeforeUncached(doc, pos, lo);
    if (subjectMemo.byKey.size >= SUBJECT_MEMO_SIZE) subjectMemo.byKey.clear();
    subjectMemo.byKey.set(key, r);
  }
  // every field in the order of the literals below: one object shape
  return r && { start: r.start, end: r.end, text: r.text, form: r.form, entity: r.entity };
}

/**
 * `subjectBefore`'s results for one Doc, valid while its entity layer is the one they were found
 * with: the same array, and the same `entityStamp` (what the later stages change there: entities
 * and mentions added, entities re-typed, renamed or given aliases and roles).
 */
interface SubjectMemo {
  doc: Doc;
  entities: Entity[];
  stamp: number;
  byKey: Map<number, SpeakerMatch | null>;
}
let subjectMemo: SubjectMemo | undefined;
/** Offsets at or past this are not memoised (the key packs two offsets in one exact number). */
const SUBJECT_KEY_SPAN = 2 ** 26;
/** Results kept per Doc before the memo starts afresh (a few dozen in a news article). */
const SUBJECT_MEMO_SIZE = 4096;

/** A hash of what `subjectBefore` reads of the entities besides the text: types, names, counts of mentions, aliases, roles. */
function entityStamp(entities: Entity[]): number {
  let h = entities.length;
  for (let i = 0; i < entities.length; i++) {
    const e = entities[i];
    h = (Math.imul(h, 31) + e.mentions.length) | 0;
    h = (Math.imul(h, 31) + e.aliases.length * 1024 + e.roles.length) | 0;
    h = (Math.imul(h, 31) + e.name.length * 64 + e.type.length * 8 + e.type.charCodeAt(0)) | 0;
  }
  return h;
}

/** `subjectBefore` without the memo: the reference form (and the recursion's). */
export function subjectBeforeUncached(doc: Doc, pos: number, lo: number): SpeakerMatch | null {
  const text = doc.text;
  const e = skipBackOverAdverbs(text, lo, pos);
  if (e <= lo) return null;
  // Appositive: "Name, description," before the verb.
  if (text[e - 1] === ',') {
    const inner = e - 1;
    // Relative clause: "Margrit Oberholzer, who chaired the talks in Geneva, said".
    const rel = relativeClauseBefore(text, lo, inner);
    if (rel !== null) {
      const head = subjectBeforeUncached(doc, rel, lo);
      if (head && head.form !== 'pronoun') return head;
    }
    const prevComma = text.lastIndexOf(',', inner - 1);
    if (prevComma >= lo) {
      const desc = text.slice(prevComma + 1, inner).trim();
      if (/^(?:the|a|an|his|her|its|their|[\p{Lu}][\p{L}’'-]*[’']s)\s/u.test(desc) && desc.split(/\s+/).length <= 8) {
        const name = subjectBeforeUncached(doc, prevComma, lo);
        if (name && (name.form === 'entity' || name.form === 'name')) return name;
      }
      // "The opposition leader, Tove Ellingsen, said": the name is the appositive itself.
      const inside = subjectBeforeUncached(doc, inner, prevComma + 1);
      if (
        inside &&
        (inside.form === 'entity' || inside.form === 'name') &&
        inside.start <= trimStart(text, prevComma + 1, inner) + 4
      )
        return inside;
    }
    return null;
  }
  const before = text.slice(lo, e);
  // Pronoun.
  const pm = SPEAKER_PRONOUN.exec(before);
  if (pm) {
    const start = e - pm[1].length;
    return { start, end: e, text: pm[1], form: 'pronoun', entity: resolvePronounAt(doc, start, pm[1]) };
  }
  // Entity mention ending here (speakers are people, organisations or states).
  const ent = mentionEndingAt(doc, e, lo);
  if (ent) {
    let start = ent.start;
    const words = wordsIn(text, lo, start);
    for (
      let i = words.length - 1;
      i >= 0 && HONORIFICS.test(words[i].w) && trimEnd(text, words[i].end, start) === words[i].end;
      i--
    )
      start = words[i].start;
    // "Analysts at Brightwater Capital", "a spokesman for the ministry": the people, named by their body.
    const pre = peopleOfBodyEnd(text.slice(lo, start));
    if (
      pre &&
      !pre[1].split(/\s+/).some((w) => FUNCTION_WORDS.has(w.toLowerCase()) && !/^(at|of|for|from|in|the)$/i.test(w))
    )
      start -= pre[1].length;
    const t = text.slice(start, e);
    if (isPublication(doc, t, ent.entity))
      return { start, end: e, text: t, form: 'publication', entity: ent.entity.id };
    return { start, end: e, text: t, form: 'entity', entity: ent.entity.id };
  }
  // Anonymous source phrase.
  const am = anonymousSourceEnd(before);
  if (am) {
    const phraseWords = am[1].split(/\s+/);
    let k = 0;
    while (k < phraseWords.length - 1 && FUNCTION_WORDS.has(phraseWords[k].toLowerCase())) k++;
    const kept = phraseWords.slice(k).join(' ');
    if (
      !phraseWords
        .slice(k)
        .some((w) => FUNCTION_WORDS.has(w.toLowerCase()) && !/^(the|a|an|in|at|from|for|with|to|on)$/.test(w))
    ) {
      const start = e - kept.length;
      const src = text.slice(start, e);
      // "the minister's aides" may point back to someone named; a plural group of trade stays unnamed.
      if (
        !/^(?:the|a|an)\s/i.test(src) ||
        /(?:sources?|officials?|insiders?|familiar|close|spokes)/i.test(src) ||
        /^the\s+(?:[\p{Ll}-]+\s+){0,2}[\p{Ll}]+s$/u.test(src)
      ) {
        return { start, end: e, text: src, form: 'anonymous', entity: null };
      }
    }
  }
  // Capitalised run: a name ("Ms Ortiz") or a title description ("the Foreign Secretary").
  const words = wordsIn(text, lo, e);
  const i = words.length - 1;
  if (i >= 0 && words[i].end === e && isNameWord(words[i].w) && !NAME_PARTICLES.test(words[i].w)) {
    let j = i;
    while (j > 0 && isNameWord(words[j - 1].w) && /^\s+$|^$/.test(text.slice(words[j - 1].end, words[j].start))) j--;
    while (j <= i && NOT_NAME_WORDS.has(words[j].w) && !HONORIFICS.test(words[j].w)) j++;
    while (j <= i && NAME_PARTICLES.test(words[j].w)) j++;
    if (j <= i) {
      let start = words[j].start;
      const prev = words[j - 1];
      const isThe = prev && /^(the|The)$/.test(prev.w) && /^\s+$/.test(text.slice(prev.end, start));
      if (isThe) start = prev.start;
      const t = text.slice(start, e);
      if (SELF_PUBLICATION.test(t) || (PUBLICATION_NAME.test(t) && isPublication(doc, t))) {
        return { start, end: e, text: t, form: 'publication', entity: resolveDescriptionAt(doc, start, e) };
      }
      if (isThe || endsWithRole(t))
        return { start, end: e, text: t, form: 'description', entity: resolveDescriptionAt(doc, start, e) };
      return { start, end: e, text: t, form: 'name', entity: resolveDescriptionAt(doc, start, e) };
    }
  }
  // Lower-case role description: "the minister", "the company’s chief executive", "a spokesman".
  const dm =
    /(?:^|[^\p{L}])((?:the|a|an|his|her|its|their|The|A|An|His|Her|Its|Their|[\p{Lu}][\p{L}-]*[’']s)\s+(?:[\p{L}’'-]+\s+){0,3}?[\p{L}-]+)$/u.exec(
      before,
    );
  if (
    dm &&
    endsWithRole(dm[1].replace(/^\S+\s+/, '')) &&
    !dm[1]
      .split(/\s+/)
      .slice(1)
      .some((w) => FUNCTION_WORDS.has(w))
  ) {
    const start = e - dm[1].length;
    const t = text.slice(start, e);
    if (SELF_PUBLICATION.test(t)) return { start, end: e, text: t, form: 'publication', entity: null };
    return { start, end: e, text: t, form: 'description', entity: resolveDescriptionAt(doc, start, e) };
  }
  if (SELF_PUBLICATION.test(before.trim().split(/\s+/).slice(-2).join(' '))) {
    const t = before.trim().split(/\s+/).slice(-2).join(' ');
    return { start: e - t.length, end: e, text: t, form: 'publication', entity: null };
  }
  return null;
}

/**
 * The subject of a clause whose verb has none right before it ("Mayor Ines Duarte toured the
 * district and spoke of …"): the first person or organisation mention, pronoun or definite title
 * that opens the clause in `[lo, hi)`, after any leading subordinate phrase ended by a comma.
 */
export function clauseSubject(doc: Doc, lo: number, hi: number): SpeakerMatch | null {
  const text = doc.text;
  const region = text.slice(lo, hi);
  const opens: number[] = [lo];
  const commaRe = /,\s*/g;
  let m: RegExpExecArray | null;
  while ((m = commaRe.exec(region))) opens.push(lo + m.index + m[0].length);
  for (const o of opens) {
    const start = trimStart(text, o, hi);
    // Title words may precede the name ("Mayor Ines Duarte", "Yesterday Mr Okafor").
    let best: SpeakerMatch | null = null;
    for (const ent of doc.entities) {
      if (ent.type !== 'PERSON' && ent.type !== 'ORG') continue;
      for (const mm of ent.mentions) {
        if (mm.start < start || mm.end > hi) continue;
        const gap = text.slice(start, mm.start);
        if (!/^(?:(?:the|The|[\p{Lu}][\p{L}’'.-]*)\s+){0,4}$/u.test(gap)) continue;
        if (!best || mm.start < best.start)
          best = { start: mm.start, end: mm.end, text: mm.text, form: 'entity', entity: ent.id };
      }
    }
    if (best) return best;
    const pm = /^(he|she|they|we|He|She|They|We)\s/.exec(text.slice(start, hi));
    if (pm)
      return {
        start,
        end: start + pm[1].length,
        text: pm[1],
        form: 'pronoun',
        entity: resolvePronounAt(doc, start, pm[1]),
      };
    const dm = /^(?:the|The)\s+(?:[\p{Lu}][\p{L}-]*\s+){0,3}[\p{Lu}][\p{L}-]*(?=\s)/u.exec(text.slice(start, hi));
    if (dm && endsWithRole(dm[0].replace(/^\S+\s+/, ''))) {
      return {
        start,
        end: start + dm[0].length,
        text: dm[0],
        form: 'description',
        entity: resolveDescriptionAt(doc, start, start + dm[0].length),
      };
    }
  }
  return null;
}

/**
 * The speaker phrase right after a verb (inverted order: "…,” said Ms Ortiz, the firm’s chief
 * executive."), looking no further than `hi`.
 */
export function subjectAfter(doc: Doc, pos: number, hi: number): SpeakerMatch | null {
  const text = doc.text;
  const s = trimStart(text, pos, hi);
  if (s >= hi) return null;
  const rest = text.slice(s, hi);
  const pm = /^(he|she|they|we|it|I)(?![\p{L}])/u.exec(rest);
  if (pm)
    return { start: s, end: s + pm[1].length, text: pm[1], form: 'pronoun', entity: resolvePronounAt(doc, s, pm[1]) };
  // Entity mention starting here (optionally after an honorific).
  const words = wordsIn(text, s, hi);
  let k = 0;
  while (k < words.length && HONORIFICS.test(words[k].w)) k++;
  if (k < words.length) {
    for (const ent of doc.entities) {
      for (const m of ent.mentions) {
        if ((m.start === words[k].start || m.start === words[0].start) && m.end <= hi) {
          return {
            start: s,
            end: m.end,
            text: text.slice(s, m.end),
            form: isPublication(doc, m.text, ent) ? 'publication' : 'entity',
            entity: ent.id,
          };
        }
      }
    }
  }
  // Capitalised name run.
  let j = 0;
  while (
    j < words.length &&
    isNameWord(words[j].w) &&
    (j === 0 || /^\s+$/.test(text.slice(words[j - 1].end, words[j].start)))
  )
    j++;
  while (j > 0 && NAME_PARTICLES.test(words[j - 1].w)) j--;
  const firstNonHonorific = words.slice(0, j).find((w) => !HONORIFICS.test(w.w));
  if (j > 0 && firstNonHonorific && !NOT_NAME_WORDS.has(firstNonHonorific.w)) {
    const e = words[j - 1].end;
    const t = text.slice(s, e);
    return {
      start: s,
      end: e,
      text: t,
      form: PUBLICATION_NAME.test(t) && isPublication(doc, t) ? 'publication' : 'name',
      entity: resolveDescriptionAt(doc, s, e),
    };
  }
  // "the minister", "a spokesman for the ministry", "officials".
  const dm = /^((?:the|a|an|one|two|three|several|senior)\s+(?:[\p{L}’'-]+\s+){0,3}?[\p{L}-]+)(?=[\s,.;:]|$)/u.exec(
    rest,
  );
  if (dm) {
    const t = dm[1];
    if (ANONYMOUS_NOUN_END.test(t) && !/^the\s/i.test(t))
      return { start: s, end: s + t.length, text: t, form: 'anonymous', entity: null };
    if (endsWithRole(t))
      return {
        start: s,
        end: s + t.length,
        text: t,
        form: 'description',
        entity: resolveDescriptionAt(doc, s, s + t.length),
      };
  }
  const an = ANONYMOUS_PHRASE_START.exec(rest);
  if (an && !an[1].split(/\s+/).some((w) => FUNCTION_WORDS.has(w))) {
    return { start: s, end: s + an[1].length, text: an[1], form: 'anonymous', entity: null };
  }
  // A bare body or role with no determiner ("according to police", "said prosecutors").
  const bare = /^((?:[\p{Ll}-]+\s+){0,2}?[\p{L}-]+)(?=[\s,.;:]|$)/u.exec(rest);
  if (
    bare &&
    !bare[1].split(/\s+/).some((w) => FUNCTION_WORDS.has(w.toLowerCase())) &&
    ROLE_NOUNS.includes(bare[1].split(/\s+/).pop()!.toLowerCase())
  ) {
    return {
      start: s,
      end: s + bare[1].length,
      text: bare[1],
      form: 'description',
      entity: resolveDescriptionAt(doc, s, s + bare[1].length),
    };
  }
  return null;
}

/** An entity mention ending at `end` (allowing a possessive-free exact end), starting after `lo`. */
function mentionEndingAt(doc: Doc, end: number, lo: number): { entity: Entity; start: number } | null {
  let best: { entity: Entity; start: number } | null = null;
  for (const ent of doc.entities) {
    if (!SPEAKER_TYPES.has(ent.type)) continue;
    for (const m of ent.mentions) {
      if (m.end === end && m.start >= lo && (!best || m.start < best.start)) best = { entity: ent, start: m.start };
    }
  }
  return best;
}

/** Entity types that can speak. */
const SPEAKER_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

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

// ---------------------------------------------------------------------------------------------
// Resolution to entities
// ---------------------------------------------------------------------------------------------

/** Strips determiners, honorifics and possessives to compare descriptions with names and roles. */
// Memoised: every description is compared with every person's and organisation's names, roles and mentions.
const normalizeDescription = memoize((s) => computeNormalizedDescription(s), 20_000);

function computeNormalizedDescription(s: string): string {
  return s
    .toLowerCase()
    .replace(/[’']s\b/g, '')
    .replace(/^(?:the|a|an|his|her|its|their)\s+/, '')
    .replace(/^(?:mr|mrs|ms|miss|dr|sir|dame|lord|lady|prof|professor)\.?\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The entity a description or name at `[start, end)` refers to: an entity mention covering it,
 * coreference's `resolveDescription`, then a match on names, aliases,
 * roles and surnames, then (for definite person descriptions) the most recent person.
 */
export function resolveDescriptionAt(doc: Doc, start: number, end: number): string | null {
  const covering = doc.entityAt(start, end);
  if (covering) return covering.id;
  // A mention inside the phrase ("Foreign Secretary David Lammy").
  for (const ent of doc.entities) {
    if (ent.type !== 'PERSON' && ent.type !== 'ORG') continue;
    if (ent.mentions.some((m) => m.start >= start && m.end <= end)) return ent.id;
  }
  const resolved = resolveDescription(doc, start, end);
  if (resolved) return resolved.id;
  const phrase = doc.span(start, end);
  const norm = normalizeDescription(phrase);
  if (!norm) return null;
  const candidates = doc.entities.filter((e) => e.type === 'PERSON' || e.type === 'ORG');
  const exact = candidates.filter((e) => hasNormalizedForm(e, norm));
  if (exact.length) return nearestBefore(doc, exact, start).id;
  // Surname: "Ms Ortiz" for "Jane Ortiz".
  if (/^(?:Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Prof)\b/.test(phrase) || /^[\p{Lu}]/u.test(phrase)) {
    const last = norm.split(' ').pop()!;
    const bySurname = candidates.filter(
      (e) => e.type === 'PERSON' && normalizeDescription(e.name).split(' ').pop() === last,
    );
    if (bySurname.length) return nearestBefore(doc, bySurname, start).id;
  }
  // "the expert" after "one legal expert": the unnamed person introduced before, not an entity.
  const head = norm.split(' ').pop()!;
  const lookback = doc.text.slice(Math.max(0, start - INDEFINITE_ANTECEDENT_WINDOW), start);
  if (/^the\s/i.test(phrase) && mayHoldWord(lookback, head) && indefiniteMention(head).test(lookback)) return null;
  // A definite person description ("the Foreign Secretary", "the minister"): most recent person.
  if (
    /^the\s/i.test(phrase) &&
    endsWithRole(norm) &&
    !/(ministry|government|company|firm|group|army|military|agency|department|board|council|police|bank|organisation|organization|union|party|office|cabinet|administration|authorit)/.test(
      norm,
    )
  ) {
    return recentPerson(doc, start);
  }
  if (
    /^the\s/i.test(phrase) &&
    /(company|firm|group|ministry|agency|department|bank|organisation|organization|government|union|party)$/.test(norm)
  ) {
    return recentOfType(doc, start, 'ORG');
  }
  return null;
}

/** Whether a name, alias, mention or role of `e` normalises to `norm` (see normalizeDescription). */
function hasNormalizedForm(e: Entity, norm: string): boolean {
  if (normalizeDescription(e.name) === norm) return true;
  for (const a of e.aliases) if (normalizeDescription(a) === norm) return true;
  for (const m of e.mentions) if (normalizeDescription(m.text) === norm) return true;
  for (const r of e.roles) if (normalizeDescription(r) === norm) return true;
  return false;
}

/** How far back (characters) "the expert" looks for an unnamed "one legal expert" it repeats. */
const INDEFINITE_ANTECEDENT_WINDOW = 600;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "a|an|one|another (…) <head>": compiled once per head word (compiling a case-folding Unicode pattern costs more than running it). */
function indefiniteMention(head: string): RegExp {
  let re = INDEFINITE_MENTIONS.get(head);
  if (!re) {
    re = new RegExp(`\\b(?:a|an|one|another)\\s+(?:[\\p{L}-]+\\s+){0,2}${escapeRegExp(head)}\\b`, 'iu');
    if (INDEFINITE_MENTIONS.size >= INDEFINITE_MENTION_MEMO) INDEFINITE_MENTIONS.clear();
    INDEFINITE_MENTIONS.set(head, re);
  }
  return re;
}

/** Printable ASCII and white space only: case-insensitive matching there is plain lower-casing. */
const ASCII_TEXT = /^[\x00-\x7f]*$/;

/**
 * Whether `text` may hold `word` in any case: false only when both are ASCII and the lower-cased
 * text lacks it (a cheap test before a case-folding Unicode pattern that needs the word).
 */
function mayHoldWord(text: string, word: string): boolean {
  if (!ASCII_TEXT.test(text) || !ASCII_TEXT.test(word)) return true;
  return text.toLowerCase().includes(word.toLowerCase());
}

/** How many compiled head patterns are kept before the memo starts afresh. */
const INDEFINITE_MENTION_MEMO = 2_000;
const INDEFINITE_MENTIONS = new Map<string, RegExp>();

/** The entity of `list` with a mention closest before `offset` (or the first). */
function nearestBefore(doc: Doc, list: Entity[], offset: number): Entity {
  let best = list[0];
  let bestPos = -1;
  for (const e of list) {
    for (const m of e.mentions)
      if (m.end <= offset && m.end > bestPos) {
        bestPos = m.end;
        best = e;
      }
  }
  return best;
}

/** Sentences searched back for a pronoun's or description's antecedent (this one and two before). */
const ANTECEDENT_SENTENCE_WINDOW = 2;

/** The PERSON most recently mentioned before `offset` within the antecedent window. */
function recentPerson(doc: Doc, offset: number): string | null {
  return recentOfType(doc, offset, 'PERSON');
}

function recentOfType(doc: Doc, offset: number, type: string): string | null {
  const sentences = sentencesOf(doc);
  const si = sentenceAt(sentences, offset);
  const lo = si >= 0 ? sentences[Math.max(0, si - ANTECEDENT_SENTENCE_WINDOW)].start : 0;
  let best: string | null = null;
  let bestPos = -1;
  for (const e of doc.entities) {
    if (e.type !== type) continue;
    for (const m of e.mentions) {
      if (m.end <= offset && m.start >= lo && m.end > bestPos) {
        bestPos = m.end;
        best = e.id;
      }
    }
  }
  return best;
}

/**
 * The entity a pronoun at `offset` stands for: coreference's `resolvePronoun`, else the most recent PERSON (for he/she/I/we), ORG (it) or PERSON/ORG/NORP (they)
 * in the same or the two previous sentences, preferring one that opens its sentence (a subject).
 */
export function resolvePronounAt(doc: Doc, offset: number, pronoun: string): string | null {
  const resolved = resolvePronoun(doc, offset, pronoun);
  if (resolved) return resolved.id;
  const p = pronoun.toLowerCase();
  const types =
    p === 'it' ? ['ORG', 'GPE'] : p === 'they' || p === 'we' ? ['ORG', 'NORP', 'GPE', 'PERSON'] : ['PERSON'];
  const sentences = sentencesOf(doc);
  const si = sentenceAt(sentences, offset);
  const lo = si >= 0 ? sentences[Math.max(0, si - ANTECEDENT_SENTENCE_WINDOW)].start : 0;
  let best: { id: string; pos: number; subject: boolean } | null = null;
  for (const e of doc.entities) {
    if (!types.includes(e.type)) continue;
    for (const m of e.mentions) {
      if (m.end > offset || m.start < lo) continue;
      const sj = sentenceAt(sentences, m.start);
      const head = sj >= 0 ? doc.text.slice(sentences[sj].start, m.start) : '';
      const subject = /^\W*(?:(?:[\p{Lu}][\p{L}]*|the|a|an)\s+){0,4}$/u.test(head) || /,\s*$/.test(head);
      // Prefer the latest subject mention; among non-subjects only when no subject is found.
      if (!best || (subject && !best.subject) || (subject === best.subject && m.end > best.pos))
        best = { id: e.id, pos: m.end, subject };
    }
  }
  return best?.id ?? null;
}

/** Normal form for comparing a caption with the body: no "(pictured …)", one kind of apostrophe and space. */
function captionNormal(s: string): string {
  return s
    .replace(/\s*\((?:pictured|seen|left|right|centre|center|above|below|inset)[^)]*\)/gi, '')
    .replace(/[‘’`]/g, "'")
    .replace(/\s+'/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

const bodyNormalCache = new WeakMap<Doc, string>();

/** Whether `[start, end)` lies in a caption block and repeats text of the body (so is counted there). */
export function repeatsBodyInCaption(doc: Doc, start: number, end: number): boolean {
  const block = doc.blocks.find((b) => b.start <= start && start < b.end);
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

/** Whether a stretch of text holds an opening quotation mark (a quotation the quote stage owns). */
export function holdsQuotation(text: string): boolean {
  const re = /(?:^|[\s([—–-])([‘“"«'])(?=[\p{L}\p{N}])/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 5);
    if ((m[1] === '‘' || m[1] === "'") && /^(?:s|t|d|m|ll|re|ve|n|em|til|cause)(?![\p{L}])|^\d\d/u.test(after))
      continue;
    return true;
  }
  return false;
}

/** The medium named in a stretch of text ("on social media", "in a statement", "told the BBC"). */
export function findChannel(text: string): string | undefined {
  for (const re of CHANNEL_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const c = m[1].replace(/^(?:a|an|the|his|her|their|its)\s+/i, '').trim();
      if (/^(reporters|journalists|the press|MPs|parliament)$/i.test(c)) continue;
      return c;
    }
  }
  return undefined;
}
