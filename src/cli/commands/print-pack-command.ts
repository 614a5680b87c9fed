import { stringify } from 'yaml';
import type { Ticket } from '../../domain/ticket.js';
import { analyseTicket } from '../../lint/analysis.js';
import { lint } from '../../lint/lint.js';
import { rulesFor } from '../../lint/pack/apply-overrides.js';
import { deliverableProfileFor } from '../../lint/pack/deliverable-profile.js';
import type { CompiledRule, RulePack } from '../../lint/pack/rule-pack.js';
import { matchesFilter } from '../../lint/pack/ticket-filter.js';
import { wouldComment } from '../../lint/verdict.js';
import { ExitCode, writeLine, type CliIo } from '../cli-io.js';
import { loadPackFor } from '../pack-option.js';
import { describeOverlap } from './validate-command.js';
import { ticketFromFlags, type TicketFlags } from './lint-command.js';

/**
 * `ticketlint print-pack NAME`: the pack as lint() runs it, every `extends` merged and every default
 * filled in, as YAML; overlapping deliverable profiles as comments. With `--title` (and `--body`,
 * `--team`, `--kind`, `--labels`), comments saying which profile the ticket matched and how each rule
 * stands for it once overrides and `when` are applied.
 */
export function printPackCommand(ref: string, flags: TicketFlags, io: CliIo): ExitCode {
  const pack = loadPackFor(ref, io.cwd);
  writeLine(io.stdout, stringify(packAsData(pack), { lineWidth: 0 }).trimEnd());
  for (const overlap of pack.deliverableOverlaps) writeLine(io.stdout, `# note: ${describeOverlap(overlap)}`);
  const ticket = ticketFromFlags(flags);
  if (ticket) writeLine(io.stdout, ['', ...ticketLines(ticket, pack)].map((line) => (line ? `# ${line}` : '')).join('\n'));
  return ExitCode.ok;
}

function packAsData(pack: RulePack): Record<string, unknown> {
  return {
    name: pack.name,
    description: pack.description,
    files: pack.files,
    vocabulary: pack.vocabulary,
    deliverables: pack.deliverables,
    defaultAlternatives: pack.defaultAlternatives,
    defaultWho: pack.defaultWho,
    labels: pack.labels,
    exempt: pack.exempt,
    rules: Object.fromEntries(pack.rules.map((rule) => [rule.id, ruleAsData(rule)])),
    overrides: pack.overrides.map((o) => ({ ...o.filter, rules: Object.fromEntries([...o.rules].map(([id, c]) => [id, { ...c, options: undefined, ...c.options }])) })),
  };
}

/** A rule as a pack would write it: kind, level, message, question, when (if any) and the kind's options. */
function ruleAsData(rule: CompiledRule): Record<string, unknown> {
  const when = Object.keys(rule.when).length > 0 ? { when: rule.when } : {};
  return { kind: rule.kind, level: rule.level, message: rule.message, question: rule.question, ...when, ...rule.options };
}

function ticketLines(ticket: Ticket, pack: RulePack): string[] {
  const analysis = analyseTicket(ticket, pack.vocabulary);
  const profile = deliverableProfileFor(analysis, pack);
  const output = analysis.signals.deliverable.output;
  const team = ticket.team ? ` (team ${ticket.team})` : '';
  const lines = [
    `for "${ticket.title}"${team}: deliverable ${output ? `"${output}"` : 'not found'}, profile ${profile ? profile.name : 'none (the pack defaults)'}; read as ${analysis.kind}`,
  ];
  const base = new Map(pack.rules.map((rule) => [rule.id, rule]));
  for (const rule of rulesFor(pack, ticket, analysis.kind)) {
    const notes: string[] = [];
    if (rule.level !== base.get(rule.id)?.level) notes.push('overridden');
    if (!matchesFilter(rule.when, ticket, analysis.kind)) notes.push('its when does not match: says nothing');
    lines.push(`${rule.id}: ${rule.level}${notes.length ? ` (${notes.join('; ')})` : ''}`);
  }
  lines.push(`would comment: ${wouldComment(lint(ticket, pack)) ? 'yes' : 'no'}`);
  return lines;
}
