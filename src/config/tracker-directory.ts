import { LinearClient } from '@linear/sdk';
import { Version3Client } from 'jira.js';
import { MissingCredentialsError, type Tracker } from '../bot/tracker.js';
import type { Provider } from '../domain/ticket-event.js';
import { JiraTracker } from '../providers/jira/jira-tracker.js';
import { LinearTracker } from '../providers/linear/linear-tracker.js';
import type { CredentialStore, WorkspaceCredentials } from './credential-store.js';

/** The real clients: @linear/sdk for Linear, jira.js's REST v3 client for Jira. */
export function trackerFromCredentials(credentials: WorkspaceCredentials): Tracker {
  if (credentials.provider === 'linear') {
    const client = new LinearClient({ ...credentials.auth, apiUrl: credentials.apiUrl });
    return new LinearTracker({ client });
  }
  const { auth, siteUrl } = credentials;
  // An OAuth 2.0 (3LO) token calls Jira through api.atlassian.com: jira.js finds the site's cloudId from siteUrl.
  const client = 'oauth2' in auth
    ? new Version3Client({ authentication: { oauth2: { accessToken: auth.oauth2.accessToken, siteUrl } } })
    : new Version3Client({ host: siteUrl, authentication: { basic: { ...auth.basic } } });
  return new JiraTracker({ client, siteUrl });
}

/**
 * One Tracker per workspace, built on first use from the credential store and kept: the clients hold
 * connection pools and, for OAuth, token state, so they are not rebuilt per job.
 */
export class TrackerDirectory {
  private readonly trackers = new Map<string, Promise<Tracker>>();

  constructor(
    private readonly credentials: CredentialStore,
    private readonly build: (credentials: WorkspaceCredentials) => Tracker = trackerFromCredentials,
  ) {}

  /** Throws a MissingCredentialsError when the workspace has no credentials: the worker sets its job aside. */
  trackerFor(provider: Provider, workspace: string): Promise<Tracker> {
    const key = `${provider}\u0000${workspace}`;
    let tracker = this.trackers.get(key);
    if (!tracker) {
      tracker = this.create(provider, workspace);
      this.trackers.set(key, tracker);
      tracker.catch(() => this.trackers.delete(key));
    }
    return tracker;
  }

  private async create(provider: Provider, workspace: string): Promise<Tracker> {
    const credentials = await this.credentials.forWorkspace(provider, workspace);
    if (!credentials) throw new MissingCredentialsError(workspace, provider);
    return this.build(credentials);
  }
}
