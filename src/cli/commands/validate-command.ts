import { basename, extname } from 'node:path';
import { ExitCode, writeLine, type CliIo } from '../cli-io.js';
import type { DeliverableOverlap } from '../../lint/pack/deliverable-overlap.js';
import { loadPackFor, type RulePack } from '../pack-option.js';

/**
 * `ticketlint validate PATH`: "PATH: ok (7 rules, extends product-sense)", then a note for each pair
 * of deliverable profiles that can match the same words and which of them wins; an invalid pack is
 * thrown (exit 2). An overlap is no error: it may be the point of a child's profile.
 */
export function validateCommand(path: string, io: CliIo): ExitCode {
  const pack = loadPackFor(path, io.cwd);
  writeLine(io.stdout, `${path}: ok (${describePack(pack)})`);
  for (const overlap of pack.deliverableOverlaps) writeLine(io.stdout, `  note: ${describeOverlap(overlap)}`);
  return ExitCode.ok;
}

/** `deliverables: "invoices" (acme.yaml) and "export" (rules/product-sense.yaml) both match csv; "invoices" wins, ...` */
export function describeOverlap({ winner, loser, terms }: DeliverableOverlap): string {
  const why = winner.file === loser.file ? 'it is listed first' : "a pack's own profile wins over one it extends";
  return `deliverables: "${winner.name}" (${winner.file}) and "${loser.name}" (${loser.file}) both match ${terms.join(', ')}; "${winner.name}" wins (${why})`;
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
