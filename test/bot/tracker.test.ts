import { containsMarker, TrackerError } from '../../src/bot/tracker.js';

describe('containsMarker', () => {
  it('finds the marker as a line of the body', () => {
    expect(containsMarker('Who is this for?\n\nticketlint review', 'ticketlint review')).toBe(true);
  });

  it('ignores the backslash escapes a markdown round trip adds, and runs of spaces', () => {
    expect(containsMarker('ticketlint\\-review \\(sticky\\)', 'ticketlint-review (sticky)')).toBe(true);
    expect(containsMarker('ticketlint\n  review', 'ticketlint review')).toBe(true);
  });

  it('does not match other text or an empty marker', () => {
    expect(containsMarker('ticketlint reviewed this', 'ticketlint review (sticky)')).toBe(false);
    expect(containsMarker('anything', '  ')).toBe(false);
  });
});

describe('TrackerError', () => {
  it('is retryable for rate limits and outages only', () => {
    const of = (reason: TrackerError['reason']) => new TrackerError('x', { provider: 'jira', operation: 'getTicket', reason }).retryable;
    expect(['rate_limited', 'unavailable', 'not_found', 'unauthorized', 'rejected'].map((r) => of(r as TrackerError['reason'])))
      .toEqual([true, true, false, false, false]);
  });

  it('says which provider and operation failed, and why', () => {
    const error = new TrackerError('HTTP 404', { provider: 'jira', operation: 'getTicket', reason: 'not_found', status: 404 });
    expect(error.message).toBe('jira getTicket failed (not_found): HTTP 404');
    expect(error).toMatchObject({ status: 404, retryAfterMs: null });
  });
});
