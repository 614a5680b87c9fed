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

  it('fits the same weights on one thread as on two, the folds fitted side by side', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticketlint-train-'));
    try {
      const train = (threads: number) => promisify(execFile)(process.execPath,
        ['dist/src/training/train-main.js', 'test/fixtures/corpus/labelled-small.jsonl', join(dir, `${threads}.json`), '--threads', String(threads)], { cwd: root });
      await train(1);
      await train(2);
      const one = readFileSync(join(dir, '1.json'), 'utf8');
      expect(one).toMatch(/"version": "learned-\d+-[0-9a-f]{8}"/);
      expect(readFileSync(join(dir, '2.json'), 'utf8') === one).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
