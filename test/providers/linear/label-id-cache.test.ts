import { LabelIdCache } from '../../../src/providers/linear/label-id-cache.js';

describe('LabelIdCache', () => {
  let clock = 0;
  const now = (): number => clock;
  beforeEach(() => { clock = 1_000; });

  it('remembers an id per team and name, names compared without case or surrounding spaces', () => {
    const cache = new LabelIdCache(60_000, now);
    cache.set('team-a', 'needs-context', 'label-1');
    expect(cache.get('team-a', ' Needs-Context ')).toBe('label-1');
    expect(cache.get('team-b', 'needs-context')).toBeUndefined();
    expect(cache.get('team-a', 'context-complete')).toBeUndefined();
  });

  it('forgets an id once it is older than the time to live, or when told to', () => {
    const cache = new LabelIdCache(60_000, now);
    cache.set('team-a', 'needs-context', 'label-1');
    clock += 59_999;
    expect(cache.get('team-a', 'needs-context')).toBe('label-1');
    clock += 1;
    expect(cache.get('team-a', 'needs-context')).toBeUndefined();
    cache.set('team-a', 'needs-context', 'label-2');
    cache.forget('team-a', 'NEEDS-CONTEXT');
    expect(cache.get('team-a', 'needs-context')).toBeUndefined();
  });

  it('remembers nothing with a time to live of 0', () => {
    const cache = new LabelIdCache(0, now);
    cache.set('team-a', 'needs-context', 'label-1');
    expect(cache.get('team-a', 'needs-context')).toBeUndefined();
  });

  it('keeps at most maxEntries, dropping the oldest written first', () => {
    const cache = new LabelIdCache(60_000, now, 2);
    cache.set('team-a', 'x', 'label-a');
    cache.set('team-b', 'x', 'label-b');
    cache.set('team-a', 'x', 'label-a2');
    cache.set('team-c', 'x', 'label-c');
    expect([cache.get('team-a', 'x'), cache.get('team-b', 'x'), cache.get('team-c', 'x')]).toEqual(['label-a2', undefined, 'label-c']);
  });
});
