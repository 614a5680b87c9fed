import { startJsonStub, type Fault, type RecordedCall, type StubHandle, type StubOptions, type StubResponse } from './http-stub.js';

/**
 * The slice of Jira Cloud REST v3 that jira.js's Version3Client calls for the bot: GET issue,
 * GET/POST/PUT issue comments, PUT issue (labels via `update`, the description via `fields`). Rich
 * text is ADF; a posted comment or description whose ADF has an empty text node, or a newline in text
 * outside a code block, is refused with 400 as Jira refuses malformed documents.
 */

export interface JiraStubIssue {
  id: string;
  key: string;
  summary: string;
  /** ADF, as REST v3 returns it. */
  description: unknown;
  issueType: string;
  labels: string[];
  projectKey: string;
  creator: string;
  created: string;
}
export interface JiraStubComment {
  id: string; issueId: string; body: unknown;
  /** Display name; "ticketlint" is the bot's app account, anyone else a person unless `authorIsApp`. */
  author: string;
  authorIsApp?: boolean;
  /** Jira's date format (`2025-04-03T09:12:45.018+0000`); a fixed date when left out. */
  created?: string;
}

export interface JiraStubState {
  issues: Map<string, JiraStubIssue>;
  comments: JiraStubComment[];
}

export interface JiraStub {
  /** The site base URL, for `new Version3Client({ host })`. */
  readonly url: string;
  readonly calls: RecordedCall[];
  readonly state: JiraStubState;
  fail(fault: Fault): void;
  /** Answer the next `times` requests with HTTP 500. */
  failWith500(times: number): void;
  /** Answer the next request with 429 and `Retry-After: <seconds>`. */
  rateLimit(retryAfterSeconds: number): void;
  close(): Promise<void>;
}

export async function startJiraStub(options: StubOptions = {}): Promise<JiraStub> {
  const state: JiraStubState = { issues: new Map(), comments: [] };
  let nextId = 30000;
  const http: StubHandle = await startJsonStub((call) => route(state, call, () => String(nextId++), http.url), undefined, options);
  return {
    url: http.url,
    calls: http.calls,
    state,
    fail: http.fail,
    failWith500: (times) => http.fail({ times, response: { status: 500, body: { errorMessages: ['Internal server error'], errors: {} } } }),
    rateLimit: (seconds) => http.fail({ times: 1, response: { status: 429, headers: { 'retry-after': String(seconds) }, body: { errorMessages: ['Rate limit exceeded.'] } } }),
    close: http.close,
  };
}

const ISSUE = /^\/rest\/api\/3\/issue\/([^/]+)$/;
const COMMENTS = /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/;
const COMMENT = /^\/rest\/api\/3\/issue\/([^/]+)\/comment\/([^/]+)$/;

function route(state: JiraStubState, call: RecordedCall, newId: () => string, site: string): StubResponse {
  const issueMatch = ISSUE.exec(call.path) ?? COMMENTS.exec(call.path) ?? COMMENT.exec(call.path);
  const issue = issueMatch ? findIssue(state, decodeURIComponent(issueMatch[1]!)) : undefined;
  if (!issueMatch) return { status: 404, body: { errorMessages: [`Jira stub has no route ${call.method} ${call.path}`] } };
  if (!issue) return { status: 404, body: { errorMessages: ['Issue does not exist or you do not have permission to see it.'], errors: {} } };
  if (ISSUE.test(call.path) && call.method === 'GET') return { status: 200, body: issueJson(issue, site) };
  if (ISSUE.test(call.path) && call.method === 'PUT') return editIssue(issue, call.body);
  if (COMMENTS.test(call.path) && call.method === 'GET') return commentPage(state, issue, call.query, site);
  if (COMMENTS.test(call.path) && call.method === 'POST') return addComment(state, issue, call.body, newId, site);
  const commentId = COMMENT.exec(call.path)?.[2];
  if (commentId && call.method === 'PUT') return updateComment(state, issue, commentId, call.body, site);
  return { status: 405, body: { errorMessages: [`Jira stub does not answer ${call.method} ${call.path}`] } };
}

function findIssue(state: JiraStubState, idOrKey: string): JiraStubIssue | undefined {
  return state.issues.get(idOrKey) ?? [...state.issues.values()].find((i) => i.key === idOrKey);
}

function editIssue(issue: JiraStubIssue, body: unknown): StubResponse {
  const fields = (body as { fields?: Record<string, unknown> } | undefined)?.fields;
  if (fields && 'description' in fields) {
    const problem = fields.description === null ? null : adfProblem(fields.description);
    if (problem) return { status: 400, body: { errorMessages: [], errors: { description: `Description is not valid! ${problem}` } } };
    issue.description = fields.description;
  }
  return editLabels(issue, body);
}

function editLabels(issue: JiraStubIssue, body: unknown): StubResponse {
  const operations = (body as { update?: { labels?: unknown[] } } | undefined)?.update?.labels ?? [];
  for (const op of operations as { add?: string; remove?: string }[]) {
    if (op.add !== undefined && /\s/.test(op.add)) return { status: 400, body: { errorMessages: [], errors: { labels: 'The label must not contain spaces.' } } };
    if (op.add !== undefined && !issue.labels.includes(op.add)) issue.labels.push(op.add);
    if (op.remove !== undefined) issue.labels = issue.labels.filter((l) => l !== op.remove);
  }
  return { status: 204 };
}

function commentPage(state: JiraStubState, issue: JiraStubIssue, query: Readonly<Record<string, string>>, site: string): StubResponse {
  const all = state.comments.filter((c) => c.issueId === issue.id);
  const startAt = Number(query.startAt ?? 0) || 0;
  const maxResults = Number(query.maxResults ?? 50) || 50;
  const comments = all.slice(startAt, startAt + maxResults).map((c) => commentJson(c, site));
  return { status: 200, body: { startAt, maxResults, total: all.length, comments } };
}

function addComment(state: JiraStubState, issue: JiraStubIssue, body: unknown, newId: () => string, site: string): StubResponse {
  const doc = (body as { body?: unknown } | undefined)?.body;
  const problem = adfProblem(doc);
  if (problem) return { status: 400, body: { errorMessages: [], errors: { comment: `Comment body is not valid! ${problem}` } } };
  const comment = { id: newId(), issueId: issue.id, body: doc, author: 'ticketlint', created: jiraNow() };
  state.comments.push(comment);
  return { status: 201, body: commentJson(comment, site) };
}

function updateComment(state: JiraStubState, issue: JiraStubIssue, id: string, body: unknown, site: string): StubResponse {
  const comment = state.comments.find((c) => c.id === id && c.issueId === issue.id);
  if (!comment) return { status: 404, body: { errorMessages: ['Can not find a comment for the id.'], errors: {} } };
  const doc = (body as { body?: unknown } | undefined)?.body;
  const problem = adfProblem(doc);
  if (problem) return { status: 400, body: { errorMessages: [], errors: { comment: `Comment body is not valid! ${problem}` } } };
  comment.body = doc;
  return { status: 200, body: commentJson(comment, site) };
}

interface Node { type?: unknown; text?: unknown; content?: unknown; version?: unknown }

/** What Jira would refuse in a comment document, or null. */
export function adfProblem(doc: unknown, inCode = false, root = true): string | null {
  const node = doc as Node | undefined;
  if (!node || typeof node.type !== 'string') return 'a node has no type';
  if (root && (node.type !== 'doc' || node.version !== 1)) return 'the root must be { type: "doc", version: 1 }';
  if (node.type === 'text') {
    if (typeof node.text !== 'string' || node.text.length === 0) return 'a text node is empty';
    if (!inCode && node.text.includes('\n')) return 'a text node holds a newline';
  }
  const children = Array.isArray(node.content) ? node.content : [];
  for (const child of children) {
    const problem = adfProblem(child, inCode || node.type === 'codeBlock', false);
    if (problem) return problem;
  }
  return null;
}

function user(name: string, site: string, isApp = name === 'ticketlint'): Record<string, unknown> {
  const accountId = `acc-${name.toLowerCase().replace(/\W+/g, '-')}`;
  return { self: `${site}/rest/api/3/user?accountId=${accountId}`, accountId, displayName: name, active: true, accountType: isApp ? 'app' : 'atlassian' };
}

/** Now, as Jira writes dates. */
export function jiraNow(at = new Date()): string {
  return at.toISOString().replace('Z', '+0000');
}

function issueJson(issue: JiraStubIssue, site: string): Record<string, unknown> {
  return {
    id: issue.id,
    key: issue.key,
    self: `${site}/rest/api/3/issue/${issue.id}`,
    fields: {
      summary: issue.summary,
      description: issue.description,
      issuetype: { id: '10001', name: issue.issueType, subtask: false },
      labels: issue.labels,
      project: { id: '10000', key: issue.projectKey, name: issue.projectKey },
      creator: user(issue.creator, site),
      reporter: user(issue.creator, site),
      created: issue.created,
    },
  };
}

function commentJson(comment: JiraStubComment, site: string): Record<string, unknown> {
  return {
    self: `${site}/rest/api/3/issue/${comment.issueId}/comment/${comment.id}`,
    id: comment.id,
    author: user(comment.author, site, comment.authorIsApp ?? comment.author === 'ticketlint'),
    body: comment.body,
    created: comment.created ?? '2025-04-03T09:12:45.018+0000',
    updated: comment.created ?? '2025-04-03T09:12:45.018+0000',
  };
}
