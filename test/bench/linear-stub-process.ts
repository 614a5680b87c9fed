// The Linear stub (test/stubs/linear-stub.ts) in a process of its own, for the benchmarks: the load
// generator's event loop then never delays the stub's answers, nor the other way round. It tells its
// parent over IPC where it listens and, every 10 ms, which comment writes arrived (with the stub's own
// arrival time). The stub records every call and keeps every comment; the bench would make that O(n²)
// (listing an issue's comments filters all of them), so handed-over calls are dropped and comments are
// kept for a minute, much longer than any retry of a job that could need to find its own comment.
import type { RecordedCall } from '../stubs/http-stub.js';
import { startLinearStub } from '../stubs/linear-stub.js';
import { BENCH_TEAM_ID, issueIdFor, type CommentWrite, type StubCommand, type StubMessage } from './bench-stack.js';

const REPORT_EVERY_MS = 10;
const KEEP_COMMENTS_MS = 60_000;

const send = (message: StubMessage): void => { process.send?.(message); };

function commentWrite(call: RecordedCall, issueOfComment: (commentId: string) => string | undefined): CommentWrite | null {
  const vars = (call.body as { variables?: { id?: unknown; input?: { issueId?: unknown } } } | undefined)?.variables;
  if (call.operation === 'createComment') return { op: 'createComment', issueId: String(vars?.input?.issueId), at: call.at };
  if (call.operation === 'updateComment') return { op: 'updateComment', issueId: issueOfComment(String(vars?.id)) ?? 'unknown', at: call.at };
  return null;
}

const stub = await startLinearStub();
stub.state.teams.set(BENCH_TEAM_ID, { id: BENCH_TEAM_ID, key: 'BEN', name: 'Bench' });

process.on('message', (command: StubCommand) => {
  if (command.kind !== 'seed') return;
  for (let n = command.from; n < command.to; n++) {
    const id = issueIdFor(command.run, n);
    stub.state.issues.set(id, {
      id, identifier: `BEN-${n}`, title: 'Add CSV export', description: null, teamId: BENCH_TEAM_ID,
      creatorId: null, labelIds: [], createdAt: '2025-09-01T09:00:00.000Z',
    });
  }
  send({ kind: 'seeded', upTo: command.to - 1 });
});
process.on('disconnect', () => { void stub.close().finally(() => process.exit(0)); });
process.on('SIGTERM', () => { void stub.close().finally(() => process.exit(0)); });

setInterval(() => {
  const calls = stub.calls.splice(0);
  if (calls.length === 0) return;
  const issueOfComment = (id: string): string | undefined => stub.state.comments.find((c) => c.id === id)?.issueId;
  const writes = calls.map((call) => commentWrite(call, issueOfComment)).filter((w): w is CommentWrite => w !== null);
  const cutoff = new Date(Date.now() - KEEP_COMMENTS_MS).toISOString();
  if (stub.state.comments.length > 0 && stub.state.comments[0]!.createdAt < cutoff) {
    stub.state.comments = stub.state.comments.filter((c) => c.createdAt >= cutoff);
  }
  send({ kind: 'writes', writes, calls: calls.length });
}, REPORT_EVERY_MS);

send({ kind: 'ready', url: stub.url });
