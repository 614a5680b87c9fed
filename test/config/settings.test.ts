import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTING_NAMES } from '../../src/config/environment.js';
import { loadSettings } from '../../src/config/settings.js';
import { SettingsError } from '../../src/config/settings-error.js';

const LINEAR = { LINEAR_API_KEY: 'lin_api_abc', LINEAR_WEBHOOK_SECRET: 'lin_wh_abc' };
const JIRA = { JIRA_BASE_URL: 'https://acme.atlassian.net/', JIRA_EMAIL: 'bot@acme.test', JIRA_API_TOKEN: 'atl-token', JIRA_WEBHOOK_SECRET: 'jira-secret' };

function problemsOf(env: Record<string, string>): readonly string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

describe('loadSettings', () => {
  it('runs on defaults with no variable set, both providers off', () => {
    expect(loadSettings({})).toMatchObject({
      port: 3000, redisUrl: 'redis://127.0.0.1:6379', logLevel: 'info', workerConcurrency: 5, eventWindowMs: 2000, dryRun: false,
      linear: null, jira: null, config: { defaultPack: 'product-sense', dryRun: false },
      http: { headersTimeoutMs: 10_000, requestTimeoutMs: 15_000, maxConnections: 1000, maxBodyBytesInFlight: 32 * 1024 * 1024 },
    });
  });

  it('reads the HTTP bounds, and refuses a headers timeout longer than the request timeout', () => {
    expect(loadSettings({ HTTP_HEADERS_TIMEOUT_MS: '500', HTTP_REQUEST_TIMEOUT_MS: '900', MAX_CONNECTIONS: '50', MAX_BODY_BYTES_IN_FLIGHT: '2097152' }).http)
      .toEqual({ headersTimeoutMs: 500, requestTimeoutMs: 900, maxConnections: 50, maxBodyBytesInFlight: 2 * 1024 * 1024 });
    expect(problemsOf({ HTTP_HEADERS_TIMEOUT_MS: '20000' })).toEqual([expect.stringMatching(/^HTTP_HEADERS_TIMEOUT_MS: expected at most HTTP_REQUEST_TIMEOUT_MS \(15000\)/)]);
    expect(problemsOf({ MAX_BODY_BYTES_IN_FLIGHT: '1000' })).toEqual([expect.stringMatching(/^MAX_BODY_BYTES_IN_FLIGHT: expected .*at least 1048576/)]);
  });

  it('ignores variables it does not know and treats blank ones as unset', () => {
    expect(loadSettings({ PATH: '/usr/bin', PORT: '', LINEAR_API_KEY: '  ' })).toMatchObject({ port: 3000, linear: null });
  });

  it('switches Linear on with an API key and a secret, pointing at Linear unless told otherwise', () => {
    expect(loadSettings(LINEAR).linear).toEqual({
      webhookSecret: 'lin_wh_abc', apiUrl: 'https://api.linear.app/graphql', auth: { apiKey: 'lin_api_abc' },
    });
  });

  it('takes an OAuth access token for Linear instead of an API key, and another API URL', () => {
    const settings = loadSettings({ LINEAR_ACCESS_TOKEN: 'oauth-token', LINEAR_WEBHOOK_SECRET: 's', LINEAR_API_URL: 'http://127.0.0.1:4000/graphql' });
    expect(settings.linear).toEqual({ webhookSecret: 's', apiUrl: 'http://127.0.0.1:4000/graphql', auth: { accessToken: 'oauth-token' } });
  });

  it('switches Jira on with a site, an email and API token, and a secret; the site loses its trailing slash', () => {
    expect(loadSettings(JIRA).jira).toEqual({
      webhookSecret: 'jira-secret', siteUrl: 'https://acme.atlassian.net', auth: { basic: { email: 'bot@acme.test', apiToken: 'atl-token' } },
    });
  });

  it('takes a Jira OAuth access token instead of email and API token', () => {
    const env = { JIRA_BASE_URL: 'https://acme.atlassian.net', JIRA_ACCESS_TOKEN: 'oauth', JIRA_WEBHOOK_SECRET: 's' };
    expect(loadSettings(env).jira?.auth).toEqual({ oauth2: { accessToken: 'oauth' } });
  });

  it('reads DRY_RUN=1, WORKER_CONCURRENCY and LOG_LEVEL', () => {
    expect(loadSettings({ DRY_RUN: '1', WORKER_CONCURRENCY: '12', LOG_LEVEL: 'debug', PORT: '8080' }))
      .toMatchObject({ dryRun: true, workerConcurrency: 12, logLevel: 'debug', port: 8080 });
    expect(loadSettings({ DRY_RUN: '0' }).dryRun).toBe(false);
  });

  it('refuses a volatile Redis unless ALLOW_VOLATILE_REDIS says otherwise', () => {
    expect(loadSettings({}).allowVolatileRedis).toBe(false);
    expect(loadSettings({ ALLOW_VOLATILE_REDIS: '1' }).allowVolatileRedis).toBe(true);
    expect(() => loadSettings({ ALLOW_VOLATILE_REDIS: 'sure' })).toThrow(/ALLOW_VOLATILE_REDIS: expected 1 or 0/);
  });

  it('reads EVENT_WINDOW_MS, where 0 turns the gathering of bursts off, and refuses a negative or fractional one', () => {
    expect(loadSettings({ EVENT_WINDOW_MS: '0' }).eventWindowMs).toBe(0);
    expect(loadSettings({ EVENT_WINDOW_MS: '50' }).eventWindowMs).toBe(50);
    expect(problemsOf({ EVENT_WINDOW_MS: '-1' })).toEqual([expect.stringMatching(/^EVENT_WINDOW_MS: expected how many milliseconds/)]);
    expect(problemsOf({ EVENT_WINDOW_MS: '1.5' })).toEqual([expect.stringMatching(/^EVENT_WINDOW_MS: /)]);
  });

  it('names the missing half of a half-configured provider', () => {
    expect(problemsOf({ LINEAR_WEBHOOK_SECRET: 's' })).toEqual([expect.stringMatching(/^LINEAR_API_KEY: .*half configured/)]);
    expect(problemsOf({ LINEAR_API_KEY: 'k' })).toEqual([expect.stringMatching(/^LINEAR_WEBHOOK_SECRET: .*half configured/)]);
    expect(problemsOf({ JIRA_WEBHOOK_SECRET: 's' })).toEqual([
      expect.stringMatching(/^JIRA_BASE_URL: /), expect.stringMatching(/^JIRA_API_TOKEN: /), expect.stringMatching(/^JIRA_EMAIL: /),
    ]);
  });

  it('refuses two kinds of credentials for one provider', () => {
    expect(problemsOf({ ...LINEAR, LINEAR_ACCESS_TOKEN: 't' })).toEqual([expect.stringMatching(/^LINEAR_ACCESS_TOKEN: expected either/)]);
    expect(problemsOf({ ...JIRA, JIRA_ACCESS_TOKEN: 't' })).toEqual([expect.stringMatching(/^JIRA_ACCESS_TOKEN: expected either/)]);
  });

  it('lists every problem in one error, each naming its setting and never its value', () => {
    const env = {
      PORT: 'eighty', REDIS_URL: 'http://localhost:6379', LOG_LEVEL: 'loud', WORKER_CONCURRENCY: '0', DRY_RUN: 'maybe',
      LINEAR_WEBHOOK_SECRET: 'super-secret-value', JIRA_BASE_URL: 'acme.atlassian.net', JIRA_API_TOKEN: 'another-secret-value',
    };
    let error: unknown;
    try { loadSettings(env); } catch (caught) { error = caught; }
    expect(error).toBeInstanceOf(SettingsError);
    const { problems, message } = error as SettingsError;
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'PORT', 'REDIS_URL', 'JIRA_BASE_URL', 'DRY_RUN', 'WORKER_CONCURRENCY', 'LOG_LEVEL',
      'LINEAR_API_KEY', 'JIRA_WEBHOOK_SECRET', 'JIRA_EMAIL',
    ]);
    expect(message).toMatch(/^ticketlint cannot start: 9 settings are missing or invalid:\n {2}- PORT: expected a TCP port/);
    expect(message).not.toMatch(/super-secret-value|another-secret-value/);
  });

  it('knows every variable it reads by name', () => {
    expect(SETTING_NAMES).toEqual(expect.arrayContaining(['PORT', 'REDIS_URL', 'LINEAR_API_URL', 'TICKETLINT_CONFIG', 'DRY_RUN']));
  });
});

describe('loadSettings with a config file', () => {
  let dir: string;

  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'ticketlint-settings-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the file TICKETLINT_CONFIG names, relative to the working directory', () => {
    writeFileSync(join(dir, 'ticketlint.yaml'), 'defaultPack: strict\ndryRun: true\nlinear:\n  teams: { ENG: product-sense }\n');
    const settings = loadSettings({ TICKETLINT_CONFIG: 'ticketlint.yaml' }, { cwd: dir });
    expect(settings).toMatchObject({ dryRun: true, configDir: dir, config: { defaultPack: 'strict', linear: { teams: { ENG: 'product-sense' } } } });
  });

  it('lists the file problems with the environment problems, as file: path: expected', () => {
    writeFileSync(join(dir, 'ticketlint.yaml'), 'defaultPak: strict\nlinear:\n  teams: { ENG: 3 }\n');
    expect(problemsOf({ TICKETLINT_CONFIG: join(dir, 'ticketlint.yaml'), PORT: 'x' })).toEqual([
      expect.stringMatching(/^PORT: /),
      expect.stringMatching(/ticketlint\.yaml: linear\.teams\.ENG: expected text$/),
      expect.stringMatching(/ticketlint\.yaml: defaultPak: expected a known key: defaultPack, dryRun, enrich, judge, labels, linear, jira$/),
    ]);
  });

  it('says when the file is not there', () => {
    expect(problemsOf({ TICKETLINT_CONFIG: join(dir, 'missing.yaml') })).toEqual([
      `TICKETLINT_CONFIG: expected a readable YAML file; there is no such file: ${join(dir, 'missing.yaml')}`,
    ]);
  });
});

describe('loadSettings for the language-model judge', () => {
  it('has no model when LLM_PROVIDER is unset, and the provider\'s API, 20 s, redaction and a budget of 200 calls an hour and 2000 a day by default when it is', () => {
    expect(loadSettings({}).llm).toBeNull();
    expect(loadSettings({ LLM_PROVIDER: 'anthropic', LLM_MODEL: 'claude-3-5-haiku-latest', LLM_API_KEY: 'k' }).llm).toEqual({
      provider: 'anthropic', baseUrl: 'https://api.anthropic.com', apiKey: 'k', model: 'claude-3-5-haiku-latest', timeoutMs: 20_000, redact: true,
      maxCallsPerHour: 200, maxCallsPerDay: 2000,
    });
    expect(loadSettings({ LLM_PROVIDER: 'openai', LLM_MODEL: 'llama3.1:8b', LLM_BASE_URL: 'http://localhost:11434/v1/', LLM_REDACT: '0' }).llm)
      .toMatchObject({ baseUrl: 'http://localhost:11434/v1', apiKey: null, redact: false });
    expect(loadSettings({ LLM_PROVIDER: 'openai', LLM_MODEL: 'm', LLM_API_KEY: 'k', LLM_MAX_CALLS_PER_HOUR: '0', LLM_MAX_CALLS_PER_DAY: '50' }).llm)
      .toMatchObject({ maxCallsPerHour: 0, maxCallsPerDay: 50 });
    expect(() => loadSettings({ LLM_PROVIDER: 'openai', LLM_MODEL: 'm', LLM_API_KEY: 'k', LLM_MAX_CALLS_PER_HOUR: '-1' }))
      .toThrow(/LLM_MAX_CALLS_PER_HOUR: expected how many calls .* \(0: no limit\), a whole number from 0 to 1000000/);
  });

  it('refuses a provider without a model, a hosted API without a key, and judge: llm without a provider', () => {
    expect(() => loadSettings({ LLM_PROVIDER: 'openai' })).toThrow(/LLM_MODEL: expected[\s\S]*LLM_API_KEY: expected/);
    const dir = mkdtempSync(join(tmpdir(), 'ticketlint-llm-settings-'));
    writeFileSync(join(dir, 'ticketlint.yaml'), 'jira:\n  judge:\n    SHOP: llm\n');
    expect(() => loadSettings({ TICKETLINT_CONFIG: join(dir, 'ticketlint.yaml') })).toThrow(/LLM_PROVIDER: expected openai or anthropic, since the config file gives a team or project judge: llm/);
  });
});
