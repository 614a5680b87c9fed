// Processes as the fault tests run them: node on dist/ (built by `npm test` / `npm run test:faults`,
// or here when dist/ is missing or older than the sources), with their output kept for assertions.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = process.cwd();

export interface SpawnedProcess {
  readonly child: ChildProcess;
  output(): string;
  readonly exited: Promise<number | null>;
}

function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs));
}

/** Builds dist/ (the processes and the benchmarks: tsconfig.bench.json) when it is missing or older than src/ and workers/. */
export function ensureBuilt(): void {
  const built = join(ROOT, 'dist/workers/main.js');
  const newest = Math.max(newestSource(join(ROOT, 'src')), newestSource(join(ROOT, 'workers')));
  if (existsSync(built) && statSync(built).mtimeMs >= newest) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.bench.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(built)) throw new Error(`the build did not produce dist/: ${build.stdout}${build.stderr}`);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `node <args>` in `cwd` (default the project folder) with only PATH and `env` in its environment. */
export function spawnNode(args: string[], env: Record<string, string>, cwd = ROOT): SpawnedProcess {
  const child = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  child.stderr!.on('data', (chunk: Buffer) => { output += chunk.toString('utf8'); });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls `check` every 25 ms until it is true; throws `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 25))) {
    if (await check()) return;
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting until ${what}`);
}
