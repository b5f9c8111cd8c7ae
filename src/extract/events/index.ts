/**
 * The events stage: PLOVER-coded event mentions with actors, targets, place, date and counts.
 *
 *   sentence ─▶ trigger lexicon (data/lexicons/plover) ─▶ arguments (events/args.ts)
 *            ─▶ entities (events/resolve.ts) ─▶ intent coding (promise → AGREE, threat → THREATEN,
 *               refusal → REJECT) ─▶ discourse (same-event mentions share their missing arguments)
 *
 * Each event keeps its evidence span (trigger plus the arguments found in its sentence) and the
 * quote or claim it sits in. Arguments never come from outside the article: when the text gives
 * no date the event has none.
 */
import type { Doc } from '../../model/doc.ts';
import type { Event } from '../../model/analysis.ts';
import type { Layer, Stage } from '../../model/stage.ts';
import { matchTriggers } from './lexicon.ts';
import { pushAll } from '../../text/arrays.ts';
import { sentenceToks } from './tokens.ts';
import { eventIndex, overlapsMention } from './resolve.ts';
import { NOT_EVENT, isIdiom } from './idioms.ts';
import { COMPLEMENT_KEEPS_PARTIES, complementHead, draftsFor, type Draft } from './draft.ts';
import {
  addStatesOfOfficials,
  anchored,
  dropSelfTargets,
  inheritAcrossMentions,
  mergeWithinSentence,
  narrowPlaces,
} from './discourse.ts';

/** Minimum cue weight kept. */
const MIN_WEIGHT = 0.5;

/** The layers an event's arguments are resolved against: who, what was said or claimed, when, whose office. */
const CONTEXT_LAYERS: readonly Layer[] = ['entities', 'quotes', 'claims', 'times', 'relations'];

export const eventStage: Stage = {
  name: 'events',
  reads: ['text', 'blocks', 'sentences', 'tokens', ...CONTEXT_LAYERS],
  adds: ['events'],
  run(doc) {
    doc.events = extractEvents(doc);
  },
};

/** All events of a doc, in text order. */
export function extractEvents(doc: Doc): Event[] {
  const idx = eventIndex(doc);
  const drafts: Draft[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    const sent = doc.sentences[si];
    // a photo caption repeats or describes the body; it never reports an event of its own
    if (doc.blocks[doc.blockIndexAt(sent.start)]?.kind === 'caption') continue;
    const toks = sentenceToks(doc, si);
    const sentText = doc.text.slice(sent.start, sent.end);
    const trigs = matchTriggers(toks);
    for (const trig of trigs) {
      if (trig.entry.weight < MIN_WEIGHT) continue;
      const around = doc.text.slice(
        toks[Math.max(0, trig.from - 2)].start,
        toks[Math.min(toks.length - 1, trig.to + 1)].end,
      );
      if (NOT_EVENT.test(around)) continue;
      const wide = doc.text.slice(
        toks[Math.max(0, trig.from - 3)].start,
        toks[Math.min(toks.length - 1, trig.to + 5)].end,
      );
      if (isIdiom(wide)) continue;
      const head = complementHead(toks, trigs, trig);
      if (head && !COMPLEMENT_KEEPS_PARTIES.has(head)) continue;
      // a cue inside a name ("Inter Mediate", "Strike Force Inc") is no event
      if (overlapsMention(idx, toks[trig.from].start, toks[trig.to - 1].end)) continue;
      const found = draftsFor(doc, idx, sent, sentText, toks, trig);
      pushAll(drafts, head ? found.filter((d) => d.ev.actors.length || d.ev.targets.length) : found);
    }
  }
  mergeWithinSentence(drafts);
  addStatesOfOfficials(doc, drafts);
  inheritAcrossMentions(doc, drafts);
  narrowPlaces(doc, drafts);
  for (const d of drafts) dropSelfTargets(d.ev);
  const events: Event[] = [];
  for (const d of drafts) {
    if (anchored(d)) events.push({ ...d.ev, id: `ev${events.length + 1}`, text: doc.text.slice(d.ev.start, d.ev.end) });
  }
  return events;
}
