/**
 * A deterministic dev/hold-out split by a stable hash of the ticket id, so that tuning on `dev` can be
 * judged on `holdout` tickets it never saw, and a ticket stays on its side as the corpus grows.
 */
export const SPLITS = ['all', 'dev', 'holdout'] as const;
export type Split = (typeof SPLITS)[number];
/** About 30% of tickets are held out. */
export const HOLDOUT_PERCENT = 30;

/** FNV-1a, 32 bits, over the UTF-16 code units of the id: tiny, stable across runs and platforms. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function sideOf(id: string): 'dev' | 'holdout' {
  return fnv1a32(id) % 100 < HOLDOUT_PERCENT ? 'holdout' : 'dev';
}

export function inSplit(id: string, split: Split): boolean {
  return split === 'all' || sideOf(id) === split;
}
