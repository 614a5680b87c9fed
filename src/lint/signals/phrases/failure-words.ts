/**
 * Words that say something goes wrong, for every cue that reads a failure: a bug report's body and
 * title, and the pain of a feature ("exports time out"). One word or phrase a line; matched as whole words.
 */
export const FAILURE_WORDS = [
  'crash',
  'crashes',
  'crashed',
  'exception',
  'fail',
  'fails',
  'failed',
  'failing',
  'failure',
  'broken',
  'not working',
  "doesn't work",
  'does not work',
  'wrong',
  'incorrect',
  'timed out',
  'times out',
  'timing out',
  'hangs',
  'freezes',
  'stuck',
];

/**
 * The failure words that say nothing of what goes wrong ("Login broken", "Upload fails"): a bug
 * title of these alone names no specific failure.
 */
export const VAGUE_FAILURE_WORDS = ['fail', 'fails', 'failed', 'failing', 'failure', 'broken', 'not working', "doesn't work", 'does not work'];
