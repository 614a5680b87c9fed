import { closestNames, didYouMean, editDistance } from '../../../src/lint/pack/did-you-mean.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions, and a swap of neighbours as one edit', () => {
    expect(editDistance('missing-usr', 'missing-user')).toBe(1);
    expect(editDistance('growht', 'growth')).toBe(1);
    expect(editDistance('strict', 'strict')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('stays cheap on a hostile name', () => {
    expect(editDistance('x'.repeat(1_000_000), 'missing-user')).toBeGreaterThan(0);
  });
});

describe('closestNames', () => {
  const RULES = ['output-only', 'missing-user', 'missing-success-measure', 'missing-alternatives', 'bare-bug-report'];

  it('names the rule a typo was meant to be, ignoring case', () => {
    expect(closestNames('missing-usr', RULES)).toEqual(['missing-user']);
    expect(closestNames('Missing-User', RULES)).toEqual(['missing-user']);
    expect(closestNames('growht', ['product-sense', 'strict', 'growth'])).toEqual(['growth']);
  });

  it('suggests nothing for a name far from every known one', () => {
    expect(closestNames('velocity', RULES)).toEqual([]);
    expect(closestNames('anything', [])).toEqual([]);
  });
});

describe('didYouMean', () => {
  it('says the nearest name and lists all of them', () => {
    expect(didYouMean('growht', ['product-sense', 'strict', 'growth'], 'packs'))
      .toBe('did you mean growth? known packs: product-sense, strict, growth');
  });

  it('lists the known names when none is near', () => {
    expect(didYouMean('zzz', ['strict'], 'packs')).toBe('known packs: strict');
  });
});
