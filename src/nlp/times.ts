/** (stub) */
import type { Stage } from '../model/stage.ts';

export const timeStage: Stage = {
  name: 'times',
  run() {},
};
