import { startJsonStub, type Fault, type RecordedCall, type StubHandle, type StubOptions, type StubResponse } from './http-stub.js';

/**
 * Linear's GraphQL API as @linear/sdk 98 calls it, in memory. The SDK sends generated documents
 * (`query issue($id: String!) { issue(id: $id) { ...Issue } }`); the stub dispatches on the
 * operation name and answers with the fields the SDK's model constructors read. Mutations answer
 * with the entity's id only, as the SDK re-reads entities with follow-up queries (`comment`,
 * `issueLabel`), which the stub answers too. The tracker's own small documents (src/providers/linear/
 * linear-documents.ts) keep the SDK's operation names for mutations and `issueLabels`, so the same cases
 * answer them; its two issue reads (`issueForLabelling`, `issueWithLabels`) have cases of their own.
 * Every answer carries at least the fields those documents select. Unknown operations fail loudly.
 */

export interface LinearStubIssue {
  id: string;
  identifier: string;
  title: string;
  description: string | null;
  teamId: string;
  creatorId: string | null;
  labelIds: string[];
  createdAt: string;
}
export interface LinearStubComment {
  id: string; issueId: string; body: string; userId: string; createdAt: string;
  /** Set on comments an OAuth app or integration wrote (Linear's Comment.botActor). */
  botActorName?: string;
}
export interface LinearStubLabel { id: string; name: string; teamId: string | null }
export interface LinearStubTeam { id: string; key: string; name: string }
export interface LinearStubUser { id: string; name: string; app?: boolean }

export interface LinearStubState {
  issues: Map<string, LinearStubIssue>;
  comments: LinearStubComment[];
  labels: Map<string, LinearStubLabel>;
  teams: Map<string, LinearStubTeam>;
  users: Map<string, LinearStubUser>;
  /** The user the API key belongs to: author of comments the bot creates. */
  viewerId: string;
}

export interface LinearStub {
  /** The GraphQL endpoint, for `new LinearClient({ apiKey, apiUrl })`. */
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly state: LinearStubState;
  fail(fault: Fault): void;
  /** Answer the next `times` requests as Linear does when rate limited: HTTP 400, extensions.code RATELIMITED. */
  rateLimit(times: number, resetAtMs: number): void;
  close(): Promise<void>;
}

export async function startLinearStub(options: StubOptions = {}): Promise<LinearStub> {
  const state: LinearStubState = {
    issues: new Map(), comments: [], labels: new Map(), teams: new Map(), users: new Map(), viewerId: 'user-bot',
  };
  state.users.set('user-bot', { id: 'user-bot', name: 'ticketlint' });
  let nextId = 1;
  const newId = (prefix: string): string => `${prefix}-${nextId++}`;
  const http: StubHandle = await startJsonStub((call) => answer(state, call, newId), (_path, body) => operationName(body), options);
  return {
    url: `${http.url}/graphql`,
    calls: http.calls,
    state,
    fail: http.fail,
    rateLimit: (times, resetAtMs) => http.fail({
      times,
      response: {
        status: 400,
        headers: { 'x-ratelimit-requests-limit': '1500', 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(resetAtMs) },
        body: { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] },
      },
    }),
    close: http.close,
  };
}

function operationName(body: unknown): string | undefined {
  const query = (body as { query?: unknown } | undefined)?.query;
  return typeof query === 'string' ? /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] : undefined;
}

type Vars = Record<string, unknown>;

function answer(state: LinearStubState, call: RecordedCall, newId: (prefix: string) => string): StubResponse {
  const vars = ((call.body as { variables?: Vars } | undefined)?.variables ?? {}) as Vars;
  const data = resolve(state, call.operation ?? '', vars, newId);
  if ('error' in data) return { status: 200, body: { errors: [data.error], data: null } };
  return { status: 200, body: { data } };
}

type Resolved = Record<string, unknown> | { error: Record<string, unknown> };

function resolve(state: LinearStubState, operation: string, vars: Vars, newId: (p: string) => string): Resolved {
  const issue = (): LinearStubIssue | undefined => findIssue(state, String(vars.id));
  switch (operation) {
    case 'issue':
      return withIssue(issue(), (i) => ({ issue: issueJson(i) }));
    case 'issue_labels':
      return withIssue(issue(), (i) => ({ issue: { labels: connection(i.labelIds.map((id) => labelJson(state.labels.get(id)!)), vars) } }));
    case 'issue_comments':
      return withIssue(issue(), (i) => ({ issue: { comments: connection(state.comments.filter((c) => c.issueId === i.id).map(commentJson), vars) } }));
    case 'issueForLabelling':
      return withIssue(issue(), (i) => ({ issue: { id: i.id, labelIds: [...i.labelIds], team: { id: i.teamId } } }));
    case 'issueWithLabels':
      return withIssue(issue(), (i) => ({ issue: { id: i.id, labels: connection(i.labelIds.map((id) => labelJson(state.labels.get(id)!)), vars) } }));
    case 'issueCommentsWithAuthors':
      return withIssue(issue(), (i) => ({ issue: { comments: connection(state.comments.filter((c) => c.issueId === i.id).map((c) => commentWithAuthor(state, c)), vars) } }));
    case 'user':
      return state.users.has(String(vars.id)) ? { user: userJson(state.users.get(String(vars.id))!) } : notFound('User');
    case 'comment': {
      const comment = state.comments.find((c) => c.id === vars.id);
      return comment ? { comment: commentJson(comment) } : notFound('Comment');
    }
    case 'issueLabels':
      return { issueLabels: connection([...state.labels.values()].filter((l) => labelMatches(l, vars.filter)).map(labelJson), vars) };
    case 'issueLabel':
      return state.labels.has(String(vars.id)) ? { issueLabel: labelJson(state.labels.get(String(vars.id))!) } : notFound('IssueLabel');
    default:
      return mutate(state, operation, vars, newId);
  }
}

function mutate(state: LinearStubState, operation: string, vars: Vars, newId: (p: string) => string): Resolved {
  const input = (vars.input ?? {}) as Vars;
  const payload = (key: string, entity: Record<string, unknown>): Resolved => ({ [key]: { success: true, lastSyncId: Date.now(), ...entity } });
  switch (operation) {
    case 'createComment': {
      const target = findIssue(state, String(input.issueId));
      if (!target) return notFound('Issue');
      const comment = { id: newId('comment'), issueId: target.id, body: String(input.body ?? ''), userId: state.viewerId, createdAt: new Date().toISOString() };
      state.comments.push(comment);
      return payload('commentCreate', { comment: { id: comment.id } });
    }
    case 'updateComment': {
      const comment = state.comments.find((c) => c.id === vars.id);
      if (!comment) return notFound('Comment');
      comment.body = String(input.body ?? comment.body);
      return payload('commentUpdate', { comment: { id: comment.id } });
    }
    case 'updateIssue': {
      const target = findIssue(state, String(vars.id));
      if (!target) return notFound('Issue');
      if (typeof input.description === 'string') target.description = input.description;
      return payload('issueUpdate', { issue: { id: target.id } });
    }
    case 'createIssueLabel': {
      const label = { id: newId('label'), name: String(input.name), teamId: typeof input.teamId === 'string' ? input.teamId : null };
      state.labels.set(label.id, label);
      return payload('issueLabelCreate', { issueLabel: { id: label.id } });
    }
    case 'issueAddLabel':
    case 'issueRemoveLabel': {
      const target = findIssue(state, String(vars.id));
      if (!target || !state.labels.has(String(vars.labelId))) return notFound(target ? 'IssueLabel' : 'Issue');
      const others = target.labelIds.filter((id) => id !== vars.labelId);
      target.labelIds = operation === 'issueAddLabel' ? [...others, String(vars.labelId)] : others;
      return payload(operation, { issue: { id: target.id } });
    }
    default:
      return { error: { message: `Linear stub does not know the operation "${operation}"`, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } } };
  }
}

function findIssue(state: LinearStubState, idOrIdentifier: string): LinearStubIssue | undefined {
  return state.issues.get(idOrIdentifier) ?? [...state.issues.values()].find((i) => i.identifier === idOrIdentifier);
}

function withIssue(issue: LinearStubIssue | undefined, render: (issue: LinearStubIssue) => Record<string, unknown>): Resolved {
  return issue ? render(issue) : notFound('Issue');
}

/** Linear answers a missing entity with a GraphQL error of type "invalid input". */
function notFound(entity: string): { error: Record<string, unknown> } {
  return {
    error: {
      message: `Entity not found: ${entity}`,
      extensions: { type: 'invalid input', code: 'INPUT_ERROR', userError: true, userPresentableMessage: `Could not find referenced ${entity}.` },
    },
  };
}

function labelMatches(label: LinearStubLabel, filter: unknown): boolean {
  const wanted = (filter as { name?: { eqIgnoreCase?: string; eq?: string } } | undefined)?.name;
  if (wanted?.eqIgnoreCase !== undefined) return label.name.toLowerCase() === wanted.eqIgnoreCase.toLowerCase();
  if (wanted?.eq !== undefined) return label.name === wanted.eq;
  return true;
}

/** Relay connection with `first`/`after` paging; the cursor is the index of the last node sent. */
function connection(nodes: readonly unknown[], vars: Vars): Record<string, unknown> {
  const start = typeof vars.after === 'string' ? Number(vars.after) + 1 : 0;
  const size = typeof vars.first === 'number' ? vars.first : 50;
  const page = nodes.slice(start, start + size);
  const end = start + page.length - 1;
  return {
    nodes: page,
    pageInfo: { hasNextPage: end < nodes.length - 1, hasPreviousPage: start > 0, startCursor: String(start), endCursor: String(end) },
  };
}

const STAMP = '2025-03-01T00:00:00.000Z';

function issueJson(issue: LinearStubIssue): Record<string, unknown> {
  return {
    __typename: 'Issue', id: issue.id, identifier: issue.identifier, title: issue.title, description: issue.description,
    url: `https://linear.app/stub/issue/${issue.identifier}`, number: Number(issue.identifier.split('-')[1] ?? 0),
    createdAt: issue.createdAt, updatedAt: STAMP, labelIds: issue.labelIds, previousIdentifiers: [], priority: 0,
    priorityLabel: 'No priority', prioritySortOrder: 0, sortOrder: 0, reactionData: [], reactions: [],
    sharedAccess: { isShared: false, sharedWithCount: 0, viewerHasOnlySharedAccess: false, disallowedIssueFields: [], sharedWithUsers: [] },
    team: { id: issue.teamId }, state: { id: 'state-backlog' }, creator: issue.creatorId ? { id: issue.creatorId } : null,
  };
}

function commentJson(comment: LinearStubComment): Record<string, unknown> {
  return {
    __typename: 'Comment', id: comment.id, body: comment.body, createdAt: comment.createdAt, updatedAt: comment.createdAt,
    url: `https://linear.app/stub/comment/${comment.id}`, reactionData: [], reactions: [], issue: { id: comment.issueId },
    issueId: comment.issueId, user: { id: comment.userId }, parent: null,
  };
}

/** A comment node as the bot's own comments query (src/providers/linear/linear-comments.ts) asks for it. */
function commentWithAuthor(state: LinearStubState, comment: LinearStubComment): Record<string, unknown> {
  const user = state.users.get(comment.userId);
  return {
    id: comment.id, body: comment.body, createdAt: comment.createdAt,
    user: user ? { id: user.id, name: user.name, app: user.app ?? false } : null,
    botActor: comment.botActorName ? { id: `bot-${comment.botActorName}`, name: comment.botActorName } : null,
  };
}

function labelJson(label: LinearStubLabel): Record<string, unknown> {
  return {
    __typename: 'IssueLabel', id: label.id, name: label.name, color: '#bec2c8', createdAt: STAMP, updatedAt: STAMP,
    isGroup: false, team: label.teamId ? { id: label.teamId } : null,
  };
}

function userJson(user: LinearStubUser): Record<string, unknown> {
  return {
    __typename: 'User', id: user.id, name: user.name, displayName: user.name, email: `${user.id}@example.com`,
    createdAt: STAMP, updatedAt: STAMP, active: true, admin: false, guest: false, app: false, isMe: false,
    url: `https://linear.app/stub/profiles/${user.id}`, initials: user.name.slice(0, 2).toUpperCase(),
  };
}

/**
 * Puts the issue of the `issue-created` fixture (PLAT-318 in team PLAT) into the stub with this title and no
 * description, as the e2e tests' tickets start.
 */
export function seedFixtureIssue(stub: LinearStub, ids: { issueId: string; teamId: string }, title: string): void {
  stub.state.teams.set(ids.teamId, { id: ids.teamId, key: 'PLAT', name: 'Platform' });
  stub.state.issues.set(ids.issueId, {
    id: ids.issueId, identifier: 'PLAT-318', title, description: null, teamId: ids.teamId,
    creatorId: null, labelIds: [], createdAt: '2025-03-04T09:15:27.341Z',
  });
}
