/** (stub) */
import type { Stage } from '../model/stage.ts';

export const tokenStage: Stage = {
  name: 'tokens',
  run() {},
};
