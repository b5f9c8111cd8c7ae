import type { Doc } from './doc.ts';

/** A pipeline stage: reads the layers it needs from the Doc and adds its own. */
export interface Stage {
  readonly name: string;
  run(doc: Doc): void;
}
