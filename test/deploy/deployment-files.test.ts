import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { SETTING_NAMES } from '../../src/config/environment.js';
import { SHUTDOWN_DEADLINE_MS } from '../../src/config/process-lifecycle.js';
import { loadSettings } from '../../src/config/settings.js';

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

  it('gives every service a healthcheck, the node services on /healthz', () => {
    expect(redis!.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
    for (const service of [server!, worker!]) expect(service.healthcheck?.test.join(' ')).toMatch(/\/healthz/);
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
