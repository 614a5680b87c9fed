import { findCues, withSpacesAsRuns, type Cue } from '../../../src/lint/signals/cue.js';
import { TicketText } from '../../../src/lint/ticket-text.js';

const cue = (pattern: RegExp): Cue => ({ id: 'probe', pattern, weight: 1, examples: { match: [], noMatch: [] } });
const finds = (pattern: RegExp, body: string): boolean => findCues(TicketText.of('', body), [cue(pattern)]).length > 0;

describe('the space rewrite of a cue pattern', () => {
  it('lets a literal space match a run of spaces', () => {
    expect(withSpacesAsRuns('so that')).toBe('so +that');
    expect(finds(/\bso that\b/, 'so   that admins can plan')).toBe(true);
  });

  it('leaves quantified spaces, escaped characters and character classes alone', () => {
    expect(withSpacesAsRuns(String.raw`a ?b {1,2}c\ d[\w -]e[ x]`)).toBe(String.raw`a ?b {1,2}c\ d[\w -]e[ x]`);
    expect(withSpacesAsRuns(String.raw`[\] ]x y`)).toBe(String.raw`[\] ]x +y`);
  });

  it('does not let a space inside a character class match a plus sign', () => {
    expect(finds(/\bfoo[ -]bar\b/, 'foo-bar')).toBe(true);
    expect(finds(/\bfoo[ -]bar\b/, 'foo+bar')).toBe(false);
    expect(finds(/\[[ x]\] done/, '[+] done')).toBe(false);
  });
});
