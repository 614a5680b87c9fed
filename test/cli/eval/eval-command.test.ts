import { readFileSync } from 'node:fs';
import { makeTicket } from '../../../src/domain/ticket.js';
import { lint } from '../../../src/lint/lint.js';
import { loadPack } from '../../../src/packs/load-pack.js';
import { runInProcess, scratchDir } from '../cli-harness.js';

const CORPUS = 'test/fixtures/cli/labelled-corpus.jsonl';

interface Line { id: string; title: string; body: string; label: { kind: string; output_only: boolean; has_user: boolean } }
const lines = readFileSync(CORPUS, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Line);

/** The outputOnly and user counts, tallied here straight from lint() and the labels, to check the eval's plumbing. */
function tally(predict: (v: ReturnType<typeof lint>) => boolean, expect: (l: Line) => boolean): Record<'tp' | 'fp' | 'fn' | 'tn', number> {
  const pack = loadPack('product-sense');
  const counts = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const line of lines) {
    const got = predict(lint(makeTicket({ id: line.id, title: line.title, description: line.body }), pack));
    const want = expect(line);
    counts[got ? (want ? 'tp' : 'fp') : want ? 'fn' : 'tn']++;
  }
  return counts;
}

async function evalJson(args: string[]): Promise<Record<string, any>> {
  const run = await runInProcess(['eval', CORPUS, '--json', ...args]);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as Record<string, any>;
}

describe('ticketlint eval on a small invented corpus', () => {
  it('scores every ticket, with the counts lint() and the labels give', async () => {
    const figures = await evalJson([]);
    expect(figures['tickets']).toBe(lines.length);
    expect(figures['outputOnly']).toMatchObject(tally((v) => v.outputOnly, (l) => l.label.output_only));
    expect(figures['signals'].user).toMatchObject(tally((v) => v.analysis.signals.user.present, (l) => l.label.has_user));
    const confusion = figures['kind'].confusion as Record<string, Record<string, number>>;
    const total = Object.values(confusion).flatMap((row) => Object.values(row)).reduce((a, b) => a + b, 0);
    expect(total).toBe(lines.length);
    expect(Object.values(confusion['task']!).reduce((a, b) => a + b, 0)).toBe(lines.filter((l) => l.label.kind === 'task').length);
  });

  it('splits the corpus into dev and holdout tickets that together make up the whole', async () => {
    const [dev, holdout] = await Promise.all([evalJson(['--split', 'dev']), evalJson(['--holdout'])]);
    expect(dev['split']).toBe('dev');
    expect(holdout['split']).toBe('holdout');
    expect(dev['tickets'] + holdout['tickets']).toBe(lines.length);
    expect(dev['outputOnly'].tp + holdout['outputOnly'].tp).toBe(tally((v) => v.outputOnly, (l) => l.label.output_only).tp);
  });

  it('prints a table with a row per measure and the kind confusion matrix', async () => {
    const run = await runInProcess(['eval', CORPUS]);
    for (const row of ['outputOnly', 'good tickets wrongly flagged', 'user', 'outcome', 'successMeasure', 'alternatives', 'kind accuracy', 'expected \\ got']) {
      expect(run.stdout).toContain(row);
    }
    expect(run.stdout).toContain(`(${lines.length} tickets)`);
  });

  it('lists only the misses of the field asked for', async () => {
    const figures = await evalJson(['--field', 'user']);
    const misses = figures['misses'] as { field: string }[];
    const user = figures['signals'].user as { fp: number; fn: number };
    expect(misses.every((m) => m.field === 'user')).toBe(true);
    expect(misses).toHaveLength(user.fp + user.fn);
  });

  it('refuses a corpus with a bad line, naming the line, with exit 2', async () => {
    const scratch = scratchDir();
    const file = scratch.write('bad.jsonl', readFileSync(CORPUS, 'utf8').split('\n')[0] + '\n{"id": "x", "title": "t", "body": ""}\n');
    const run = await runInProcess(['eval', file]);
    scratch.remove();
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('line 2: label');
  });
});
