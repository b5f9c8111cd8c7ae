/**
 * Word tokens and word classes for event and relation finding.
 *
 * The events stage tokenises each sentence itself (it needs possessives split off and the
 * lowercased form of every word); offsets always point into `doc.text`. The word classes below
 * are the small closed-class vocabulary that the dependency-free argument patterns rely on.
 */
import type { Doc } from '../../model/doc.ts';
import { codePointMatchAt, codePointWidth, isSpace, letterOrDigitAt } from '../../text/chars.ts';

// Regular expressions with `\p{…}` outside brackets are module constants: tsx compiles such a
// literal inside a function into `new RegExp(…)`, built again on every call.
/** Opens with a capital letter. */
const CAPITALISED = /^\p{Lu}/u;

export interface Tok {
  start: number;
  end: number;
  text: string;
  lower: string;
}

/** A word (the reference form of `wordMatchEnd`, which `tokenize` uses): an acronym with dots ("U.S."), a number with digit groups, letters/digits with inner hyphens, dots or apostrophes ("Al-Sharaa", "n't"), or one other character. */
export const WORD = /(?:\p{Lu}\.){2,}|\d{1,3}(?:,\d{3})+(?:\.\d+)?|[\p{L}\p{N}]+(?:[-.'’‘][\p{L}\p{N}]+)*|\S/gu;
/** One capital letter (a code point): what `capitalAt` asks of a character outside ASCII. */
const CAPITAL = /^\p{Lu}$/u;

/** Width of the capital letter at `i` (\p{Lu}); 0 when there is none. */
function capitalAt(s: string, i: number): number {
  if (i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return c >= 65 && c <= 90 ? 1 : 0;
  return codePointMatchAt(s, i, CAPITAL);
}

const isDigit = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/**
 * End of the WORD match at `i` (not white space), WORD's alternatives read by hand in its order:
 * initials ("U.S."), a number with digit groups ("12,500.5"), a word with inner hyphens, dots and
 * apostrophes, else one character (code point).
 */
function wordMatchEnd(s: string, i: number): number {
  // (?:\p{Lu}\.){2,}
  let k = i;
  let pairs = 0;
  for (let w = capitalAt(s, k); w && s.charCodeAt(k + w) === 46 /* . */; w = capitalAt(s, k)) {
    k += w + 1;
    pairs++;
  }
  if (pairs >= 2) return k;
  // \d{1,3}(?:,\d{3})+(?:\.\d+)?  (a fourth leading digit leaves no comma after \d{1,3}: no match)
  let d = 0;
  while (d < 4 && isDigit(s, i + d)) d++;
  if (d >= 1 && d <= 3) {
    k = i + d;
    let groups = 0;
    while (s.charCodeAt(k) === 44 /* , */ && isDigit(s, k + 1) && isDigit(s, k + 2) && isDigit(s, k + 3)) {
      k += 4;
      groups++;
    }
    if (groups > 0) {
      if (s.charCodeAt(k) === 46 /* . */ && isDigit(s, k + 1)) for (k += 2; isDigit(s, k); k++);
      return k;
    }
  }
  // [\p{L}\p{N}]+(?:[-.'’‘][\p{L}\p{N}]+)*
  let w = letterOrDigitAt(s, i);
  if (w) {
    k = i;
    for (;;) {
      while ((w = letterOrDigitAt(s, k))) k += w;
      const c = s.charCodeAt(k);
      if ((c === 45 || c === 46 || c === 39 || c === 0x2019 || c === 0x2018) && (w = letterOrDigitAt(s, k + 1)))
        k += 1 + w;
      else return k;
    }
  }
  // \S
  return i + codePointWidth(s, i);
}

/** Possessive ending split off as its own token, so "Starmer's" reads as name + 's. */
const POSSESSIVE = /^(.*[\p{L}\p{N}])(['’‘]s)$/u;

/** Whether a word ends in an apostrophe and "s" (what POSSESSIVE needs, checked without running it on every word). */
function mayBePossessive(w: string): boolean {
  const n = w.length;
  if (n < 3 || w.charCodeAt(n - 1) !== 115 /* s */) return false;
  const q = w.charCodeAt(n - 2);
  return q === 39 /* ' */ || q === 0x2019 /* ’ */ || q === 0x2018; /* ‘ */
}

/** Whether a token is one straight or curly single quote: `/^['’‘]$/` without a regex run per token. */
function isLoneQuote(t: string): boolean {
  if (t.length !== 1) return false;
  const c = t.charCodeAt(0);
  return c === 39 /* ' */ || c === 0x2019 /* ’ */ || c === 0x2018; /* ‘ */
}

export function tokenize(text: string, from: number, to: number): Tok[] {
  const out: Tok[] = [];
  const slice = text.slice(from, to);
  // the WORD matches of the slice, found by `wordMatchEnd` (the same matches, about three times cheaper)
  for (let i = 0; i < slice.length;) {
    if (isSpace(slice.charCodeAt(i))) {
      i++;
      continue;
    }
    const end = wordMatchEnd(slice, i);
    const s = from + i;
    const w = slice.slice(i, end);
    const poss = mayBePossessive(w) ? POSSESSIVE.exec(w) : null;
    if (poss) {
      out.push(mk(text, s, s + poss[1].length));
      out.push(mk(text, s + poss[1].length, s + w.length));
    } else out.push(tokOf(w, s, s + w.length)); // (mk(text, s, s + w.length) without slicing the word again)
    i = end;
  }
  // a lone quote mark followed by "s" ("Starmer ‘s") is a possessive too
  for (let i = 0; i + 1 < out.length; i++) {
    if (isLoneQuote(out[i].text) && out[i + 1].lower === 's' && out[i + 1].start === out[i].end) {
      out.splice(i, 2, mk(text, out[i].start, out[i + 1].end));
    }
  }
  return out;
}

/** Curly single quotes, folded to the straight one in `lower`. */
const CURLY_QUOTE = /[’‘]/g;

function mk(text: string, start: number, end: number): Tok {
  return tokOf(text.slice(start, end), start, end);
}

/** The token of text `t` at `[start, end)`. */
function tokOf(t: string, start: number, end: number): Tok {
  const lower = t.toLowerCase();
  // most words hold no curly quote: skip the replace (and its copy) for them
  return {
    start,
    end,
    text: t,
    lower: lower.includes('’') || lower.includes('‘') ? lower.replace(CURLY_QUOTE, "'") : lower,
  };
}

export interface Span {
  start: number;
  end: number;
}

/** Sentences of the doc: the sentence layer when it exists, else a simple splitter (end punctuation, line breaks). */
export function sentencesOf(doc: Doc): Span[] {
  if (doc.sentences.length > 0) return doc.sentences;
  const out: Span[] = [];
  const re = /[^\n.!?]+(?:[.!?]+["'’”]?|\n|$)/g;
  for (let m = re.exec(doc.text); m; m = re.exec(doc.text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    let s = m.index;
    let e = m.index + m[0].length;
    while (s < e && /\s/.test(doc.text[s])) s++;
    while (e > s && /\s/.test(doc.text[e - 1])) e--;
    if (e > s) {
      // merge splits after abbreviations ("U.S.", "Lt.", "Gen.") with the next piece
      const prev = out[out.length - 1];
      if (
        prev &&
        /(?:\b\p{Lu}\.|\b(?:Lt|Gen|Col|Mr|Mrs|Ms|Dr|St|Sgt|Capt|Maj|No|Jan|Feb|Aug|Sept|Oct|Nov|Dec)\.)$/u.test(
          doc.text.slice(prev.start, prev.end),
        ) &&
        !doc.text.slice(prev.end, s).includes('\n')
      ) {
        prev.end = e;
      } else out.push({ start: s, end: e });
    }
  }
  return out;
}

// ---------------------------------------------------------------- word classes
/** Auxiliaries, modals and adverbs that sit between a subject and its verb ("has", "will", "then"). */
export const AUX = new Set([
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'should',
  'shall',
  'may',
  'might',
  'can',
  'must',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  'am',
  'do',
  'does',
  'did',
  'to',
  'also',
  'then',
  'again',
  'once',
  'finally',
  'reportedly',
  'routinely',
  'already',
  'still',
  'not',
  "n't",
  'never',
  'now',
  'bluntly',
  'flatly',
  'outright',
  'formally',
  'officially',
  'secretly',
  'repeatedly',
  'later',
  'first',
  'jointly',
  'further',
  'nominally',
  'today',
  'yesterday',
  'tonight',
  'tomorrow',
  'recently',
  'just',
  'allegedly',
  'apparently',
  'immediately',
  'effectively',
  'subsequently',
  'significantly',
  'publicly',
  'reluctantly',
  'quietly',
  'up',
  "'ll",
  "'s",
  'ever',
  'all',
  'both',
  'each',
  'themselves',
  'itself',
  'continued',
  'continues',
  'began',
  'begins',
  'threatened',
  'decided',
  'agreed',
  'tried',
  'attempted',
  'wants',
  'want',
  'wanted',
  'plans',
  'planned',
  'going',
  'preparing',
  'prepared',
  'expected',
  'set',
  'sought',
]);
/** Words that end a noun phrase: prepositions (bar "of"), conjunctions, relative words, reporting verbs. */
export const NP_BREAK = new Set([
  'in',
  'at',
  'on',
  'to',
  'for',
  'from',
  'with',
  'by',
  'against',
  'into',
  'onto',
  'near',
  'over',
  'under',
  'after',
  'before',
  'during',
  'since',
  'until',
  'despite',
  'following',
  'amid',
  'among',
  'between',
  'through',
  'about',
  'across',
  'toward',
  'towards',
  'inside',
  'outside',
  'around',
  'as',
  'while',
  'when',
  'whose',
  'that',
  'which',
  'who',
  'whom',
  'where',
  'if',
  'unless',
  'because',
  'but',
  'or',
  'nor',
  'so',
  'than',
  'though',
  'although',
  'whether',
  'said',
  'says',
  'say',
  'told',
  'announced',
  'added',
  'stated',
  'reported',
  'according',
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'will',
  'would',
  'could',
  'should',
  'can',
  'may',
  'might',
  'must',
  'not',
  "n't",
  'also',
  'then',
  'become',
  'became',
  'becomes',
  'remain',
  'remains',
  'remained',
  'do',
  'does',
  'did',
  'today',
  'yesterday',
  'tomorrow',
  'tonight',
  'upon',
  'via',
  'without',
  'within',
  'like',
  'including',
  'per',
  'up',
  'down',
  'out',
  'off',
  'back',
  'again',
  'there',
  'here',
  'it',
  'they',
  'he',
  'she',
  'we',
  'i',
  'you',
  'them',
  'him',
  'her',
  'us',
  'me',
  'its',
  'their',
]);
/** Determiners and quantifiers stripped from the edges of a noun phrase. */
export const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'its',
  'his',
  'her',
  'their',
  'our',
  'some',
  'several',
  'any',
  'each',
  'every',
  'such',
  'another',
  'other',
  'more',
  'most',
  'many',
  'much',
  'all',
  'both',
  'no',
  'least',
]);
/** Weekdays, months and relative day words: time adverbials skipped when looking for a subject. */
export const TIME_WORDS =
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december|today|yesterday|tomorrow|tonight|morning|evening|afternoon|night|week|weekend|month|year|last|next|this|earlier|late|early|\d{1,4}(st|nd|rd|th)?)$/;
/** Verbs that report speech: the subject of "X said (that) ..." is the source of what follows. */
export const REPORTING = new Set([
  'said',
  'says',
  'say',
  'announced',
  'announces',
  'stated',
  'told',
  'declared',
  'insisted',
  'added',
  'claimed',
  'claims',
  'reported',
  'wrote',
  'warned',
  'confirmed',
  'concluded',
  'argued',
  'explained',
  'noted',
  'revealed',
  'reveals',
  'admitted',
  'indicated',
  'suggested',
  'believes',
  'believed',
  'thinks',
  'urged',
  'hopes',
  'vowed',
  'stressed',
]);
/** Verbs whose object names the event ("launched air strikes", "staged a protest", "held talks"). */
export const LIGHT_VERBS =
  /^(launch|launched|launches|mount|mounted|mounts|stage|staged|stages|hold|held|holds|impose|imposed|imposes|begin|began|begun|continue|continued|continues|conduct|conducted|carry|carried|lodge|lodged|issue|issued|order|ordered|announce|announced|announces|make|made|makes|open|opened|start|started|call|called|end|ended|declare|declared|unleash|unleashed|resume|resumed|step|stepped|reiterate|reiterated|propose|proposed|demand|demanded|renew|renewed|suffer|suffered|escalate|escalated|intensify|intensified|support|backed)$/;
/** Personal pronouns that stand for an actor and need resolving. */
export const PRONOUNS = new Set([
  'it',
  'they',
  'he',
  'she',
  'we',
  'i',
  'who',
  'which',
  'them',
  'him',
  'her',
  'us',
  'me',
]);
/** Nouns that make a phrase an actor even without a capital letter ("government forces", "rebels"). */
export const ACTOR_NOUNS =
  /^(government|governments|regime|forces|force|troops|army|armies|soldiers|soldier|military|militia|militias|militiamen|militants|militant|rebels|rebel|insurgents|guerrillas|guerillas|fighters|police|policemen|officers|officials|official|authorities|ministry|minister|president|leader|leaders|parliament|court|judge|civilians|civilian|refugees|protesters|demonstrators|students|workers|farmers|prisoners|detainees|residents|villagers|people|tribes|group|groups|party|opposition|diplomats|negotiators|delegation|administration|cabinet|council|embassy|ambassador|spokesman|spokeswoman|activists|settlers|gunmen|attackers|bombers|peacekeepers|observers|inspectors|monitors|terrorist|terrorists|jihadists|islamists|navy|warships|helicopters|tanks|jets|bulldozers|security)$/;
/** Sector of an actor from the words of its phrase (PLOVER sectors, lowercased). */
export const SECTORS: [RegExp, string][] = [
  [
    /\b(forces?|troops|army|armies|soldiers?|military|navy|warships|helicopters|tanks|jets|marines|commandos|special forces|air force|officers)\b/i,
    'military',
  ],
  [
    /\b(rebels?|insurgents?|guerr?illas?|militants?|militias?|militiamen|gunmen|jihadists?|terrorists?|fighters)\b/i,
    'rebels',
  ],
  [/\b(police|policemen|security services)\b/i, 'police'],
  [/\b(civilians?|residents|villagers|refugees|people|families|children|women)\b/i, 'civilians'],
  [/\b(party|opposition)\b/i, 'party'],
  [
    /\b(government|regime|ministry|minister|president|prime minister|officials?|authorities|administration|cabinet|parliament|diplomats?|ambassador|embassy|secretary|chancellor|king|emir)\b/i,
    'government',
  ],
];
/** Weapons named as the "by" phrase of a passive are instruments, not actors; they set the ASSAULT mode. */
export const INSTRUMENTS: [RegExp, string][] = [
  [/\b(drones?|uavs?|reaper|predator)\b/i, 'drone'],
  [/\b(suicide)\b/i, 'suicide-attack'],
  [/\b(air ?strikes?|air-strikes?|airstrikes?|warplanes?|jets?|helicopters?|air raids?|aircraft)\b/i, 'aerial'],
  [/\b(car bombs?|bombs?|bombings?|explosives?|ieds?|roadside|landmines?|mines?|grenades?|minefield)\b/i, 'explosives'],
  [/\b(missiles?|rockets?|shells?|shelling|artillery|mortars?|tanks?)\b/i, 'heavy-weapons'],
  [/\b(guns?|gunfire|bullets?|rifles?|snipers?|shot|shooting|opened fire)\b/i, 'firearms'],
  [/\b(machetes?|knives|knife|clubs|stones|axes)\b/i, 'primitive'],
  [/\b(tear ?gas|water cannon|rubber bullets)\b/i, 'crowd-control'],
];
export const INSTRUMENT_WORD =
  /^(missile|missiles|drone|drones|bomb|bombs|rocket|rockets|shell|shells|mortar|mortars|grenade|grenades|mine|mines|gunfire|bullet|bullets|airstrike|airstrikes|strike|strikes|explosion|blast|device|car|hellfire|machetes|artillery)$/;

export function isCap(t: Tok): boolean {
  return CAPITALISED.test(t.text);
}
export function isWord(t: Tok): boolean {
  return /[\p{L}\p{N}]/u.test(t.text);
}
