import { fnv1a32, HOLDOUT_PERCENT, inSplit, sideOf } from '../../../src/cli/eval/holdout-split.js';

describe('the hold-out split', () => {
  it('hashes with FNV-1a as published (offset basis for the empty string, known vector for "a")', () => {
    expect(fnv1a32('')).toBe(0x811c9dc5);
    expect(fnv1a32('a')).toBe(0xe40c292c);
  });

  it('puts the same id on the same side every time', () => {
    expect(sideOf('t-17')).toBe(sideOf('t-17'));
  });

  it('holds out about 30% of a large set of ids', () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `ticket-${i}`);
    const held = ids.filter((id) => sideOf(id) === 'holdout').length / ids.length;
    expect(held).toBeGreaterThan(HOLDOUT_PERCENT / 100 - 0.03);
    expect(held).toBeLessThan(HOLDOUT_PERCENT / 100 + 0.03);
  });

  it('splits a set into dev and holdout with no ticket on both sides and none lost', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `x${i}`);
    const dev = ids.filter((id) => inSplit(id, 'dev'));
    const holdout = ids.filter((id) => inSplit(id, 'holdout'));
    expect(dev.length + holdout.length).toBe(ids.length);
    expect(dev.filter((id) => holdout.includes(id))).toEqual([]);
    expect(ids.every((id) => inSplit(id, 'all'))).toBe(true);
  });
});
