import type { Queue } from 'bullmq';
import { intakeBacklog } from '../queue/intake-backlog.js';

/** Polls until every job in the queue has completed or failed for good; returns their states. */
export async function settledJobs(inspector: Queue, timeoutMs = 15_000): Promise<string[]> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 25))) {
    if (await intakeBacklog(inspector)) continue;
    // Counted in one step first: a listing reads one state after another, and can miss the review job an event job adds as it completes.
    const counts = await inspector.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
    if (counts.waiting || counts.active || counts.delayed || counts.prioritized) continue;
    const jobs = await inspector.getJobs(['completed', 'failed']);
    const states = await Promise.all(jobs.map((job) => job.getState()));
    if (states.length > 0) return states;
  }
  throw new Error(`the jobs did not settle within ${timeoutMs} ms`);
}
