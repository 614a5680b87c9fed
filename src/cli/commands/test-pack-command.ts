import { runPackExamples } from '../../lint/pack/run-examples.js';
import { ExitCode, writeLine, type CliIo } from '../cli-io.js';
import { loadPackFor } from '../pack-option.js';
import { paintFor } from '../text-style.js';
import { oneLine } from '../verdict-text.js';

/**
 * `ticketlint test-pack PATH`: each example with ✓ or ✗ and, when it fails, why. Exit 1 when any
 * fails; a pack that does not load is thrown (exit 2).
 */
export function testPackCommand(path: string, io: CliIo): ExitCode {
  const pack = loadPackFor(path, io.cwd);
  const paint = paintFor(io.stdout, io.env ?? {});
  const results = runPackExamples(pack);
  for (const r of results) {
    const mark = r.ok ? paint('green', '✓') : paint('red', '✗');
    const name = `${r.kind.padEnd(7)} #${String(r.index + 1).padEnd(3)} ${oneLine(r.title, 70)}`;
    writeLine(io.stdout, `${mark} ${name}${r.ok ? '' : `\n    ${paint('red', r.problem ?? 'failed')}`}`);
  }
  const failed = results.filter((r) => !r.ok).length;
  if (results.length === 0) writeLine(io.stdout, paint('yellow', `${path}: no examples to run`));
  else if (failed === 0) writeLine(io.stdout, paint('green', `${path}: all ${results.length} examples pass`));
  else writeLine(io.stdout, paint('red', `${path}: ${failed} of ${results.length} examples fail`));
  return failed > 0 ? ExitCode.findings : ExitCode.ok;
}
