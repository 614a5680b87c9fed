/// <reference types="jest" />
// Runs the built benchmark in its smoke mode: the script must work, whatever the machine's speed.
// `npm test` builds dist/ first; run `npm run build:bench` before running this file on its own.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

describe('npm run bench:lint', () => {
  it('prints figures for the title-only, typical, long and pathological sets, with a baseline, as JSON', () => {
    const run = spawnSync(process.execPath, ['--single-threaded', join(process.cwd(), 'dist/test/bench/lint.bench.js'), '--quick', '--json'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as { results: { set: string; lint: { perSecond: number; p99Us: number }; baseline: { perSecond: number }; ratio: number }[] };
    expect(report.results.map((r) => r.set)).toEqual(['title-only', 'typical', 'long', 'pathological (1 MB)']);
    for (const r of report.results) {
      expect(r.lint.perSecond).toBeGreaterThan(0);
      expect(r.lint.p99Us).toBeGreaterThan(0);
      expect(r.ratio).toBeCloseTo(r.baseline.perSecond / r.lint.perSecond);
    }
  }, 60_000);
});
