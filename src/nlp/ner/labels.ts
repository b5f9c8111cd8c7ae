/**
 * The tagger's label set: IOB2 over the four CoNLL-2003 types. The order is the model's (its file
 * records the labels, and `loadModel` refuses a model whose labels differ from these).
 */

/** The four CoNLL-2003 entity types, in the model's order. */
export const CONLL_TYPES = ['PER', 'LOC', 'ORG', 'MISC'] as const;
/** The tagger's labels: O (index 0), then B-X and I-X of each type in order (B-X at 2k + 1, I-X at 2k + 2). */
export const LABELS: readonly string[] = ['O', ...CONLL_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
/** How many labels the tagger scores per token. */
export const N_LABELS = LABELS.length;

/** Label type index 1..4 (PER, LOC, ORG, MISC) of a label index, 0 for O. */
export function labelType(y: number): number {
  return (y + 1) >> 1;
}
