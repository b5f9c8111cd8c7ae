/** (stub) The entity recogniser: writes doc.tokenTags (BIO labels per token). */
import type { Stage } from '../../model/stage.ts';

export function defaultRecognizer(): Stage {
  return { name: 'ner', run(doc) { doc.tokenTags = doc.tokens.map(() => 'O'); } };
}
