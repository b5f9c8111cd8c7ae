/**
 * The clause a speech verb reports: "said (that) <clause>", "told reporters <clause>", read by
 * the quote stage (indirect quotes) and the claim stage (what a source vouches for).
 */
import type { Doc } from '../../model/doc.ts';
import { alternation, wordSet } from '../../lexicon/load.ts';
import { trimEnd, trimStart, wordCount, type Span } from './spans.ts';
import type { VerbHit } from './verbs.ts';

/** `alternation` of a list of `reported-clauses.json`. */
const clauseWords = (key: string) => alternation('reported-clauses', key);

/** A time adjunct after a reporting verb ("said on Monday", "said last week"), skipped before its clause. */
const TIME_ADJUNCT_AFTER_VERB =
  /^\s+(?:today|yesterday|tonight|on\s+[\p{Lu}][\p{L}]+|last\s+\p{L}+|this\s+\p{L}+|earlier|later)\b/u;

/** The hearer of "told": "told reporters", "told the BBC", "told Ms Ortiz", "told him". */
const HEARER_OF_TELL = new RegExp(
  `^\\s+(?:the\\s+|a\\s+|an\\s+)?(?:[\\p{Lu}][\\p{L}’'-]*(?:\\s+(?:(?:on|of|the)\\s+)?[\\p{Lu}][\\p{L}’'-]*)*|` +
    `${clauseWords('hearers')}|[\\p{Ll}]+)`,
  'u',
);

/** A channel or place adjunct after the verb ("said in a statement that", "told on Monday, …"). */
const ADJUNCT_AFTER_VERB = new RegExp(
  `^\\s+(?:on|in|at|to|during)\\s+(?:${alternation('speaker-words', 'determiners')})?\\s*` +
    `[\\p{L}’' -]{1,40}?(?=,|\\s+that\\b)`,
  'u',
);

/** Verbs that take a reported clause without "that" ("said the plan would fail"); others take objects. */
const BARE_CLAUSE_LEMMAS = wordSet('reporting-verbs', 'bareClauseLemmas');

/** How a reported clause without "that" may open: a pronoun, a determiner or a quantity ("more than 200 people"). */
const BARE_CLAUSE_SUBJECT = new RegExp(`^(?:${clauseWords('clauseOpeners')}|\\d[\\d,.]*)\\s`, 'i');

/** What opens a prepositional phrase, not a clause ("said to …", "spoke about …"). */
const NOT_CLAUSE_OPENER = new RegExp(`^(?:${clauseWords('notClauseOpeners')})\\b`, 'i');

/** Speech verbs that as often take a plain object ("add a rear bench", "write a book"). */
const OBJECT_TAKING_LEMMAS = wordSet('reporting-verbs', 'objectTakingLemmas');

/** Minimum words in a reported clause. */
const MIN_CLAUSE_WORDS = 3;

/**
 * The reported clause after a speech verb: skips the hearer of "told" ("told reporters",
 * "told the BBC"), a time or channel adjunct, and "that"; runs to the end of the sentence.
 * Returns null when what follows is not a clause (a noun object, a quotation, "to" + verb).
 */
export function clauseAfterVerb(doc: Doc, v: VerbHit, sentenceEnd: number): Span | null {
  const text = doc.text;
  let rest = text.slice(v.end, sentenceEnd);
  let off = v.end;
  const skip = (re: RegExp) => {
    const m = re.exec(rest);
    if (m) {
      off += m[0].length;
      rest = rest.slice(m[0].length);
      return true;
    }
    return false;
  };
  if (v.lemma === 'tell' && !skip(HEARER_OF_TELL)) return null;
  skip(ADJUNCT_AFTER_VERB);
  skip(TIME_ADJUNCT_AFTER_VERB);
  skip(/^\s*,/);
  const hadThat = skip(/^\s+(?:that|how)\b/);
  if (hadThat) skip(/^\s*,/); // "said that, in such a case, …"
  // "added a bench", "adds three players": these verbs take plain objects; a bare clause after them
  // needs a definite subject.
  if (!hadThat && OBJECT_TAKING_LEMMAS.has(v.lemma) && /^\s*(?:a|an|some|more|several|\d[\d,.]*)\s/i.test(rest))
    return null;
  const start = trimStart(text, off, sentenceEnd);
  let end = trimEnd(text, start, sentenceEnd);
  while (end > start && /[.!?;:]/.test(text[end - 1])) end--;
  const clause = text.slice(start, end);
  if (!clause || /^[:‘“"'«]/.test(clause)) return null;
  if (wordCount(clause) < MIN_CLAUSE_WORDS) return null;
  if (!hadThat) {
    if (!BARE_CLAUSE_LEMMAS.has(v.lemma)) return null;
    // Without "that" the clause must open with a subject: a pronoun, a determiner, a quantity or a name.
    if (NOT_CLAUSE_OPENER.test(clause)) return null;
    if (!/^[\p{Lu}]/u.test(clause) && !BARE_CLAUSE_SUBJECT.test(clause)) return null;
  }
  return { start, end };
}
