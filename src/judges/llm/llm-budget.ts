import type { Redis } from 'ioredis';

/** A workspace's calls to the language model, as LLM_MAX_CALLS_PER_HOUR and LLM_MAX_CALLS_PER_DAY bound them (0: no bound). */
export interface BudgetLimits {
  readonly perHour: number;
  readonly perDay: number;
}

/** The tracker and workspace a budget is counted for (a Linear organisation, a Jira site). */
export interface BudgetScope {
  readonly provider: string;
  readonly workspace: string;
}

/** Null: the call may go. Else the window whose budget is spent, and whether this is its first refusal (the one to log). */
export type BudgetRefusal = { readonly window: 'hour' | 'day'; readonly first: boolean } | null;

const WINDOWS = [{ name: 'hour', ms: 3_600_000 }, { name: 'day', ms: 86_400_000 }] as const;

/**
 * Checks both windows, then counts the call in both, atomically (two workers taking the last call of the
 * hour at once would otherwise both send). A spent window counts refusals instead, so the first one is known.
 * KEYS: hour count, day count, hour refusals, day refusals. ARGV: hour limit, day limit, hour TTL, day TTL (s).
 */
const TAKE = `
for i = 1, 2 do
  local limit = tonumber(ARGV[i])
  if limit > 0 and tonumber(redis.call('GET', KEYS[i]) or '0') >= limit then
    local refused = redis.call('INCR', KEYS[i + 2])
    if refused == 1 then redis.call('EXPIRE', KEYS[i + 2], ARGV[i + 2]) end
    return {i, refused}
  end
end
for i = 1, 2 do
  if tonumber(ARGV[i]) > 0 and redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[i + 2]) end
end
return {0, 0}
`;

/**
 * Calls to the language model per workspace, in fixed windows (the clock's hour and UTC day), counted in
 * Redis under the deployment's prefix so every worker shares one count. Past a bound the offline judge answers
 * until the window turns. Keys expire a minute after their window ends.
 */
export class LlmBudget {
  constructor(private readonly options: { readonly redis: Redis; readonly prefix: string; readonly limits: BudgetLimits; readonly clock?: () => number }) {}

  get unbounded(): boolean {
    return this.options.limits.perHour === 0 && this.options.limits.perDay === 0;
  }

  /** Takes one call from the scope's budget, or says which window is spent. */
  async take(scope: BudgetScope): Promise<BudgetRefusal> {
    if (this.unbounded) return null;
    const { redis, prefix, limits } = this.options;
    const now = (this.options.clock ?? Date.now)();
    const counts = WINDOWS.map((w) => `${prefix}:llm-budget:${scope.provider}:${scope.workspace}:${w.name}:${Math.floor(now / w.ms)}`);
    const ttls = WINDOWS.map((w) => Math.ceil((w.ms - (now % w.ms)) / 1000) + 60);
    const [spent, refused] = (await redis.eval(TAKE, 4, ...counts, ...counts.map((k) => `${k}:refused`), limits.perHour, limits.perDay, ...ttls)) as [number, number];
    return spent === 0 ? null : { window: WINDOWS[spent - 1]!.name, first: refused === 1 };
  }
}
