import { findCues, type Cue } from '../../../src/lint/signals/cue.js';
import { TicketText } from '../../../src/lint/ticket-text.js';

/**
 * What is wrong with a cue's examples, as ESLint's RuleTester reports a rule's cases: each text it
 * must match and does not, each it must not match and does, and a missing list. Each example is read
 * the way the engine reads a ticket: as the title for a title cue, else as the body.
 */
export function cueExampleFailures(cue: Cue): string[] {
  const failures: string[] = [];
  if (cue.examples.match.length === 0) failures.push('has no example it must match');
  if (cue.examples.noMatch.length === 0) failures.push('has no example it must not match');
  for (const example of cue.examples.match) if (!finds(cue, example)) failures.push(`must match ${JSON.stringify(example)} but does not`);
  for (const example of cue.examples.noMatch) if (finds(cue, example)) failures.push(`must not match ${JSON.stringify(example)} but does`);
  return failures;
}

function finds(cue: Cue, example: string): boolean {
  const text = cue.where === 'title' ? TicketText.of(example, '') : TicketText.of('', example);
  return findCues(text, [cue], 1).length > 0;
}
