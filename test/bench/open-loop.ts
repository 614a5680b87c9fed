// The open-loop runs the end-to-end and language-model benchmarks share: new tickets sent at a steady
// rate whatever the answers to earlier ones, each timed from its webhook to its comment at the Linear stub.
import type { Delivery } from '../server/signed-delivery.js';
import { deliveryPoster, issueIdFor, issueIdPrefix, sendsDue, sleep, spreadOf, until, type StubProcess } from './bench-stack.js';

/** The delivery of ticket `n` of run `run`. */
export type DeliveryOf = (run: number, n: number) => Delivery;

export interface OpenLoopOptions {
  /** The webhook route, `${server.url}/webhooks/linear`. */
  readonly url: string;
  readonly stub: StubProcess;
  readonly run: number;
  readonly rate: number;
  readonly deliveryOf: DeliveryOf;
}

/**
 * Tickets `from`..`from + count - 1` sent at `rate` per second and waited for until each has its
 * comment: the processes' JIT, connections and pools warm, as in a service that has been up a while.
 */
export async function warmUp(options: OpenLoopOptions & { readonly from: number; readonly count: number }): Promise<void> {
  const { url, stub, run, from, count, rate, deliveryOf } = options;
  const commented = new Set<string>();
  const ours = new Set(Array.from({ length: count }, (_, k) => issueIdFor(run, from + k)));
  const unsubscribe = stub.onWrite((write) => { if (ours.has(write.issueId)) commented.add(write.issueId); });
  const poster = deliveryPoster(url);
  const start = Date.now();
  const answers: Promise<unknown>[] = [];
  for (let sent = 0; sent < count; await sleep(1)) {
    for (const due = sendsDue(Date.now() - start, rate, count); sent < due; sent++) answers.push(poster.post(deliveryOf(run, from + sent)).catch(() => 0));
  }
  await Promise.all(answers);
  await until('every warm-up ticket has its comment', () => commented.size >= count, 10 * 60_000);
  unsubscribe();
  poster.close();
}

/** What an open-loop run saw: latency from each webhook sent to its first comment at the stub, and what went wrong. */
export interface OpenLoopResult {
  readonly ids: readonly string[];
  /** Per ticket: when it was sent (ms after the start) and how long until its comment was created. */
  readonly latencies: readonly { readonly offsetMs: number; readonly ms: number }[];
  readonly created: ReadonlyMap<string, number>;
  readonly updates: number;
  /** Answers other than 200, by status or error code; '0' when none. */
  readonly notOk: string;
  readonly sentPerSecond: number;
  readonly senderLagMs: number;
  /** From the last send to the last comment. */
  readonly drainSeconds: number;
}

/**
 * Tickets 0..total - 1 sent at `rate` per second, open loop (each on its schedule, whatever the answers to
 * earlier ones), then waited for (up to 15 minutes) until each has its comment, and 500 ms more, so a
 * second comment on any ticket would show up.
 */
export async function runOpenLoop(options: OpenLoopOptions & { readonly total: number }): Promise<OpenLoopResult> {
  const { url, stub, run, total, rate, deliveryOf } = options;
  const sentAt = new Map<string, number>();
  const sendOffset = new Map<string, number>();
  const latencies: { offsetMs: number; ms: number }[] = [];
  const created = new Map<string, number>();
  let updates = 0;
  const ours = issueIdPrefix(run);
  const unsubscribe = stub.onWrite((write) => {
    if (!write.issueId.startsWith(ours)) return;
    if (write.op === 'updateComment') { updates++; return; }
    created.set(write.issueId, (created.get(write.issueId) ?? 0) + 1);
    const at = sentAt.get(write.issueId);
    if (at !== undefined && created.get(write.issueId) === 1) latencies.push({ offsetMs: sendOffset.get(write.issueId) ?? 0, ms: write.at - at });
  });
  const poster = deliveryPoster(url);
  const notOk = new Map<string, number>();
  const refuse = (why: string): void => { notOk.set(why, (notOk.get(why) ?? 0) + 1); };
  let senderLagMs = 0;
  const answers: Promise<void>[] = [];
  const start = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = sendsDue(Date.now() - start, rate, total);
    for (; sent < due; sent++) {
      const delivery = deliveryOf(run, sent);
      senderLagMs = Math.max(senderLagMs, Date.now() - (start + (sent * 1000) / rate));
      sentAt.set(issueIdFor(run, sent), Date.now());
      sendOffset.set(issueIdFor(run, sent), Date.now() - start);
      answers.push(poster.post(delivery).then((status) => { if (status !== 200) refuse(String(status)); }, (error: { code?: string }) => { refuse(error.code ?? String(error)); }));
    }
    await sleep(1);
  }
  const lastSent = Date.now();
  const sentPerSecond = total / ((lastSent - start) / 1000);
  await Promise.all(answers);
  const ids = [...sentAt.keys()];
  // A rate above what the workers sustain leaves a backlog: wait for it, so every ticket is counted.
  await until('every ticket has its comment', () => created.size >= ids.length && ids.every((id) => created.has(id)), 15 * 60_000).catch(() => undefined);
  const drainSeconds = (Date.now() - lastSent) / 1000;
  await sleep(500);
  unsubscribe();
  poster.close();
  return { ids, latencies, created, updates, notOk: [...notOk].map(([why, n]) => `${n} × ${why}`).join(', ') || '0', sentPerSecond, senderLagMs, drainSeconds };
}

/** p99 of the latencies of the tickets sent in each `windowMs` slice of the run. */
export function p99ByWindow(latencies: readonly { offsetMs: number; ms: number }[], windowMs: number): number[] {
  const windows: number[][] = [];
  for (const l of latencies) (windows[Math.floor(l.offsetMs / windowMs)] ??= []).push(l.ms);
  return [...windows].map((w) => spreadOf(w ?? []).p99);
}
