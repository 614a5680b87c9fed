import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { until } from './spawned-process.js';

/** A private redis-server with an append-only file in `dir`, so a restart keeps what it acknowledged. */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  constructor(readonly port: number, private readonly dir: string) {}

  get url(): string { return `redis://127.0.0.1:${this.port}`; }

  async start(): Promise<void> {
    this.process = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'yes', '--dir', this.dir], { stdio: 'ignore' });
    await until('the private Redis answers PING', () => this.answers(), 10_000);
  }

  /** SHUTDOWN (which writes the append-only file out), then waits for the process to end. */
  async shutdown(): Promise<void> {
    const running = this.process;
    if (!running) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    await client.connect();
    await client.call('SHUTDOWN').catch(() => undefined);
    client.disconnect();
    await exited;
    this.process = null;
  }

  kill(): void {
    this.process?.kill('SIGKILL');
  }

  private async answers(): Promise<boolean> {
    const client = new Redis(this.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
