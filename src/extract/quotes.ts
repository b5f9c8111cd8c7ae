/** (stub) */
import type { Stage } from '../model/stage.ts';

export const quoteStage: Stage = {
  name: 'quotes',
  run() {},
};
