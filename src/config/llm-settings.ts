import { knownVariables, parseEnvironment, type Environment } from './environment.js';
import { SettingsError } from './settings-error.js';

/** The language model the `llm` judge calls (src/judges/llm); null in Settings when LLM_PROVIDER is unset. */
export interface LlmSettings {
  readonly provider: 'openai' | 'anthropic';
  /** Without a trailing slash; the provider's own API when LLM_BASE_URL is unset. */
  readonly baseUrl: string;
  /** Null for a server that takes none (a local Ollama). */
  readonly apiKey: string | null;
  readonly model: string;
  readonly timeoutMs: number;
  /** LLM_REDACT (on unless 0): e-mail addresses, credentials in URLs, long tokens and card numbers are replaced before a ticket leaves the process. */
  readonly redact: boolean;
  /** LLM_MAX_CALLS_PER_HOUR and LLM_MAX_CALLS_PER_DAY: calls one workspace may make (cache hits are free); past them the offline judge answers. 0: no limit. */
  readonly maxCallsPerHour: number;
  readonly maxCallsPerDay: number;
}

export const DEFAULT_LLM_BASE_URLS: Readonly<Record<LlmSettings['provider'], string>> = {
  openai: 'https://api.openai.com/v1',
  anthropic: 'https://api.anthropic.com',
};

type Known = Partial<Record<keyof Environment, string>>;

/**
 * The language model is switched on by LLM_PROVIDER, and then needs LLM_MODEL; a config file that gives
 * any team `judge: llm` needs LLM_PROVIDER, or those teams would silently get the offline judge.
 * The hosted APIs need LLM_API_KEY; an OpenAI-compatible server elsewhere (Ollama) may take none.
 */
export function llmProblems(known: Known, neededBecause: string | null): string[] {
  if (!known.LLM_PROVIDER) {
    return neededBecause ? [`LLM_PROVIDER: expected openai or anthropic, since ${neededBecause}`] : [];
  }
  const problems: string[] = [];
  if (!known.LLM_MODEL) problems.push('LLM_MODEL: expected the model to call (gpt-4o-mini, claude-3-5-haiku-latest, llama3.1:8b)');
  if (!known.LLM_BASE_URL && !known.LLM_API_KEY) problems.push(`LLM_API_KEY: expected the API key of ${known.LLM_PROVIDER} (or LLM_BASE_URL for a server that needs none)`);
  return problems;
}

export function llmSettings(env: Environment): LlmSettings | null {
  if (!env.LLM_PROVIDER || !env.LLM_MODEL) return null;
  return {
    provider: env.LLM_PROVIDER,
    baseUrl: (env.LLM_BASE_URL ?? DEFAULT_LLM_BASE_URLS[env.LLM_PROVIDER]).replace(/\/+$/, ''),
    apiKey: env.LLM_API_KEY ?? null,
    model: env.LLM_MODEL,
    timeoutMs: env.LLM_TIMEOUT_MS,
    redact: env.LLM_REDACT,
    maxCallsPerHour: env.LLM_MAX_CALLS_PER_HOUR,
    maxCallsPerDay: env.LLM_MAX_CALLS_PER_DAY,
  };
}

/**
 * The LLM_* settings alone, for a command that calls the model and nothing else (`ticketlint eval --judge
 * llm`): the same checks as loadSettings, LLM_PROVIDER required, every problem in one SettingsError.
 */
export function llmSettingsFrom(env: Readonly<Record<string, string | undefined>>): LlmSettings {
  const known = Object.fromEntries(Object.entries(knownVariables(env)).filter(([name]) => name.startsWith('LLM_'))) as Known;
  const parsed = parseEnvironment(known);
  const problems = [...parsed.problems, ...llmProblems(known, '--judge llm asks the language model')];
  const settings = parsed.env ? llmSettings(parsed.env) : null;
  if (problems.length > 0 || !settings) throw new SettingsError(problems);
  return settings;
}
