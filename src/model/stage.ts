import type { Doc } from './doc.ts';

/**
 * The layers of a Doc a stage can read or add. `text`, `blocks` and `removed` come from cleaning,
 * before any stage runs; `tokenTags` is the recogniser's per-token labels (not in the JSON).
 */
export type Layer =
  | 'text'
  | 'blocks'
  | 'removed'
  | 'sentences'
  | 'tokens'
  | 'tokenTags'
  | 'entities'
  | 'attributions'
  | 'quotes'
  | 'claims'
  | 'times'
  | 'publishedInferred'
  | 'relations'
  | 'events';

/** The layers cleaning fills before the first stage. */
export const CLEANED_LAYERS: readonly Layer[] = ['text', 'blocks', 'removed'];

/**
 * A pipeline stage: reads the layers it names in `reads` and adds those in `adds` (it may also
 * refine a layer it reads, as geocoding sets places on entities). The pipeline checks, when it is
 * built, that every layer a stage reads was added before it.
 */
export interface Stage {
  readonly name: string;
  readonly reads: readonly Layer[];
  readonly adds: readonly Layer[];
  run(doc: Doc): void;
}

/** Throws when a stage reads a layer no earlier stage (nor cleaning) adds. */
export function checkStageOrder(stages: readonly Stage[]): void {
  const have = new Set<Layer>(CLEANED_LAYERS);
  for (const stage of stages) {
    const missing = stage.reads.filter((l) => !have.has(l));
    if (missing.length > 0) {
      throw new Error(`pipeline: stage "${stage.name}" reads ${missing.join(', ')}, which no stage before it adds`);
    }
    for (const l of stage.adds) have.add(l);
  }
}
