/** (stub) */
import type { Stage } from '../model/stage.ts';

export const sentenceStage: Stage = {
  name: 'sentences',
  run() {},
};
