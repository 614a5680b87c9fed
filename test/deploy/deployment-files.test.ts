import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_METRICS_PORT, SETTING_NAMES } from '../../src/config/environment.js';
import { SHUTDOWN_DEADLINE_MS } from '../../src/config/process-lifecycle.js';
import { loadSettings } from '../../src/config/settings.js';
import { freePort, spawnNode, until } from '../faults/spawned-process.js';
import { deleteKeysUnderOn } from '../redis-prefix.js';
import { copyInto, packagesImportedBy, parseDockerfile } from './dockerfile.js';

/** No Docker engine runs in CI: these tests read the deployment files and check what they promise. */
const read = (path: string): string => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');

interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string[];
  container_name?: string;
  env_file?: unknown;
  environment?: Record<string, string>;
  ports?: unknown[];
  expose?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  stop_grace_period?: string;
  deploy?: { resources?: { limits?: { memory?: string } } };
}
interface Compose { services: Record<string, ComposeService>; volumes?: Record<string, unknown> }

/** `NAME=value` lines of an env file, with the comment lines just above each. */
function envFile(text: string): { name: string; value: string; comment: string }[] {
  const entries: { name: string; value: string; comment: string }[] = [];
  let comment: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) comment.push(line);
    else if (/^[A-Z_]+=/.test(line)) {
      const [name, ...value] = line.split('=');
      entries.push({ name: name!, value: value.join('='), comment: comment.join('\n') });
      comment = [];
    } else comment = [];
  }
  return entries;
}

/** Seconds in a compose duration such as `30s` or `1m30s`. */
function seconds(duration: string | undefined): number {
  const match = /^(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration ?? '');
  return match ? Number(match[1] ?? 0) * 60 + Number(match[2] ?? 0) : 0;
}

/** Megabytes in a compose or Redis size such as `512m`, `1g` or `768mb`; 0 when there is none. */
function megabytes(size: string | undefined): number {
  const match = /^(\d+)(m|mb|g|gb)$/i.exec(size ?? '');
  return match ? Number(match[1]) * (match[2]!.toLowerCase().startsWith('g') ? 1024 : 1) : 0;
}

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as Compose;
  const { redis, server, worker } = compose.services;

  it('runs redis, the webhook server and the worker', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['redis', 'server', 'worker']);
  });

  it('keeps Redis data in an append-only file on a named volume', () => {
    expect(redis!.command?.join(' ')).toMatch(/--appendonly yes/);
    const volume = redis!.volumes?.find((v) => v.endsWith(':/data'))?.split(':')[0];
    expect(volume).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(volume);
  });

  it('limits every service\'s memory, and keeps Redis\'s maxmemory below its limit', () => {
    for (const service of [redis!, server!, worker!]) expect(megabytes(service.deploy?.resources?.limits?.memory)).toBeGreaterThan(0);
    const command = redis!.command?.join(' ') ?? '';
    expect(command).toMatch(/--maxmemory-policy noeviction/);
    const maxmemory = megabytes(/--maxmemory (\S+)/.exec(command)?.[1]);
    expect(maxmemory).toBeGreaterThan(0);
    expect(maxmemory).toBeLessThan(megabytes(redis!.deploy?.resources?.limits?.memory));
  });

  it('runs the built server and worker entry points the npm scripts run', () => {
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(`node ${server!.command?.slice(1).join(' ')}`).toBe(scripts.server);
    expect(`node ${worker!.command?.slice(1).join(' ')}`).toBe(scripts.worker);
  });

  it('gives server and worker their settings from .env and Redis from the compose network', () => {
    for (const service of [server!, worker!]) {
      expect([service.env_file].flat()).toContain('.env');
      expect(service.environment?.REDIS_URL).toBe('redis://redis:6379');
      expect(service.depends_on?.redis).toEqual({ condition: 'service_healthy' });
    }
  });

  it('lets the worker scale: no container name and no published port', () => {
    expect(worker!.container_name).toBeUndefined();
    expect(worker!.ports).toBeUndefined();
    expect(server!.container_name).toBeUndefined();
    expect(server!.ports).toEqual(['3000:3000']);
  });

  it('gives every service a healthcheck: the server on /healthz at PORT, the worker on /readyz (fails without Redis) at its METRICS_PORT', () => {
    expect(redis!.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(server!.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${server!.environment?.PORT}/healthz`);
    const metricsPort = worker!.environment?.METRICS_PORT;
    expect(metricsPort).toBe(String(DEFAULT_METRICS_PORT));
    expect(worker!.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${metricsPort}/readyz`);
  });

  it("lets Prometheus reach the worker's METRICS_PORT inside the compose network, without publishing it", () => {
    expect(worker!.expose).toEqual([worker!.environment?.METRICS_PORT]);
    expect(worker!.environment?.PORT).toBeUndefined();
  });

  it('waits longer on stop than the drain deadline, so a SIGTERM drain is never cut short by SIGKILL', () => {
    for (const service of [server!, worker!]) expect(seconds(service.stop_grace_period) * 1000).toBeGreaterThan(SHUTDOWN_DEADLINE_MS);
  });
});

describe('.env.example', () => {
  const entries = envFile(read('.env.example'));

  it('documents every setting ticketlint reads, and nothing else', () => {
    expect(entries.map((e) => e.name).sort()).toEqual([...SETTING_NAMES].sort());
    for (const entry of entries) expect(entry.comment).not.toBe('');
  });

  it('is accepted by loadSettings as it ships (both providers off)', () => {
    const env = Object.fromEntries(entries.map((e) => [e.name, e.value]));
    expect(loadSettings(env)).toMatchObject({ port: 3000, linear: null, jira: null });
  });

  it('is accepted by loadSettings once the Linear and Jira credentials are filled in', () => {
    const env = {
      ...Object.fromEntries(entries.map((e) => [e.name, e.value])),
      LINEAR_WEBHOOK_SECRET: 'lin_wh_x', LINEAR_API_KEY: 'lin_api_x',
      JIRA_WEBHOOK_SECRET: 'j', JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 't',
    };
    const settings = loadSettings(env);
    expect([settings.linear?.auth, settings.jira?.auth]).toEqual([{ apiKey: 'lin_api_x' }, { basic: { email: 'bot@acme.test', apiToken: 't' } }]);
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const stages = dockerfile.split(/^FROM /m).slice(1);

  it('builds in one stage and runs from another, on a current Node LTS', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^node:(22|24)[-.\w]*/);
    expect(stages[0]).toMatch(/npm ci/);
    expect(stages[0]).toMatch(/npm prune --omit=dev/);
    expect(stages.at(-1)).toMatch(/COPY --from=build \/app\/node_modules/);
  });

  it('runs as the unprivileged node user', () => {
    expect(stages.at(-1)).toMatch(/^USER node$/m);
  });

  it('keeps .env out of the build context', () => {
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['.env', 'node_modules', 'dist']));
  });
});

/** Every .js file under `dir`. */
function scripts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => join(e.parentPath, e.name));
}

describe('the image, built by hand from exactly the files the Dockerfile copies', () => {
  const ROOT = process.cwd();
  const stages = parseDockerfile(read('Dockerfile'));
  const [build, runtime] = [stages[0]!, stages.at(-1)!];
  const work = mkdtempSync(join(tmpdir(), 'ticketlint-image-'));
  const dirs = { build: join(work, 'build'), runtime: join(work, 'runtime') };
  const prefix = `tl-test-image-${process.pid}`;
  let buildOutput = '';

  beforeAll(() => {
    mkdirSync(dirs.build);
    copyInto(build, dirs.build, { context: ROOT, stages: {} }, []);
    for (const command of build.runs.flat()) {
      // No registry here: the dependencies `npm ci` would install are this checkout's own (one lockfile).
      if (command.startsWith('npm ci')) symlinkSync(join(ROOT, 'node_modules'), join(dirs.build, 'node_modules'), 'dir');
      // Pruning would empty the shared node_modules; what it keeps is checked below (dependencies only).
      else if (command.startsWith('npm prune')) continue;
      else {
        const run = spawnSync('sh', ['-c', command], { cwd: dirs.build, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
        buildOutput += `$ ${command}\n${run.stdout}${run.stderr}`;
        if (run.status !== 0) return;
      }
    }
    mkdirSync(dirs.runtime);
    copyInto(runtime, dirs.runtime, { context: ROOT, stages: { [build.name!]: dirs.build } }, stages);
  }, 300_000);

  afterAll(async () => {
    rmSync(work, { recursive: true, force: true });
    await deleteKeysUnderOn('redis://127.0.0.1:6379', prefix);
  });

  it("compiles with the build stage's own RUN commands, from the copied files alone", () => {
    expect(buildOutput).not.toMatch(/error TS\d+/);
    expect(readdirSync(join(dirs.runtime, 'dist')).sort()).toEqual(['src', 'workers']);
  });

  it('copies into the runtime stage every script that CMD and docker-compose.yml start', () => {
    const compose = parse(read('docker-compose.yml')) as Compose;
    const started = [runtime.cmd!, compose.services.server!.command!, compose.services.worker!.command!].map((command) => command[1]!);
    for (const script of started) expect(readdirSync(join(dirs.runtime, script, '..'))).toContain(script.split('/').at(-1));
  });

  it('needs at run time only the packages `npm prune --omit=dev` keeps', () => {
    const { dependencies } = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const imported = new Set(scripts(join(dirs.runtime, 'dist')).flatMap((file) => packagesImportedBy(readFileSync(file, 'utf8'))));
    expect([...imported].filter((name) => !(name in dependencies))).toEqual([]);
  });

  it("starts with the image's CMD, loads the bundled packs, answers /readyz, and drains on SIGTERM", async () => {
    const port = await freePort();
    const [node, ...args] = runtime.cmd!;
    expect(node).toBe('node');
    const app = spawnNode(args.map((arg) => join(dirs.runtime, arg)), {
      PORT: String(port), REDIS_URL: 'redis://127.0.0.1:6379', TICKETLINT_PREFIX: prefix, ALLOW_VOLATILE_REDIS: '1', LINEAR_API_KEY: 'k', LINEAR_WEBHOOK_SECRET: 's',
    });
    try {
      await until('the image answers /readyz', () => fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false), 20_000);
      app.child.kill('SIGTERM');
      expect(await app.exited).toBe(0);
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 30_000);

  it('runs the ticketlint CLI from bin/ with the bundled packs', () => {
    const run = spawnSync(process.execPath, [join(dirs.runtime, 'bin/ticketlint.js'), 'lint', '--title', 'Add CSV export'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    // Flagged by the learned judgement, whose weights the image carries (models/).
    expect(run.stdout).toMatch(/output-only\s+1\s+Add CSV export/);
  });
});
