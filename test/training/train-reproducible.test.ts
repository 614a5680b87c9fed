import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SHIPPED_WEIGHTS_FILE } from '../../src/packs/shipped-judgement.js';

const root = new URL('../..', import.meta.url).pathname;

describe('npm run train', () => {
  it('rebuilds the shipped weights byte for byte from corpus/tickets.jsonl', async () => {
    // The compiled trainer (npm test builds first): under ts-jest the same fit takes three times as long.
    const dir = mkdtempSync(join(tmpdir(), 'ticketlint-train-'));
    try {
      const out = join(dir, 'weights.json');
      await promisify(execFile)(process.execPath, ['dist/src/training/train-main.js', 'corpus/tickets.jsonl', out], { cwd: root });
      expect(readFileSync(out, 'utf8') === readFileSync(SHIPPED_WEIGHTS_FILE, 'utf8')).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 600_000);
});
