import { matchDeliverableProfile } from '../../../src/lint/pack/deliverable-profile.js';

const EXPORT = { name: 'export', match: ['export', 'csv'] };
const IMPORT = { name: 'import', match: ['import'] };
const SIGN_IN = { name: 'sign-in', match: ['sign in', 'sso'] };
const PROFILES = [EXPORT, IMPORT, SIGN_IN];

describe('matchDeliverableProfile', () => {
  it('matches a term as a whole word, in any case', () => {
    expect(matchDeliverableProfile(PROFILES, ['Add CSV export'])).toBe(EXPORT);
    expect(matchDeliverableProfile(PROFILES, ['Add csvkit support'])).toBeNull();
  });

  it('matches the plural of a term', () => {
    expect(matchDeliverableProfile(PROFILES, ['Scheduled exports for admins'])).toBe(EXPORT);
  });

  it('matches a term of several words only as that sequence of words', () => {
    expect(matchDeliverableProfile(PROFILES, ['Let people sign in with Google'])).toBe(SIGN_IN);
    expect(matchDeliverableProfile(PROFILES, ['Sign the contract in advance'])).toBeNull();
  });

  it('prefers the term that comes first in the text', () => {
    expect(matchDeliverableProfile(PROFILES, ['Import contacts from a CSV'])).toBe(IMPORT);
    expect(matchDeliverableProfile(PROFILES, ['Export the import log'])).toBe(EXPORT);
  });

  it('tries the texts in order and skips the missing ones', () => {
    expect(matchDeliverableProfile(PROFILES, [null, 'SSO for the admin console'])).toBe(SIGN_IN);
    expect(matchDeliverableProfile(PROFILES, ['import wizard', 'SSO for the import wizard'])).toBe(IMPORT);
  });
});
