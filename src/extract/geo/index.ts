/**
 * Places on the map: the `geo` stage geocodes GPE and LOC entities (`entity.geo`).
 *
 *   gazetteer (data/gazetteer, built by scripts/build-gazetteer.ts)
 *     → candidates per name (resolve.ts: exact names, abbreviations, demonyms, "southern X",
 *       "X province", transliteration skeletons)
 *     → two passes over the article: the first places every name alone, the second re-scores each
 *       with what the *other* names said (countries and regions named, nearby places, "City, Region")
 *
 * Recall aid (option `spot`, on by default): capitalised gazetteer names that no entity covers
 * (spot.ts, spotted.ts) become GPE/LOC entities with id `geo-N`, so the map does not depend on the
 * recogniser finding every place. Spotted names never overlap or change the entity stage's
 * mentions; a spotted name equal to an existing GPE/LOC entity's name joins it as a mention.
 *
 * The parts: context.ts (resolution in the article's context), place-entities.ts (the entity
 * stage's entities placed or re-typed), nested.ts (places inside longer names), spotted.ts (places
 * the recogniser missed), spot.ts (the spotter), resolve.ts (candidates and scores), gazetteer.ts,
 * normalize.ts (name keys).
 */
import type { Doc } from '../../model/doc.ts';
import type { Stage } from '../../model/stage.ts';
import { Gazetteer } from './gazetteer.ts';
import { demonymWeights } from './context.ts';
import { geocodeEntities } from './place-entities.ts';
import { addSpottedPlaces } from './spotted.ts';

export { Gazetteer, type Place } from './gazetteer.ts';
export { distanceKm, type GeoContext } from './resolve.ts';
export { spotToponyms, spotVariants } from './spot.ts';
export { demonymWeights, geocodeName, resolveMentions, toponymMentions, type ToponymMention } from './context.ts';

export interface GeoStageOptions {
  /** Add gazetteer-spotted places the recogniser missed as GPE/LOC entities (default true). */
  spot?: boolean;
  gazetteer?: Gazetteer;
}

/** Build the geo stage. */
export function createGeoStage(options: GeoStageOptions = {}): Stage {
  const spot = options.spot ?? true;
  return {
    name: 'geo',
    reads: ['text', 'entities'],
    adds: [], // places on the entities it reads (`geo`), and place entities the recogniser missed
    run(doc: Doc) {
      const gaz = options.gazetteer ?? Gazetteer.default();
      // both steps resolve names against the same text: its demonyms are read once, when first needed
      let demonyms: Map<string, number> | undefined;
      const demonymsOfText = (): Map<string, number> => (demonyms ??= demonymWeights(gaz, doc.text));
      if (spot) addSpottedPlaces(doc, gaz, demonymsOfText);
      geocodeEntities(doc, gaz, demonymsOfText);
    },
  };
}

/** The default geo stage (spotter on, shipped gazetteer). */
export const geoStage: Stage = createGeoStage();
