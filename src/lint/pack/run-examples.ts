import { makeTicket, type Ticket } from '../../domain/ticket.js';
import { lint } from '../lint.js';
import type { Finding, Verdict } from '../verdict.js';
import type { Example } from './pack-schema.js';
import type { RulePack } from './rule-pack.js';

/** How one example of a pack fared; `problem` says what went wrong when `ok` is false. */
export interface ExampleOutcome {
  kind: 'flagged' | 'passes';
  index: number;
  title: string;
  ok: boolean;
  problem: string | null;
}

/**
 * Runs a pack's own examples through `lint()`, as ESLint's RuleTester runs a rule's valid and
 * invalid cases. A flagged example must get every rule it lists, or, listing none, a finding at
 * warn or error; a passing example must get no finding at warn or error.
 */
export function runPackExamples(pack: RulePack): ExampleOutcome[] {
  return [
    ...pack.examples.flagged.map((example, index) => runExample(pack, 'flagged', index, example)),
    ...pack.examples.passes.map((example, index) => runExample(pack, 'passes', index, example)),
  ];
}

function runExample(pack: RulePack, kind: ExampleOutcome['kind'], index: number, example: Example): ExampleOutcome {
  const verdict = lint(exampleTicket(pack, kind, index, example), pack);
  const problem = verdict.exemptBecause
    ? `the example is exempt (${verdict.exemptBecause}), so nothing is linted`
    : kind === 'flagged' ? flaggedProblem(example, verdict) : passesProblem(verdict);
  return { kind, index, title: example.title, ok: problem === null, problem };
}

function exampleTicket(pack: RulePack, kind: string, index: number, example: Example): Ticket {
  return makeTicket({
    id: `${pack.name}/examples.${kind}.${index}`,
    title: example.title,
    description: example.body,
    kind: example.kind,
    labels: example.labels,
    team: example.team,
    author: example.author,
  });
}

function flaggedProblem(example: Example, verdict: Verdict): string | null {
  const fired = new Set(verdict.findings.map((f) => f.rule));
  const missing = (example.rules ?? []).filter((rule) => !fired.has(rule));
  if (missing.length) return `expected ${missing.join(', ')} to fire; ${describeFindings(verdict.findings)}`;
  if (!example.rules?.length && !verdict.findings.some(isWarnOrError)) {
    return `expected a finding at warn or error; ${describeFindings(verdict.findings)}`;
  }
  return null;
}

function passesProblem(verdict: Verdict): string | null {
  const loud = verdict.findings.filter(isWarnOrError);
  return loud.length ? `expected no finding at warn or error; ${describeFindings(loud)}` : null;
}

function isWarnOrError(finding: Finding): boolean {
  return finding.level === 'warn' || finding.level === 'error';
}

function describeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return 'nothing fired';
  return `got ${findings.map((f) => `${f.rule} (${f.level}): ${f.message}`).join('; ')}`;
}
