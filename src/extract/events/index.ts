/**
 * The events stage: PLOVER-coded event mentions with actors, targets, place, date and counts.
 *
 *   sentence ─▶ trigger lexicon (data/lexicons/plover) ─▶ event-type model (events/type-model.ts:
 *               which cues report an event, of which type) ─▶ arguments (events/args.ts)
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
import { matchTriggers, type TriggerMatch } from './lexicon.ts';
import { defaultTypeModel, judgeCue, petrarchVerbs, sentenceCues, type TypeModel } from './type-model.ts';
import { sentenceToks, type Tok } from './tokens.ts';
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

/**
 * The cues of a sentence that the event-type model may read as events, each with its type and the
 * probability that it reports an event at all: a cue keeps the lexicon's type and mode unless the
 * model is sure of another type.
 */
function typedCues(toks: Tok[], model: TypeModel): Array<{ cue: TriggerMatch; event: number }> {
  const { threshold, retypeThreshold } = model.header;
  const sentence = sentenceCues(toks, matchTriggers(toks), petrarchVerbs());
  const out: Array<{ cue: TriggerMatch; event: number }> = [];
  sentence.cues.forEach((cue, rank) => {
    const v = judgeCue(model, sentence, rank);
    if (v.event < threshold) return;
    const keep = v.type === cue.entry.type || v.p < retypeThreshold;
    out.push({ cue: keep ? cue : { ...cue, entry: { ...cue.entry, type: v.type, mode: '' } }, event: v.event });
  });
  return out;
}

/** All events of a doc, in text order; `model` types the cues (the shipped one by default). */
export function extractEvents(doc: Doc, model: TypeModel = defaultTypeModel()): Event[] {
  const idx = eventIndex(doc);
  const drafts: Draft[] = [];
  for (let si = 0; si < doc.sentences.length; si++) {
    const sent = doc.sentences[si];
    // a photo caption repeats or describes the body; it never reports an event of its own
    if (doc.blocks[doc.blockIndexAt(sent.start)]?.kind === 'caption') continue;
    const toks = sentenceToks(doc, si);
    const sentText = doc.text.slice(sent.start, sent.end);
    const typed = typedCues(toks, model);
    const trigs = typed.map((t) => t.cue);
    // the sentence's events: the likeliest, and any other the model is sure of
    const found: Array<{ draft: Draft; event: number }> = [];
    for (const { cue: trig, event } of typed) {
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
      for (const draft of draftsFor(doc, idx, sent, sentText, toks, trig))
        if (!head || draft.ev.actors.length || draft.ev.targets.length) found.push({ draft, event });
    }
    let best = 0;
    for (const f of found) best = Math.max(best, f.event);
    for (const f of found) if (f.event === best || f.event >= model.header.sureThreshold) drafts.push(f.draft);
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
