import type { BotContext, BotLogger } from '../bot/handle-ticket-event.js';
import type { TicketStateStore } from '../bot/ticket-state.js';
import type { TicketJob } from '../queue/ticket-job.js';
import type { BudgetScope } from '../judges/llm/llm-budget.js';
import { offlineJudge, type Judge } from '../lint/judge/judge.js';
import { enrichFor, judgeFor, type ConfigFile } from './config-file.js';
import { teamOrProjectKeyOf, type PackDirectory } from './pack-directory.js';
import type { TrackerDirectory } from './tracker-directory.js';

export interface BotContextSources {
  readonly trackers: TrackerDirectory;
  readonly packs: PackDirectory;
  readonly dryRun: boolean;
  /** Epoch milliseconds; Date.now in the processes. */
  readonly clock: () => number;
  /** Per-ticket memory (src/state/redis-ticket-state-store.ts in the processes); left out, the bot reads the tracker every time. */
  readonly ticketState?: TicketStateStore;
  /** The config file, for its per-team and per-project `enrich`; left out, every ticket is enriched. */
  readonly config?: ConfigFile;
  /**
   * The language-model judge (src/judges/llm), built when LLM_* is set; the teams the config gives `judge: llm`
   * get it, bound to the event's workspace, whose budget of calls it counts.
   */
  readonly llmJudge?: { forWorkspace(scope: BudgetScope): Judge } | null;
}

/**
 * The worker's `contextFor`: the tracker of the event's workspace and the pack of its team or project,
 * with the logger the worker already bound to the delivery (as Probot builds one context per event).
 */
export function botContextFor(sources: BotContextSources): (job: TicketJob, log: BotLogger) => Promise<BotContext> {
  return async ({ event }, log) => {
    const tracker = await sources.trackers.trackerFor(event.provider, event.workspace);
    const key = teamOrProjectKeyOf(event.ticket?.team, event.ticketRef.key);
    const pack = sources.packs.packFor(event.provider, key);
    const enrich = sources.config ? enrichFor(sources.config, event.provider, key) : true;
    const judge = judgeOf(sources, event.provider, event.workspace, key);
    return { tracker, pack, log, clock: sources.clock, dryRun: sources.dryRun, enrich, judge, ...(sources.ticketState ? { state: sources.ticketState } : {}) };
  };
}

/** The judge the config gives the team or project; loadSettings makes sure LLM_* is complete when any team has `judge: llm`. */
function judgeOf(sources: BotContextSources, provider: 'linear' | 'jira', workspace: string, key: string | null): Judge {
  const chosen = sources.config ? judgeFor(sources.config, provider, key) : 'offline';
  return chosen === 'llm' && sources.llmJudge ? sources.llmJudge.forWorkspace({ provider, workspace }) : offlineJudge;
}
