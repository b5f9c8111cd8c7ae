/**
 * The entity stage: BIO token labels → entities with merged mentions, aliases and roles.
 *
 * Works with any recogniser that writes `doc.tokenTags` (the trained model by default; the pipeline
 * takes another). Steps:
 *   1. read mentions from the labels and tidy their spans (possessive "'s", "-linked", honorifics,
 *      military ranks: "Brigadier Nabil Abdallah" names "Nabil Abdallah", with "Brigadier" a role);
 *   2. link countries and demonyms to one country entity ("Syria", "Syrian", "UK", "British");
 *   3. group full names, then attach short forms to the nearest full form ("Starmer" → "Keir
 *      Starmer"; two people sharing a surname stay apart), acronyms to their expansion, group
 *      nouns to their lemma ("Bedouins" → "Bedouin"), a company's short name to its full name
 *      ("Harbourline" → "Harbourline Logistics");
 *   4. bind roles ("Foreign Minister X", "X, the chief executive", "the presidency of X") and
 *      title descriptions ("the Foreign Secretary") to people;
 *   5. number entities "e1", "e2", … in order of first mention.
 * One file a step: mentions.ts (1), group.ts (2–3, with merge.ts for company short names and
 * acronyms, names.ts for the keys, types.ts for each entity's type), roles.ts (4), finish.ts (5);
 * work.ts holds the mentions and entities under construction.
 */
import type { Doc } from '../../model/doc.ts';
import type { Entity } from '../../model/analysis.ts';
import type { Stage } from '../../model/stage.ts';
import { finish } from './finish.ts';
import { groupMentions } from './group.ts';
import { readMentions } from './mentions.ts';
import { bindDescriptions, bindRoles } from './roles.ts';
import { retypePersons } from './types.ts';

/** The entity stage: `doc.tokenTags` → `doc.entities`. */
export const entityStage: Stage = {
  name: 'entities',
  reads: ['text', 'sentences', 'tokens', 'tokenTags'],
  adds: ['entities'],
  run(doc) {
    doc.entities = extractEntities(doc);
  },
};

/** Build the entities of `doc` from its token labels. */
export function extractEntities(doc: Doc): Entity[] {
  const mentions = readMentions(doc);
  retypePersons(doc, mentions);
  const works = groupMentions(mentions);
  for (const w of works) if (w.type === 'PERSON') bindRoles(doc, w);
  bindDescriptions(doc, works);
  return finish(doc, works);
}
