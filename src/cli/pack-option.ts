import { PackError } from '../lint/pack/pack-error.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import { DEFAULT_PACK_NAME, loadPack } from '../packs/load-pack.js';
import { UsageError } from './cli-io.js';

export type { RulePack };

/**
 * The pack named by `--pack` (a bundled name or a path, relative to `cwd`), or the default one.
 * A PackError passes through as it is (its message names the file, the path inside it and what was
 * expected); anything else that stops the pack loading becomes a UsageError saying which pack.
 */
export function loadPackFor(ref: string | undefined, cwd: string): RulePack {
  const name = ref ?? DEFAULT_PACK_NAME;
  try {
    return loadPack(name, { cwd });
  } catch (error) {
    if (error instanceof PackError) throw error;
    throw new UsageError(`cannot load pack "${name}": ${(error as Error).message}`);
  }
}

export function packName(ref: string | undefined): string {
  return ref ?? DEFAULT_PACK_NAME;
}
