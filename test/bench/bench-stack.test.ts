/// <reference types="jest" />
// The build compiles test/bench without jest's types; this reference brings them in for this file.
import { createHmac } from 'node:crypto';
import {
  cpuSecondsFromStat, createdTicketDelivery, issueIdFor, issueIdPrefix, markdownTable, numberOption, numbersOption, parseRedisInfo,
  rssKbFromStatus, sendClosedLoop, sendsDue, spreadOf, tally, WEBHOOK_SECRET,
} from './bench-stack.js';

describe('sendsDue (the open-loop schedule)', () => {
  it('sends the first at 0 ms, then one every 1000 / rate ms', () => {
    expect(sendsDue(0, 100, 1000)).toBe(1);
    expect(sendsDue(9.9, 100, 1000)).toBe(1);
    expect(sendsDue(10, 100, 1000)).toBe(2);
    expect(sendsDue(1000, 500, 100_000)).toBe(501);
  });

  it('never schedules more than the total, nor anything before the start', () => {
    expect(sendsDue(60_000, 100, 50)).toBe(50);
    expect(sendsDue(-5, 100, 50)).toBe(0);
  });

  it('catches up at once after a stall, rather than waiting for answers', () => {
    // Nothing sent for 200 ms at 500/s: 101 are due, all to go out now.
    expect(sendsDue(200, 500, 10_000)).toBe(101);
  });
});

describe('issueIdFor', () => {
  it('gives a UUID-shaped id, different per run and per ticket, sharing the run prefix', () => {
    const ids = new Set([issueIdFor(1, 0), issueIdFor(1, 1), issueIdFor(2, 0), issueIdFor(2, 99_999)]);
    expect(ids.size).toBe(4);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(issueIdFor(7, 12345).startsWith(issueIdPrefix(7))).toBe(true);
    expect(issueIdFor(8, 12345).startsWith(issueIdPrefix(7))).toBe(false);
  });
});

describe('createdTicketDelivery', () => {
  it('is a signed Linear issue-created delivery of that ticket, with its own delivery id', () => {
    const delivery = createdTicketDelivery(3, 42);
    const body = JSON.parse(delivery.body) as { action: string; data: { id: string; title: string; description: unknown } };
    expect(body.action).toBe('create');
    expect(body.data.id).toBe(issueIdFor(3, 42));
    expect(body.data.description).toBeNull();
    expect(delivery.headers['linear-signature']).toBe(createHmac('sha256', WEBHOOK_SECRET).update(delivery.body).digest('hex'));
    expect(delivery.headers['linear-delivery']).not.toBe(createdTicketDelivery(3, 43).headers['linear-delivery']);
  });
});

describe('rssKbFromStatus', () => {
  it('reads VmRSS in kB from /proc/<pid>/status', () => {
    expect(rssKbFromStatus('Name:\tnode\nVmPeak:\t  999 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n')).toBe(123456);
  });

  it('is null without the line (a zombie has none)', () => {
    expect(rssKbFromStatus('Name:\tnode\nState:\tZ (zombie)\n')).toBeNull();
  });

  it('reads this process', async () => {
    const { readFileSync } = await import('node:fs');
    expect(rssKbFromStatus(readFileSync('/proc/self/status', 'utf8'))).toBeGreaterThan(1000);
  });
});

describe('cpuSecondsFromStat', () => {
  it('adds utime and stime (fields 14 and 15), even when the command name holds spaces and parentheses', () => {
    const stat = `4242 (node (x) y) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 123 456 789`;
    expect(cpuSecondsFromStat(stat)).toBe(3);
  });

  it('is null for text that is not a stat line', () => {
    expect(cpuSecondsFromStat('nonsense')).toBeNull();
  });
});

describe('spreadOf', () => {
  it('gives nearest-rank p50 and p99 and the maximum', () => {
    const values = Array.from({ length: 200 }, (_, i) => 200 - i);
    expect(spreadOf(values)).toEqual({ count: 200, p50: 100, p99: 198, max: 200 });
  });

  it('is NaN for no values', () => {
    const spread = spreadOf([]);
    expect(spread.count).toBe(0);
    expect(spread.p50).toBeNaN();
    expect(spread.max).toBeNaN();
  });
});

describe('tally', () => {
  it('counts tickets with no comment, exactly one, more than one, and comments on tickets nobody sent', () => {
    const seen = new Map([['a', 1], ['b', 2], ['z', 1]]);
    expect(tally(['a', 'b', 'c'], seen)).toEqual({ none: 1, once: 1, more: 1, unexpected: 1 });
  });
});

describe('sendClosedLoop', () => {
  it('sends each number once, never more than `inFlight` at a time, and counts what was not 200', async () => {
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];
    const refused = await sendClosedLoop(20, 3, async (n) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, 1));
      inFlight--;
      sent.push(n);
      if (n === 5) throw new Error('refused');
      return n % 10 === 0 ? 503 : 200;
    });
    expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBe(3);
    expect([...refused]).toEqual(expect.arrayContaining([['503', 2], ['Error: refused', 1]]));
  });
});

describe('options and output', () => {
  it('reads --name value, and refuses what is not a positive number', () => {
    expect(numberOption(['--seconds', '5'], 'seconds', 60)).toBe(5);
    expect(numberOption([], 'seconds', 60)).toBe(60);
    expect(() => numberOption(['--seconds', 'x'], 'seconds', 60)).toThrow('--seconds');
    expect(numbersOption(['--rates', '100,500'], 'rates', [1])).toEqual([100, 500]);
    expect(() => numbersOption(['--rates', '100,-1'], 'rates', [1])).toThrow('--rates');
  });

  it('prints a markdown table', () => {
    expect(markdownTable(['a', 'b'], [[1, 'x']])).toBe('| a | b |\n| --- | --- |\n| 1 | x |');
  });

  it('parses INFO text', () => {
    expect(parseRedisInfo('# Memory\r\nused_memory:1024\r\nused_memory_human:1.00K\r\n')).toEqual({ used_memory: '1024', used_memory_human: '1.00K' });
  });
});
