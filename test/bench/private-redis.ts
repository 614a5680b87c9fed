import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort, until } from '../faults/spawned-process.js';

/**
 * A redis-server of the benchmark's own, on a free port, keeping nothing on disk (as the machine's
 * Redis): its memory and keys are the benchmark's alone, and nobody else's load lands on it.
 */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** A client for inspecting it (INFO, key counts); closed by stop(). */
  readonly client: Redis;
  /** `used_memory` in bytes, from INFO memory. */
  usedMemory(): Promise<number>;
  /** The pid of the redis-server process. */
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'ticketlint-bench-redis-'));
  const server: ChildProcess = spawn('redis-server', [
    '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir,
  ], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 50 });
  client.on('error', () => undefined);
  await until('the private redis-server answers', async () => {
    try {
      if (client.status !== 'ready') await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    }
  });
  return {
    url, port, client, pid: server.pid!,
    async usedMemory() {
      const info = await client.info('memory');
      return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
    },
    async stop() {
      client.disconnect();
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
