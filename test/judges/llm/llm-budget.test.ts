import { Redis } from 'ioredis';
import { Registry } from 'prom-client';
import type { LlmSettings } from '../../../src/config/llm-settings.js';
import { makeTicket, type Ticket } from '../../../src/domain/ticket.js';
import { LlmBudget, type BudgetLimits } from '../../../src/judges/llm/llm-budget.js';
import { LlmJudge } from '../../../src/judges/llm/llm-judge.js';
import { analyseTicket } from '../../../src/lint/analysis.js';
import { judgeRequest } from '../../../src/lint/judge/judge-request.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { createTicketlintMetrics } from '../../../src/server/ticketlint-metrics.js';
import { deleteKeysUnder } from '../../redis-prefix.js';
import { uniquePrefix } from '../../server/server-harness.js';
import { csvExportVerdict, startLlmStub, type LlmStub } from '../../stubs/llm-stub.js';

const pack = loadPack('product-sense');
const feature = (n: number): Ticket => makeTicket({ id: `T-${n}`, title: `Add CSV export ${n}`, description: 'Finance admins retype every invoice by hand.' });
const read = (judge: { read: LlmJudge['read'] }, ticket: Ticket) => judge.read(judgeRequest(ticket, pack));

describe('the language-model judge\'s budget and screen', () => {
  const prefix = uniquePrefix('llm-budget');
  const redis = new Redis('redis://127.0.0.1:6379');
  let stub: LlmStub;
  let registry: Registry;
  let warnings: { fields: object; message: string | undefined }[];
  let now: number;
  /** The key prefix of the judge made last, so a test reads its own budget keys. */
  let run: string;

  function judge(limits: BudgetLimits = { perHour: 0, perDay: 0 }): LlmJudge {
    registry = new Registry();
    run = `${prefix}:${Math.random().toString(36).slice(2)}`;
    const settings: LlmSettings = { provider: 'openai', baseUrl: stub.url, apiKey: 'sk-test-key', model: 'stub-mini', timeoutMs: 2000, redact: true, maxCallsPerHour: limits.perHour, maxCallsPerDay: limits.perDay };
    return new LlmJudge({
      settings, redis, prefix: run, metrics: createTicketlintMetrics(registry).llm,
      budget: new LlmBudget({ redis, prefix: run, limits, clock: () => now }),
      log: { debug: () => undefined, warn: (fields, message) => { warnings.push({ fields, message }); } },
    });
  }
  const metric = async (name: string) => (await registry.metrics()).split('\n').filter((line) => line.startsWith(name)).join('\n');

  beforeAll(async () => { stub = await startLlmStub(csvExportVerdict()); });
  beforeEach(() => { stub.calls.length = 0; warnings = []; now = Date.UTC(2026, 0, 5, 10, 15); });
  afterAll(async () => {
    await stub.close();
    await deleteKeysUnder(redis, prefix);
    await redis.quit();
  });

  describe('per workspace', () => {
    it('answers the call past the hour\'s budget offline without a request, counts it, and says so once a window', async () => {
      const llm = judge({ perHour: 2, perDay: 0 }).forWorkspace({ provider: 'linear', workspace: 'acme' });
      expect((await read(llm, feature(1))).judge).toBe('llm');
      expect((await read(llm, feature(2))).judge).toBe('llm');
      expect(await read(llm, feature(3))).toMatchObject({ judge: 'offline', fallback: 'llm: budget' });
      expect(await read(llm, feature(4))).toMatchObject({ judge: 'offline', fallback: 'llm: budget' });
      expect(stub.completions()).toHaveLength(2);
      expect(await metric('ticketlint_llm_fallbacks_total')).toMatch(/reason="budget"\} 2$/);
      expect(warnings).toEqual([{ fields: { provider: 'linear', workspace: 'acme', window: 'hour' }, message: expect.stringMatching(/calls to the language model for this hour are spent/) }]);
      // Fixed windows under the deployment's prefix, gone a minute after the hour (10:15 now: 45 minutes left).
      const hour = `${run}:llm-budget:linear:acme:hour:${Math.floor(now / 3_600_000)}`;
      expect(await redis.get(hour)).toBe('2');
      expect(await redis.ttl(hour)).toBeGreaterThan(45 * 60);
      expect(await redis.ttl(hour)).toBeLessThanOrEqual(46 * 60);
    });

    it('still answers from the cache past the budget, for free', async () => {
      const llm = judge({ perHour: 1, perDay: 0 }).forWorkspace({ provider: 'linear', workspace: 'acme' });
      await read(llm, feature(1));
      expect((await read(llm, feature(2))).fallback).toBe('llm: budget');
      expect(await read(llm, { ...feature(1), labels: ['Feature'] })).toMatchObject({ judge: 'llm', fallback: null });
      expect(stub.completions()).toHaveLength(1);
      expect(await metric('ticketlint_llm_cache_hits_total')).toMatch(/ 1$/);
    });

    it('counts each workspace apart, bounds the day as well as the hour, and sends again once the window turns', async () => {
      const llm = judge({ perHour: 1, perDay: 2 });
      const acme = llm.forWorkspace({ provider: 'linear', workspace: 'acme' });
      await read(acme, feature(1));
      expect((await read(acme, feature(2))).fallback).toBe('llm: budget');
      expect((await read(llm.forWorkspace({ provider: 'jira', workspace: 'acme' }), feature(3))).judge).toBe('llm');
      now += 3_600_000;
      expect((await read(acme, feature(4))).judge).toBe('llm');
      now += 3_600_000;
      expect((await read(acme, feature(5))).fallback).toBe('llm: budget');
      expect(stub.completions()).toHaveLength(3);
      expect(warnings.map((w) => w.fields)).toEqual([
        { provider: 'linear', workspace: 'acme', window: 'hour' },
        { provider: 'linear', workspace: 'acme', window: 'day' },
      ]);
    });

    it('keeps no count when both bounds are 0', async () => {
      const llm = judge().forWorkspace({ provider: 'linear', workspace: 'acme' });
      for (const n of [1, 2, 3]) expect((await read(llm, feature(n))).judge).toBe('llm');
      expect(await redis.keys(`${run}:llm-budget:*`)).toEqual([]);
    });
  });

  describe('the screen', () => {
    it('never sends a bug report with a Java stack trace', async () => {
      const bug = makeTicket({
        id: 'B-1', title: 'Checkout crashes on an empty cart',
        description: 'Exception in thread "main" java.lang.NullPointerException\n    at com.acme.Checkout.total(Checkout.java:42)\n    at com.acme.Main.main(Main.java:7)',
      });
      expect(await read(judge(), bug)).toMatchObject({ judge: 'offline', fallback: 'llm: screened (stack_trace)', kind: 'bug' });
      expect(stub.completions()).toHaveLength(0);
      expect(await metric('ticketlint_llm_screened_total')).toMatch(/reason="stack_trace"\} 1$/);
    });

    it('never sends a chore the offline judge is sure is a task', async () => {
      const chore = makeTicket({ id: 'C-1', title: 'Upgrade Node to 20 in CI' });
      const offline = analyseTicket(chore, pack.vocabulary, pack.judgement);
      expect(offline.kind).toBe('task');
      expect(offline.judgement.probabilities!.kind.task).toBeGreaterThanOrEqual(0.9);
      expect(await judge().read(judgeRequest(chore, pack, offline))).toMatchObject({ judge: 'offline', fallback: 'llm: screened (sure_kind)', kind: 'task' });
      expect(stub.completions()).toHaveLength(0);
      expect(await metric('ticketlint_llm_screened_total')).toMatch(/reason="sure_kind"\} 1$/);
    });

    it('sends a feature, and a task the offline judge is less sure of', async () => {
      expect((await read(judge(), makeTicket({ id: 'F-1', title: 'Let finance admins export invoices as CSV' }))).judge).toBe('llm');
      const unsure = makeTicket({ id: 'C-2', title: 'Bump lodash to 4.17.21' });
      expect(analyseTicket(unsure, pack.vocabulary, pack.judgement).judgement.probabilities!.kind.task).toBeLessThan(0.9);
      await read(judge(), unsure);
      expect(stub.completions()).toHaveLength(2);
    });
  });
});
