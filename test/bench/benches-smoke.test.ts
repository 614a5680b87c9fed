/// <reference types="jest" />
// The build compiles test/bench without jest's types; this reference brings them in for this file.
// Each benchmark, as `npm run bench:*` runs it from dist/, with tiny parameters: it starts its private
// Redis, the stub and the real processes, every ticket gets its one comment, and it prints its table.
// No timing is asserted; the figures themselves come from the full runs (see README, Performance).
import { spawn } from 'node:child_process';
import { ensureBuilt } from '../faults/spawned-process.js';

function runBench(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`dist/test/bench/${script}`, ...args], { cwd: process.cwd(), env: { PATH: process.env.PATH ?? '' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString('utf8'); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString('utf8'); });
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

// The five start side by side: each has its own Redis on a free port, its own stub and processes, and
// most of their time is spent waiting out fixed windows, so together they take little longer than the
// slowest alone.
const BENCHES = {
  endToEnd: ['end-to-end.bench.js', ['--seconds', '1', '--warmup', '1', '--rates', '10']],
  llm: ['llm.bench.js', ['--seconds', '1', '--warmup', '1', '--rate', '5', '--model-ms', '200', '--concurrency', '5']],
  workers: ['workers.bench.js', ['--jobs', '40', '--processes', '1']],
  ingest: ['ingest.bench.js', ['--seconds', '1', '--rounds', '1', '--connections', '10']],
  memory: ['memory.bench.js', ['--webhooks', '50']],
} as const;
type BenchName = keyof typeof BENCHES;
const runs = new Map<BenchName, ReturnType<typeof runBench>>();

beforeAll(async () => {
  await ensureBuilt();
  for (const [name, [script, args]] of Object.entries(BENCHES) as [BenchName, (typeof BENCHES)[BenchName]][]) runs.set(name, runBench(script, [...args]));
}, 120_000);

const finished = (name: BenchName): ReturnType<typeof runBench> => runs.get(name)!;

describe('the benchmarks run end to end with tiny parameters', () => {
  it('end to end: every webhook gets exactly one comment, ticketlint and the bare pipeline side by side', async () => {
    const { code, stdout, stderr } = await finished('endToEnd');
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^\| bare \| 10 \| 10 \| \d+ \| 0 \| 10 \|/m);
    expect(stdout).toMatch(/^\| ticketlint \| 10 \| 10 \| \d+ \| 0 \| 10 \|/m);
    expect(stdout).toContain('Node v');
    expect(stdout).not.toContain('NOT EVERY WEBHOOK');
  }, 90_000);

  it('language-model judge: every webhook gets one comment from one call to the stub model, next to the offline judge', async () => {
    const { code, stdout, stderr } = await finished('llm');
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^\| offline \| 5 \| 5 \| 5 \| 0 \| 5 \| 0 \|/m);
    expect(stdout).toMatch(/^\| llm \| 5 \| 5 \| 5 \| 0 \| 5 \| 5 \| [1-5] \|/m);
    expect(stdout).not.toContain('NOT EVERY WEBHOOK');
  }, 90_000);

  it('workers: one worker process drains the queue, one comment per job, next to the no-op baseline', async () => {
    const { code, stdout, stderr } = await finished('workers');
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^\| 1 \| bare \(no-op\) \| 40 \|/m);
    expect(stdout).toMatch(/^\| 1 \| ticketlint \| 40 \| [\d.]+ \| \d+ \| 40 \| 0 \|/m);
  }, 90_000);

  it('ingest: ticketlint and bare express answer signed Linear and Jira webhooks, every 2xx with its stored job', async () => {
    const { code, stdout, stderr } = await finished('ingest');
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    for (const route of ['linear', 'jira']) {
      expect(stdout).toMatch(new RegExp(`^\\| ${route} \\| bare express \\| \\d+ \\| [\\d.]+ / [\\d.]+ \\| \\d+ \\| 1 \\|$`, 'm'));
      expect(stdout).toMatch(new RegExp(`^\\| ${route} \\| naive queue\\.add \\| \\d+ \\| [\\d.]+ / [\\d.]+ \\| \\d+ \\(\\+ \\d+\\) \\| [\\d.]+ \\([\\d.]+–[\\d.]+\\) \\|$`, 'm'));
      expect(stdout).toMatch(new RegExp(`^\\| ${route} \\| ticketlint \\| \\d+ \\| [\\d.]+ / [\\d.]+ \\| \\d+ \\(\\+ \\d+\\) \\| \\*\\*[\\d.]+ \\([\\d.]+–[\\d.]+\\)\\*\\* \\|$`, 'm'));
    }
    expect(stdout).toContain('non-2xx answers or errors: 0');
  }, 90_000);

  it('memory: the keys one ticket leaves are counted by kind, next to the keep-everything baseline', async () => {
    const { code, stdout, stderr } = await finished('memory');
    expect({ code, stderr: code === 0 ? '' : stderr }).toEqual({ code: 0, stderr: '' });
    expect(stdout).toMatch(/^\| ticket state \| 50 \| \d+ \| [\d.]+ \| 90\.0 d \|/m);
    // Sampled some seconds after they were set (under load, up to a minute): 8 h less those seconds.
    expect(stdout).toMatch(/^\| signed body seen \(seen:\) \| 50 \| \d+ \| [\d.]+ \| (?:8\.00|7\.9\d) h \|/m);
    expect(stdout).toMatch(/^\| delivery id taken \(delivery:\) \| 50 \| \d+ \| [\d.]+ \| (?:8\.00|7\.9\d) h \|/m);
    expect(stdout).not.toMatch(/^\| other \|/m);
    expect(stdout).toMatch(/^\| job \| 50 \|/m);
    expect(stdout).toMatch(/^\| bare BullMQ queue\.add, defaults \(every completed job kept\) \| 50 \|/m);
  }, 90_000);
});
