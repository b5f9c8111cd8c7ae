/** (stub) */
import type { Stage } from '../model/stage.ts';

export const claimStage: Stage = {
  name: 'claims',
  run() {},
};
