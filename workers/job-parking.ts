import { DelayedError, type Job } from 'bullmq';
import type { BotLogger } from '../src/bot/handle-ticket-event.js';
import type { MissingCredentialsError } from '../src/bot/tracker.js';
import { PARKED_JOB_DELAY_MS, parkJob } from '../src/queue/parked-job.js';

/** The most often one workspace's parked jobs are logged: a queue of them makes one line a minute, not one per job. */
export const PARKING_LOG_INTERVAL_MS = 60_000;

/**
 * Sets aside the jobs of workspaces this worker has no credentials for (another deployment's jobs on a
 * shared Redis, a provider switched off), and says so once a minute per workspace, without a stack:
 * they are neither lost nor retried in a storm, and `ticketlint jobs retry` brings them back.
 */
export class JobParking {
  private readonly lastLine = new Map<string, { at: number; since: number }>();

  constructor(
    private readonly log: BotLogger,
    private readonly counted: ((provider: string, reason: string) => void) | undefined,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Parks the active job and returns the DelayedError the processor must throw to leave it parked. */
  async park(job: Job, token: string, error: MissingCredentialsError): Promise<DelayedError> {
    const now = this.clock();
    await parkJob(job, token, error.message, now);
    this.counted?.(error.provider, 'no_credentials');
    const key = `${error.provider} ${error.workspace}`;
    const last = this.lastLine.get(key);
    if (!last || now - last.at >= PARKING_LOG_INTERVAL_MS) {
      this.log.warn({
        provider: error.provider, workspace: error.workspace, parkedSinceLastLine: (last?.since ?? 0) + 1, retryInMinutes: PARKED_JOB_DELAY_MS / 60_000,
      }, `Sets jobs aside: ${error.message}`);
      this.lastLine.set(key, { at: now, since: 0 });
    } else {
      last.since += 1;
    }
    return new DelayedError(`job ${job.id} is set aside: ${error.message}`);
  }
}
