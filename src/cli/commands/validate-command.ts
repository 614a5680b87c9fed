import { basename, extname } from 'node:path';
import { ExitCode, writeLine, type CliIo } from '../cli-io.js';
import { loadPackFor, type RulePack } from '../pack-option.js';

/** `ticketlint validate PATH`: "PATH: ok (7 rules, extends product-sense)"; an invalid pack is thrown (exit 2). */
export function validateCommand(path: string, io: CliIo): ExitCode {
  const pack = loadPackFor(path, io.cwd);
  writeLine(io.stdout, `${path}: ok (${describePack(pack)})`);
  return ExitCode.ok;
}

export function describePack(pack: RulePack): string {
  const rules = pack.rules.length;
  const off = pack.rules.filter((r) => r.level === 'off').length;
  const parts = [`${rules} ${rules === 1 ? 'rule' : 'rules'}`];
  if (off) parts.push(`${off} off`);
  const bases = pack.files.filter((f) => f !== pack.file).map((f) => basename(f, extname(f)));
  if (bases.length) parts.push(`extends ${bases.join(', ')}`);
  return parts.join(', ');
}
