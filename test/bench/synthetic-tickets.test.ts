/// <reference types="jest" />
// The build compiles test/bench without jest's types; this reference brings them in for this file.
import { syntheticTickets } from './synthetic-tickets.js';

describe('syntheticTickets', () => {
  const spec = { name: 'typical', count: 200, bodyChars: 1000, seed: 7 };

  it('makes the same tickets from the same seed', () => {
    expect(syntheticTickets(spec)).toEqual(syntheticTickets(spec));
  });

  it('makes different tickets from another seed', () => {
    expect(syntheticTickets({ ...spec, seed: 8 })[0]!.description).not.toBe(syntheticTickets(spec)[0]!.description);
  });

  it('writes bodies of about the asked length, and no body for title-only sets', () => {
    const lengths = syntheticTickets(spec).map((t) => t.description.length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(1000);
    expect(Math.max(...lengths)).toBeLessThan(1400);
    expect(syntheticTickets({ ...spec, bodyChars: 0 }).every((t) => t.description === '')).toBe(true);
  });

  it('varies the text so that no two bodies are the same', () => {
    const bodies = new Set(syntheticTickets(spec).map((t) => t.description));
    expect(bodies.size).toBe(spec.count);
  });

  it('mixes feature, bug and task tickets, with the kind sometimes left to the engine', () => {
    const kinds = new Set(syntheticTickets(spec).map((t) => t.kind));
    expect([...kinds].sort()).toEqual(['bug', 'feature', 'task', 'unknown']);
  });
});
