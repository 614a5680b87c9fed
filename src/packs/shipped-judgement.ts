import { readFileSync } from 'node:fs';
import { dirname, resolve, basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JudgementModel, JudgementWeightsSchema } from '../lint/model/judgement-model.js';

/**
 * The repository's models/ folder (beside rules/): this module runs from src/packs (ts-jest) and from
 * dist/src/packs (after `tsc`).
 */
export const MODELS_DIR: string = (() => {
  const twoUp = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return resolve(basename(twoUp) === 'dist' ? dirname(twoUp) : twoUp, 'models');
})();
export const SHIPPED_WEIGHTS_FILE = resolve(MODELS_DIR, 'judgement-weights.json');

let shipped: JudgementModel | undefined;

/** The learned judgement `npm run train` wrote, read and checked once per process. */
export function shippedJudgement(): JudgementModel {
  if (!shipped) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(SHIPPED_WEIGHTS_FILE, 'utf8'));
    } catch (error) {
      throw new Error(`cannot read the learned judgement's weights at ${SHIPPED_WEIGHTS_FILE}: ${(error as Error).message} (run npm run train, or set judgement.engine: cues in the pack)`);
    }
    const parsed = JudgementWeightsSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`);
      throw new Error(`${SHIPPED_WEIGHTS_FILE} is not a judgement weights file (${parsed.error.issues.length} problems; ${first.join('; ')}); run npm run train`);
    }
    shipped = JudgementModel.from(parsed.data);
  }
  return shipped;
}
