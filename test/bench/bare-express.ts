// The baseline of the ingest benchmark: express reading the same webhook bodies (raw, same limit) on
// the same routes and answering 200 at once, with no verification and no queue. Run as its own process:
// `PORT=n node dist/test/bench/bare-express.js`; GET /readyz answers 200 once it listens.
import express from 'express';
import type { AddressInfo } from 'node:net';

const app = express();
app.disable('x-powered-by');
const raw = express.raw({ type: () => true, limit: 1024 * 1024 });
for (const provider of ['linear', 'jira']) {
  app.post(`/webhooks/${provider}`, raw, (req, res) => {
    res.status(200).json({ received: Buffer.isBuffer(req.body) ? req.body.length : 0 });
  });
}
app.get('/readyz', (_req, res) => {
  res.json({ status: 'ready' });
});
const server = app.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  console.log(`listening ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
