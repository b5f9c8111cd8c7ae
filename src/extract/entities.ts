/** (stub) */
import type { Stage } from '../model/stage.ts';

export const entityStage: Stage = {
  name: 'entities',
  run() {},
};
