import type { Environment } from './environment.js';

/** A Linear personal API key, or an OAuth app's access token (sent as a Bearer token). */
export type LinearAuth = { readonly apiKey: string } | { readonly accessToken: string };
/** The shapes jira.js's `authentication` takes: an Atlassian account's API token, or an OAuth 2.0 access token. */
export type JiraAuth =
  | { readonly basic: { readonly email: string; readonly apiToken: string } }
  | { readonly oauth2: { readonly accessToken: string } };

export interface LinearSettings {
  readonly webhookSecret: string;
  readonly apiUrl: string;
  readonly auth: LinearAuth;
}

export interface JiraSettings {
  readonly webhookSecret: string;
  /** Without a trailing slash: `https://acme.atlassian.net`. */
  readonly siteUrl: string;
  readonly auth: JiraAuth;
}

type Known = Partial<Record<keyof Environment, string>>;

const LINEAR_VARIABLES = ['LINEAR_API_KEY', 'LINEAR_ACCESS_TOKEN', 'LINEAR_WEBHOOK_SECRET'] as const;
const JIRA_VARIABLES = ['JIRA_BASE_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_ACCESS_TOKEN', 'JIRA_WEBHOOK_SECRET'] as const;

/**
 * Linear is switched on by any of its credentials or its secret, and is then complete or a problem:
 * a secret without a token would accept webhooks it can never answer, a token without a secret would
 * have nothing to verify deliveries with. With none of them set, Linear is off (its route answers 404).
 */
export function linearProblems(known: Known): string[] {
  if (!LINEAR_VARIABLES.some((name) => known[name])) return [];
  const problems: string[] = [];
  if (!known.LINEAR_WEBHOOK_SECRET) {
    problems.push('LINEAR_WEBHOOK_SECRET: expected the signing secret of the Linear webhook (Linear is half configured)');
  }
  if (!known.LINEAR_API_KEY && !known.LINEAR_ACCESS_TOKEN) {
    problems.push('LINEAR_API_KEY: expected a Linear API key, or LINEAR_ACCESS_TOKEN for an OAuth app (Linear is half configured)');
  }
  if (known.LINEAR_API_KEY && known.LINEAR_ACCESS_TOKEN) {
    problems.push('LINEAR_ACCESS_TOKEN: expected either LINEAR_API_KEY or LINEAR_ACCESS_TOKEN, not both');
  }
  return problems;
}

/** As linearProblems, for Jira: a site, a secret, and either an email with an API token or an OAuth access token. */
export function jiraProblems(known: Known): string[] {
  if (!JIRA_VARIABLES.some((name) => known[name])) return [];
  const problems: string[] = [];
  const half = '(Jira is half configured)';
  if (!known.JIRA_WEBHOOK_SECRET) problems.push(`JIRA_WEBHOOK_SECRET: expected the secret of the Jira webhook ${half}`);
  if (!known.JIRA_BASE_URL) problems.push(`JIRA_BASE_URL: expected the Jira site, like https://acme.atlassian.net ${half}`);
  if (known.JIRA_ACCESS_TOKEN && (known.JIRA_API_TOKEN || known.JIRA_EMAIL)) {
    problems.push('JIRA_ACCESS_TOKEN: expected either JIRA_EMAIL with JIRA_API_TOKEN, or JIRA_ACCESS_TOKEN, not both');
  } else if (!known.JIRA_ACCESS_TOKEN) {
    if (!known.JIRA_API_TOKEN) problems.push(`JIRA_API_TOKEN: expected an Atlassian API token, or JIRA_ACCESS_TOKEN for OAuth ${half}`);
    if (!known.JIRA_EMAIL) problems.push(`JIRA_EMAIL: expected the email of the account the API token belongs to ${half}`);
  }
  return problems;
}

/** Linear's settings, or null when Linear is off. Call only once linearProblems found nothing. */
export function linearSettings(env: Environment): LinearSettings | null {
  if (!env.LINEAR_WEBHOOK_SECRET) return null;
  const auth: LinearAuth = env.LINEAR_API_KEY ? { apiKey: env.LINEAR_API_KEY } : { accessToken: env.LINEAR_ACCESS_TOKEN! };
  return { webhookSecret: env.LINEAR_WEBHOOK_SECRET, apiUrl: env.LINEAR_API_URL, auth };
}

/** Jira's settings, or null when Jira is off. Call only once jiraProblems found nothing. */
export function jiraSettings(env: Environment): JiraSettings | null {
  if (!env.JIRA_WEBHOOK_SECRET || !env.JIRA_BASE_URL) return null;
  const auth: JiraAuth = env.JIRA_ACCESS_TOKEN
    ? { oauth2: { accessToken: env.JIRA_ACCESS_TOKEN } }
    : { basic: { email: env.JIRA_EMAIL!, apiToken: env.JIRA_API_TOKEN! } };
  return { webhookSecret: env.JIRA_WEBHOOK_SECRET, siteUrl: env.JIRA_BASE_URL.replace(/\/+$/, ''), auth };
}
