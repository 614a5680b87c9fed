// The entry points as `npm start`, `npm run server` and `npm run worker` run them: spawned from dist/.
// `npm test` builds dist/ first; when dist/ is missing or older than the sources (jest run on its own),
// this file builds it once.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const ROOT = process.cwd();
/**
 * Redis database 14, so spawned workers never see another queue on the shared local Redis. That Redis
 * keeps no append-only file, so the processes are told to start anyway (ALLOW_VOLATILE_REDIS=1), as
 * every test that spawns them on it is; test/config/redis-requirements.test.ts checks the refusal.
 */
const REDIS_URL = 'redis://127.0.0.1:6379/14';

function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs));
}

beforeAll(() => {
  const built = join(ROOT, 'dist/src/main.js');
  const newest = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'workers')));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(built)) throw new Error(`the build did not produce dist/: ${build.stdout}${build.stderr}`);
}, 120_000);

afterAll(async () => {
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys('bull:ticketlint-events:*');
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Spawned { child: ChildProcess; output: () => string; exited: Promise<number | null> }

function start(script: string, env: Record<string, string>): Spawned {
  const child = spawn(process.execPath, [join(ROOT, script)], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function untilHealthy(port: number, timeoutMs = 10_000): Promise<void> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((r) => setTimeout(r, 50))) {
    const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.ok, () => false);
    if (ok) return;
  }
  throw new Error(`nothing answered /healthz on port ${port}`);
}

describe.each([
  ['npm start', 'dist/src/main.js', 'ticketlint process'],
  ['npm run server', 'dist/src/server-main.js', 'webhook server'],
  ['npm run worker', 'dist/workers/main.js', 'ticket worker'],
])('%s', (_command, script, name) => {
  it('serves /healthz and /readyz, then drains and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const process_ = start(script, { PORT: String(port), REDIS_URL, ALLOW_VOLATILE_REDIS: '1', LINEAR_API_KEY: 'k', LINEAR_WEBHOOK_SECRET: 's' });
    try {
      await untilHealthy(port);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      process_.child.kill('SIGTERM');
      expect(await process_.exited).toBe(0);
      expect(process_.output()).toContain(`"msg":"The ${name} has stopped"`);
    } finally {
      process_.child.kill('SIGKILL');
    }
  });
});

describe('a process started with bad settings', () => {
  it('prints every problem and exits 2 without serving anything', async () => {
    const process_ = start('dist/src/main.js', { PORT: 'eighty', LINEAR_WEBHOOK_SECRET: 's', REDIS_URL });
    expect(await process_.exited).toBe(2);
    expect(process_.output()).toMatch(/ticketlint cannot start: 2 settings are missing or invalid:\n {2}- PORT: .*\n {2}- LINEAR_API_KEY: /);
  });
});
