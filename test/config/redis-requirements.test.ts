// What the processes require of Redis so that an accepted webhook is never lost: an append-only file and
// maxmemory-policy noeviction. Each case runs a redis-server of its own on a free port (the shared one is
// never reconfigured), and the entry points as `npm start`, `npm run server`, `npm run worker` run them.
import { startPrivateRedis, benchDir, removeDir, type PrivateRedis } from '../bench/bench-stack.js';
import { ensureBuilt, freePort, spawnNode, until, type SpawnedProcess } from '../faults/spawned-process.js';
import { inspectRedisDurability } from '../../src/queue/redis-durability.js';

const DURABLE = ['--appendonly', 'yes', '--maxmemory-policy', 'noeviction'];
const CONFIG_DISABLED = ['--rename-command', 'CONFIG', ''];

describe('what the processes require of Redis', () => {
  const dir = benchDir('redis-requirements');
  const running: PrivateRedis[] = [];
  const spawned: SpawnedProcess[] = [];

  beforeAll(() => ensureBuilt(), 120_000);
  afterEach(async () => {
    for (const child of spawned.splice(0)) child.child.kill('SIGKILL');
    await Promise.all(running.splice(0).map((redis) => redis.stop()));
  });
  afterAll(() => removeDir(dir));

  async function redisWith(flags: string[], port?: number): Promise<PrivateRedis> {
    const redis = await startPrivateRedis(dir, `redis-${running.length}-${Date.now()}`, { flags: ['--appendfilename', `aof-${Date.now()}-${running.length}`, ...flags], ...(port ? { port } : {}) });
    running.push(redis);
    return redis;
  }

  function start(script: string, redisUrl: string, env: Record<string, string> = {}): SpawnedProcess {
    const child = spawnNode([script], { REDIS_URL: redisUrl, LINEAR_API_KEY: 'k', LINEAR_WEBHOOK_SECRET: 's', ...env });
    spawned.push(child);
    return child;
  }

  describe('inspectRedisDurability', () => {
    it('finds nothing wrong with an append-only file and noeviction', async () => {
      const redis = await redisWith(DURABLE);
      expect(await inspectRedisDurability(redis.client())).toEqual({ problems: [], unchecked: [] });
    });

    it('names the missing append-only file and an evicting policy, with the flags that fix them', async () => {
      const redis = await redisWith(['--maxmemory-policy', 'allkeys-lru']);
      const { problems, unchecked } = await inspectRedisDurability(redis.client());
      expect(unchecked).toEqual([]);
      expect(problems).toEqual([
        expect.stringMatching(/without an append-only file \(appendonly no\).*--appendonly yes/),
        expect.stringMatching(/maxmemory-policy allkeys-lru.*--maxmemory-policy noeviction/),
      ]);
    });

    it('leaves the append-only file unchecked where CONFIG is disabled, and still reads the eviction policy from INFO', async () => {
      const redis = await redisWith(['--maxmemory-policy', 'volatile-lru', ...CONFIG_DISABLED]);
      const { problems, unchecked } = await inspectRedisDurability(redis.client());
      expect(unchecked).toEqual([expect.stringMatching(/append-only file could not be checked \(CONFIG GET is refused/)]);
      expect(problems).toEqual([expect.stringMatching(/maxmemory-policy volatile-lru/)]);
    });
  });

  describe.each([
    ['npm start', 'dist/src/main.js'],
    ['npm run server', 'dist/src/server-main.js'],
    ['npm run worker', 'dist/workers/main.js'],
  ])('%s', (_command, script) => {
    it('refuses to start on a Redis without an append-only file: exit code 2 and a message saying what to do', async () => {
      const redis = await redisWith([]);
      const child = start(script, redis.url, { PORT: String(await freePort()) });
      expect(await child.exited).toBe(2);
      expect(child.output()).toMatch(/^ticketlint cannot start: Redis would lose webhooks it has accepted:\n {2}- Redis runs without an append-only file .*--appendonly yes --appendfsync everysec\n.*ALLOW_VOLATILE_REDIS=1/m);
    });
  });

  it('refuses a Redis that evicts keys when full, even with an append-only file', async () => {
    const redis = await redisWith(['--appendonly', 'yes', '--maxmemory-policy', 'allkeys-lru']);
    const child = start('dist/src/server-main.js', redis.url, { PORT: String(await freePort()) });
    expect(await child.exited).toBe(2);
    expect(child.output()).toMatch(/maxmemory-policy allkeys-lru.*BullMQ requires noeviction/);
    expect(child.output()).not.toMatch(/append-only file/);
  });

  it('starts on a volatile Redis with ALLOW_VOLATILE_REDIS=1, warns, and says so on /metrics', async () => {
    const redis = await redisWith([]);
    const port = await freePort();
    const child = start('dist/workers/main.js', redis.url, { PORT: String(port), METRICS_PORT: String(port), ALLOW_VOLATILE_REDIS: '1' });
    await until('the worker answers /readyz', () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false));
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/^ticketlint_redis_volatile 1$/m);
    expect(child.output()).toMatch(/"level":40.*append-only file.*"msg":"ALLOW_VOLATILE_REDIS=1: runs on a Redis that loses accepted webhooks/);
  });

  it('starts on a Redis that persists and never evicts, without a warning, and /metrics says 0', async () => {
    const redis = await redisWith(DURABLE);
    const port = await freePort();
    const child = start('dist/src/server-main.js', redis.url, { PORT: String(port) });
    await until('the server answers /readyz', () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false));
    expect(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text()).toMatch(/^ticketlint_redis_volatile 0$/m);
    expect(child.output()).not.toMatch(/"level":40/);
  });

  it('starts where CONFIG is disabled, warning that it could not check the append-only file', async () => {
    const redis = await redisWith(['--maxmemory-policy', 'noeviction', ...CONFIG_DISABLED]);
    const port = await freePort();
    const child = start('dist/src/server-main.js', redis.url, { PORT: String(port) });
    await until('the server answers /readyz', () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false));
    expect(child.output()).toMatch(/"level":40.*append-only file could not be checked.*"msg":"Redis cannot be checked fully/);
  });

  it('starts while Redis is down, and stops with exit code 2 once Redis answers without an append-only file', async () => {
    const redisPort = await freePort();
    const port = await freePort();
    const child = start('dist/src/main.js', `redis://127.0.0.1:${redisPort}`, { PORT: String(port) });
    await until('the process answers /healthz', () => fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false));
    expect(child.output()).toContain('whether it keeps accepted webhooks is checked once it does');

    await redisWith([], redisPort);
    expect(await child.exited).toBe(2);
    expect(child.output()).toMatch(/ticketlint cannot start: Redis would lose webhooks it has accepted/);
  }, 30_000);
});
