/**
 * `npm run bench`: every benchmark in turn, each in a process of its own (so one's heap and JIT state
 * cannot colour the next), with the flags given here passed on (`npm run bench -- --quick` for a smoke
 * run). Exits non-zero when any benchmark does, after running the rest.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES: readonly { readonly name: string; readonly script: string; readonly nodeFlags?: readonly string[] }[] = [
  { name: 'lint', script: 'lint.bench.js', nodeFlags: ['--single-threaded'] },
  { name: 'ingest', script: 'ingest.bench.js' },
  { name: 'end to end', script: 'end-to-end.bench.js' },
  { name: 'language-model judge', script: 'llm.bench.js' },
  { name: 'workers', script: 'workers.bench.js' },
  { name: 'memory', script: 'memory.bench.js' },
];

const flags = process.argv.slice(2);
const failed: string[] = [];
for (const bench of BENCHES) {
  console.log(`\n## ${bench.name}\n`);
  const script = join(import.meta.dirname, bench.script);
  const run = spawnSync(process.execPath, [...(bench.nodeFlags ?? []), script, ...flags], { stdio: 'inherit' });
  if (run.status !== 0) failed.push(`${bench.name} (exit ${run.status ?? run.signal})`);
}
if (failed.length > 0) {
  console.error(`\nfailed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
