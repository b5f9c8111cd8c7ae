/**
 * Evidence the tagger cannot see, combined with its output: the model proposes spans, and listed
 * names and unambiguous text patterns correct their edges and types where they are certain.
 *
 * The trained tagger (CoNLL Reuters news) is strong on running text but knows nothing of sitrep's
 * lexicons or of its finer types: it calls "Al Qaeda" a person, "Sweida province" an organisation,
 * misses "The Mail on Sunday" as the article's own publisher, and tags only "Mediate" of a
 * sentence-initial "Inter Mediate". Each rule below is one kind of evidence, applied in order:
 *
 *   1. role titles and common acronyms are not entities ("National Security Adviser", "CEO" or
 *      "PC" is dropped, "Founder of Ceres Robotics" keeps "Ceres Robotics"); a run of group words
 *      is one NORP per word ("Sunni Muslim Bedouin");
 *   2. a one-word span right after a sentence-initial capitalised word that is no ordinary word
 *      takes that word in ("Inter Mediate");
 *   3. listed organisations (data/lexicons/orgs.json) and the article's publisher
 *      (`doc.source.publisher`) are ORG, written as listed (capitals where the list has them);
 *   4. a compass word before a listed place is a region, LOC ("Southern Syria"), unless the whole
 *      is itself a listed place ("South Sudan", "North Carolina");
 *   5. a name before a lower-case administrative noun, or after "the city/province ... of", is a
 *      GPE ("the Sweida province", "the city of Sweida");
 *   6. a name ending in a company suffix is an ORG ("Harbourline Logistics"); one ending in an
 *      organisation head ("Party", "Ministry") is an ORG unless the tagger said place or group; a
 *      span followed by capitalised organisation heads grows over them ("Castell" + "Freight");
 *   7. a name the text describes as an organisation someone founded or runs is an ORG ("the
 *      organisation he founded. Inter Mediate is ...", "the firm she set up, Larkspur,");
 *   8. a single city or country typed ORG after a preposition of place is a GPE ("to Leeds"); a
 *      planet or moon in a sentence about space is a LOC ("a mission to Mars": 8b);
 *   9. one sense per article: a name fixed by rules 3–8 gives its type to every other span with
 *      the same words, and to the bare stem of a company name ("Harbourline" of "Harbourline
 *      Logistics"); a multi-word name also tags its untagged repeats.
 *  10. a line in capitals (a headline) keeps only the words the body names or a list knows, typed
 *      as the body types them ("MILITIA CHIEF AL-JAZRAWI KILLED IN DARAA RAID": AL-JAZRAWI, DARAA).
 * Rules never key on a particular text; each pattern below says why it exists.
 */
import type { Doc } from '../../model/doc.ts';
import { capsLines, propagate } from './refine/document.ts';
import { dropLeadingRole, extendSentenceInitial, isRoleSpan, splitGroups } from './refine/names.ts';
import { listedOrgs, orgDescriptions, orgHeads } from './refine/orgs.ts';
import { adminPlaces, celestialPlaces, compassPlaces, placeAfterPreposition } from './refine/places.ts';
import { readSpans, writeSpans, type Ctx, type Span } from './refine/spans.ts';

/** A correction rule: the spans corrected (some rules edit them in place and return them). */
type Rule = (ctx: Ctx, spans: Span[]) => Span[];

/** The rules, in the order they run (numbered as above); their names are `REFINE_RULES`. */
const RULES = {
  roles: (ctx, spans) =>
    spans
      .filter((s) => !isRoleSpan(ctx, s))
      .map((s) => dropLeadingRole(ctx, s))
      .flatMap((s) => splitGroups(ctx, s)), // 1
  initial: (ctx, spans) => {
    extendSentenceInitial(ctx, spans);
    return spans;
  }, // 2
  listedOrgs, // 3
  compass: compassPlaces, // 4
  admin: adminPlaces, // 5
  orgHeads, // 6
  orgDescriptions: (ctx, spans) => {
    orgDescriptions(ctx, spans);
    return spans;
  }, // 7
  placePreposition: (ctx, spans) => {
    placeAfterPreposition(ctx, spans);
    return spans;
  }, // 8
  celestial: (ctx, spans) => {
    celestialPlaces(ctx, spans);
    return spans;
  }, // 8b
  propagate, // 9
  capsLines, // 10
} satisfies Record<string, Rule>;

/** The name of a correction rule. */
export type RefineRule = keyof typeof RULES;
/** Names of the rules, in the order they run (for ablations: `refineTags(doc, ranges, { skip })`). */
export const REFINE_RULES = Object.keys(RULES) as RefineRule[];

/** How `refineTags` runs. */
export interface RefineOptions {
  /** Rules to leave out (evaluation ablations). */
  skip?: ReadonlySet<RefineRule>;
  /** The text of every token of the Doc, when the caller has it already (else read from the Doc). */
  texts?: string[];
}

/**
 * Corrects `doc.tokenTags` (sitrep BIO) in place with lexicon, gazetteer and pattern evidence.
 * `ranges` are the token ranges of the sentences the tagger saw.
 */
export function refineTags(doc: Doc, ranges: [number, number][], options: RefineOptions = {}): void {
  const n = doc.tokens.length;
  if (n === 0) return;
  const texts = options.texts ?? tokenTexts(doc);
  const sent = new Int32Array(n).fill(-1);
  ranges.forEach(([a, b], s) => sent.fill(s, a, b));
  const ctx: Ctx = { doc, texts, sent, ranges, lowerSeenSet: undefined, folded: new Array<string | undefined>(n) };
  let spans = readSpans(doc.tokenTags);
  for (const rule of REFINE_RULES) if (!options.skip?.has(rule)) spans = RULES[rule](ctx, spans);
  writeSpans(doc, spans);
}

/** The text of every token of a Doc. */
export function tokenTexts(doc: Doc): string[] {
  const texts = new Array<string>(doc.tokens.length);
  for (let i = 0; i < texts.length; i++) texts[i] = doc.tokenText(i);
  return texts;
}
