// The CLI as a user runs it: `node bin/ticketlint.js`, spawned, reading dist/. `npm test` builds dist/
// first; when dist/ is missing or older than src/cli (jest run on its own), this file builds it once.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { BARE_BUG_PACK, bug, scratchDir, task } from './cli-harness.js';

const ROOT = process.cwd();
const scratch = scratchDir();
const pack = scratch.write('bare-bug.yaml', BARE_BUG_PACK);

function newestSource(dir: string): number {
  return Math.max(...readdirSync(dir, { withFileTypes: true }).map((e) =>
    e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs));
}

beforeAll(() => {
  const built = join(ROOT, 'dist/src/cli/main.js');
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource(join(ROOT, 'src/cli'))) return;
  const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(built)) throw new Error(`npm run build did not produce dist/: ${build.stdout}${build.stderr}`);
}, 120_000);
afterAll(() => scratch.remove());

function ticketlint(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [join(ROOT, 'bin/ticketlint.js'), ...args], {
    cwd: scratch.dir, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bin/ticketlint.js', () => {
  it('reads JSON Lines from standard input and sets exit code 1 for an error-level finding', () => {
    const run = ticketlint(['lint', '--pack', pack, '--format', 'json'], [task('Bump eslint'), bug('Login is broken')].join('\n'));
    expect(run.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(['1', '2']);
    expect(run.status).toBe(1);
  });

  it('sets exit code 0 when nothing is at error level', () => {
    expect(ticketlint(['lint', '--pack', pack], task('Bump eslint')).status).toBe(0);
  });

  it('sets exit code 2 and says why for a pack that does not exist', () => {
    const run = ticketlint(['validate', 'nowhere.yaml']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('nowhere.yaml');
  });

  it('validates a pack file', () => {
    const run = ticketlint(['validate', 'bare-bug.yaml']);
    expect(run.stdout).toBe('bare-bug.yaml: ok (1 rule)\n');
    expect(run.status).toBe(0);
  });

  it('prints help with examples', () => {
    const run = ticketlint(['lint', '--help']);
    expect(run.stdout).toContain('Examples:');
    expect(run.status).toBe(0);
  });
});
