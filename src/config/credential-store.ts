import type { Provider } from '../domain/ticket-event.js';
import type { JiraAuth, LinearAuth } from './provider-settings.js';
import type { Settings } from './settings.js';

/** What it takes to build a tracker client for one workspace. */
export type WorkspaceCredentials =
  | { readonly provider: 'linear'; readonly apiUrl: string; readonly auth: LinearAuth }
  | { readonly provider: 'jira'; readonly siteUrl: string; readonly auth: JiraAuth };

/**
 * Credentials per workspace (a Linear organizationId, a Jira site URL, as TicketEvent.workspace
 * names it). Asynchronous because the OAuth multi-workspace store that comes later reads a database
 * and refreshes tokens; null when the workspace is not installed.
 */
export interface CredentialStore {
  forWorkspace(provider: Provider, workspace: string): Promise<WorkspaceCredentials | null>;
}

/**
 * The single-workspace store: one set of credentials per provider, from the settings. Every
 * workspace of a provider gets that provider's credentials, because a delivery that reached the bot
 * was signed with that provider's one webhook secret, so it comes from the workspace the operator
 * configured. A provider that is off has no credentials.
 */
export class SettingsCredentialStore implements CredentialStore {
  constructor(private readonly settings: Pick<Settings, 'linear' | 'jira'>) {}

  forWorkspace(provider: Provider): Promise<WorkspaceCredentials | null> {
    const { linear, jira } = this.settings;
    if (provider === 'linear' && linear) return Promise.resolve({ provider, apiUrl: linear.apiUrl, auth: linear.auth });
    if (provider === 'jira' && jira) return Promise.resolve({ provider, siteUrl: jira.siteUrl, auth: jira.auth });
    return Promise.resolve(null);
  }
}
