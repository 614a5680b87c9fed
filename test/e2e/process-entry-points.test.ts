// The entry points as `npm start`, `npm run server` and `npm run worker` run them: spawned from dist/.
// `npm test` builds dist/ first; when dist/ is missing or older than the sources (jest run on its own),
// ensureBuilt builds it once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, freePort, ROOT, spawnNode, until, type SpawnedProcess } from '../faults/spawned-process.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
/** Every process here keeps its keys under this prefix (TICKETLINT_PREFIX), so none sees another test's queue. */
const PREFIX = `tl-test-entry-${process.pid}`;
/**
 * The shared local Redis keeps no append-only file, so the processes are told to start anyway
 * (ALLOW_VOLATILE_REDIS=1), as every test that spawns them on it is; test/config/redis-requirements.test.ts
 * checks the refusal.
 */
const BASE = { REDIS_URL, TICKETLINT_PREFIX: PREFIX, ALLOW_VOLATILE_REDIS: '1', LINEAR_API_KEY: 'k', LINEAR_WEBHOOK_SECRET: 's' };

beforeAll(() => ensureBuilt(), 120_000);
afterAll(() => deleteKeysUnderOn(REDIS_URL, PREFIX));

const answers = (port: number, path: string) => fetch(`http://127.0.0.1:${port}${path}`).then((r) => r.ok, () => false);
const healthy = (port: number) => until(`/healthz answers on port ${port}`, () => answers(port, '/healthz'), 10_000);

async function stopped(app: SpawnedProcess): Promise<number | null> {
  app.child.kill('SIGTERM');
  return app.exited;
}

describe.each([
  ['npm start', 'dist/src/main.js', 'ticketlint process', 'PORT'],
  ['npm run server', 'dist/src/server-main.js', 'webhook server', 'PORT'],
  ['npm run worker', 'dist/workers/main.js', 'ticket worker', 'METRICS_PORT'],
])('%s', (_command, script, name, portSetting) => {
  it(`serves /healthz and /readyz on ${portSetting}, then drains and exits 0 on SIGTERM`, async () => {
    const port = await freePort();
    const app = spawnNode([script], { ...BASE, [portSetting]: String(port) });
    try {
      await healthy(port);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect(await stopped(app)).toBe(0);
      expect(app.output()).toContain(`"msg":"The ${name} has stopped"`);
    } finally {
      app.child.kill('SIGKILL');
    }
  });
});

describe('a process started with bad settings', () => {
  it('prints every problem and exits 2 without serving anything', async () => {
    const app = spawnNode(['dist/src/main.js'], { PORT: 'eighty', LINEAR_WEBHOOK_SECRET: 's', REDIS_URL });
    expect(await app.exited).toBe(2);
    expect(app.output()).toMatch(/ticketlint cannot start: 2 settings are missing or invalid:\n {2}- PORT: .*\n {2}- LINEAR_API_KEY: /);
  });
});

describe('npm run server and npm run worker on one host', () => {
  it('both run at once: the server on PORT, the worker on METRICS_PORT, and the worker says nothing of webhook routes', async () => {
    const [port, metricsPort] = [await freePort(), await freePort()];
    const server = spawnNode(['dist/src/server-main.js'], { ...BASE, LINEAR_API_KEY: '', LINEAR_WEBHOOK_SECRET: '', PORT: String(port) });
    const worker = spawnNode(['dist/workers/main.js'], { ...BASE, LINEAR_API_KEY: '', LINEAR_WEBHOOK_SECRET: '', PORT: String(port), METRICS_PORT: String(metricsPort) });
    try {
      await Promise.all([healthy(port), healthy(metricsPort)]);
      expect(await answers(metricsPort, '/metrics')).toBe(true);
      expect(server.output()).toContain('every webhook route answers 404');
      expect(worker.output()).not.toContain('webhook route');
      expect(worker.output()).toContain('every job is set aside until credentials are');
      expect(await Promise.all([stopped(server), stopped(worker)])).toEqual([0, 0]);
    } finally {
      server.child.kill('SIGKILL');
      worker.child.kill('SIGKILL');
    }
  });

  it('a worker whose METRICS_PORT is taken stops with one line naming the setting, not a stack', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '0.0.0.0', resolve));
    const { port } = taken.address() as { port: number };
    try {
      const worker = spawnNode(['dist/workers/main.js'], { ...BASE, METRICS_PORT: String(port), LOG_LEVEL: 'silent' });
      expect(await worker.exited).toBe(2);
      expect(worker.output()).toBe(`ticketlint cannot start: port ${port} (METRICS_PORT) is already in use by another process; stop it or set METRICS_PORT to a free port\n`);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it('METRICS_PORT=0: a worker serves no HTTP at all', async () => {
    const worker = spawnNode(['dist/workers/main.js'], { ...BASE, METRICS_PORT: '0' });
    try {
      await until('the worker takes jobs', () => worker.output().includes('The ticket worker takes jobs'));
      expect(worker.output()).not.toMatch(/"port":9464|listen/i);
      expect(await stopped(worker)).toBe(0);
    } finally {
      worker.child.kill('SIGKILL');
    }
  });
});

describe('the .env file in the working directory', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ticketlint-envfile-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is read at start, says so, and never overrides a variable the environment already sets', async () => {
    const [port, portInFile] = [await freePort(), await freePort()];
    writeFileSync(join(dir, '.env'), [
      '# as README quick start writes it', `PORT=${portInFile}`, `REDIS_URL=${REDIS_URL}`, `TICKETLINT_PREFIX=${PREFIX}`,
      'LINEAR_WEBHOOK_SECRET=lin_wh_from_file', 'LINEAR_API_KEY=lin_api_from_file', '',
    ].join('\n'));
    const app = spawnNode([join(ROOT, 'dist/src/server-main.js')], { PORT: String(port), ALLOW_VOLATILE_REDIS: '1' }, dir);
    try {
      await healthy(port);
      expect(app.output()).toContain(`"msg":"Reads settings from ${join(dir, '.env')} (4 used; variables already set in the environment win)"`);
      expect(app.output()).toMatch(/"linear":true/);
      expect(app.output()).not.toContain('lin_api_from_file');
      expect(await answers(portInFile, '/healthz')).toBe(false);
      expect(await stopped(app)).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  });

  it('may be absent: the start says no file was read', async () => {
    const port = await freePort();
    const app = spawnNode([join(ROOT, 'dist/src/server-main.js')], { ...BASE, PORT: String(port) }, dir);
    try {
      await healthy(port);
      expect(app.output()).toContain(`"msg":"Reads no .env file (none in ${dir}); settings come from the environment only"`);
      expect(await stopped(app)).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  });
});
