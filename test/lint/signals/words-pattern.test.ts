import { withLiteralGroupsAsTries, wordsPattern } from '../../../src/lint/signals/words-pattern.js';

describe('wordsPattern', () => {
  const words = ['admin', 'admins', 'administrator', 'account owner', 'account', 'ab', 'abcd', 'abx', 'c++ dev', 'on-call'];

  it('matches exactly the listed words and phrases, with runs of spaces inside phrases', () => {
    const whole = new RegExp(`^(?:${wordsPattern(words)})$`);
    for (const w of words) expect(whole.test(w)).toBe(true);
    expect(whole.test('account   owner')).toBe(true);
    for (const w of ['adm', 'abc', 'administrators', 'accountowner', 'c+ dev', 'oncall']) expect(whole.test(w)).toBe(false);
  });

  it('prefers the longest word at a position, as a longest-first list does', () => {
    const re = new RegExp(wordsPattern(words));
    expect(re.exec('the administrator said')?.[0]).toBe('administrator');
    expect(re.exec('an account owner')?.[0]).toBe('account owner');
  });

  it('adds -s and -es to the last word when asked for plurals', () => {
    const plural = new RegExp(`^(?:${wordsPattern(['account owner', 'coach'], { plural: true })})$`);
    for (const w of ['account owner', 'account owners', 'coaches']) expect(plural.test(w)).toBe(true);
    expect(plural.test('accounts owner')).toBe(false);
  });
});

describe('withLiteralGroupsAsTries', () => {
  it('rewrites groups of plain words as tries and leaves everything else alone', () => {
    const source = String.raw`\b(?:ui|page|pages|dark mode)s?\b|(?:very |really )?nice|(?:a|b\d)`;
    const rewritten = withLiteralGroupsAsTries(source);
    expect(rewritten).toContain('page(?:s|)');
    expect(rewritten).toContain('(?:a|b\\d)');
    const before = new RegExp(source, 'g');
    const after = new RegExp(rewritten, 'g');
    for (const text of ['the ui pages', 'a dark  mode toggle', 'really nice', 'very nice', 'b4', 'uis']) {
      expect([...text.matchAll(after)].map((m) => m.index)).toEqual([...text.matchAll(before)].map((m) => m.index));
    }
  });
});
