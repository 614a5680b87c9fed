// The floor the benchmarks compare ticketlint with: the least a webhook-to-queue-to-HTTP pipeline on
// the same express, BullMQ and Redis can do on this machine. No signature, no parsing beyond JSON, no
// lint, no retention options, no ticket state.
//   node dist/test/bench/bare-pipeline.js server       POST /webhooks/linear and /jira: queue.add(body), answer 200
//   node dist/test/bench/bare-pipeline.js worker-post  a Worker whose job POSTs one createComment to LINEAR_API_URL
//   node dist/test/bench/bare-pipeline.js worker-noop  a Worker whose job does nothing
// Env: PORT (GET /readyz answers there), REDIS_URL, LINEAR_API_URL, CONCURRENCY (default 5, ticketlint's).
import { createServer } from 'node:http';
import { Queue, Worker, type Job } from 'bullmq';
import express from 'express';
import { Redis } from 'ioredis';
import { TICKET_EVENTS_QUEUE } from '../../src/queue/ticket-job.js';

const mode = process.argv[2];
const port = Number(process.env.PORT ?? 0);
const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
const concurrency = Number(process.env.CONCURRENCY ?? 5);

const CREATE_COMMENT = 'mutation createComment($input: CommentCreateInput!) { commentCreate(input: $input) { success comment { id } } }';

/** The issue id of a job: a bare job holds the webhook body, a ticketlint job the parsed event. */
function issueIdOf(job: Job): string {
  const data = job.data as { body?: { data?: { id?: string } }; event?: { ticketRef?: { id?: string } } };
  return data.body?.data?.id ?? data.event?.ticketRef?.id ?? 'unknown';
}

async function postComment(job: Job): Promise<void> {
  const response = await fetch(process.env.LINEAR_API_URL!, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'lin_api_bench' },
    body: JSON.stringify({ query: CREATE_COMMENT, variables: { input: { issueId: issueIdOf(job), body: 'Who needs this, and why?' } } }),
  });
  if (!response.ok) throw new Error(`the stub answered ${response.status}`);
  await response.text();
}

function serveReady(): void {
  createServer((req, res) => res.writeHead(req.url === '/readyz' ? 200 : 404).end()).listen(port, '127.0.0.1');
}

if (mode === 'server') {
  const queue = new Queue(TICKET_EVENTS_QUEUE, { connection });
  const app = express();
  app.get('/readyz', (_req, res) => { res.sendStatus(200); });
  for (const provider of ['linear', 'jira']) {
    app.post(`/webhooks/${provider}`, express.json({ limit: '1mb' }), async (req, res) => {
      const job = await queue.add('ticket.created', { body: req.body as unknown, receivedAt: Date.now() });
      res.json({ jobId: job.id });
    });
  }
  app.listen(port, '127.0.0.1');
} else if (mode === 'worker-post' || mode === 'worker-noop') {
  const work = mode === 'worker-post' ? postComment : async (): Promise<void> => undefined;
  const worker = new Worker(TICKET_EVENTS_QUEUE, work, { connection, concurrency });
  worker.on('error', (error) => { process.stderr.write(`${String(error)}\n`); });
  process.on('SIGTERM', () => { void worker.close().finally(() => process.exit(0)); });
  serveReady();
} else {
  process.stderr.write('usage: bare-pipeline.js server | worker-post | worker-noop\n');
  process.exit(2);
}
