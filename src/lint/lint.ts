import type { Ticket } from '../domain/ticket.js';
import { analyseTicket } from './analysis.js';
import type { RuleContext } from './kinds/rule-kind.js';
import { RULE_KINDS } from './kinds/rule-kinds.js';
import type { CompiledRule, RulePack } from './pack/rule-pack.js';
import { renderTemplate, type TemplateValues } from './pack/template.js';
import { templateValuesFor } from './pack/template-values.js';
import type { Finding, Verdict } from './verdict.js';

/**
 * Lints one ticket under one pack: the rules that are on and whose `when` matches the ticket report
 * findings, rendered with the pack's templates; `questions` are the findings' questions,
 * deduplicated, in rule order. A ticket with an exempt label or author gets no findings.
 */
export function lint(ticket: Ticket, pack: RulePack): Verdict {
  const analysis = analyseTicket(ticket, pack.vocabulary);
  const verdict = { id: ticket.id, analysis, outputOnly: analysis.outputOnly };
  const exemptBecause = exemption(ticket, pack);
  if (exemptBecause) return { ...verdict, exemptBecause, findings: [], questions: [] };
  const context: RuleContext = { ticket, analysis };
  let values: TemplateValues | undefined;
  // Template values (profile match, alternatives) cost time; a good ticket fires no rule and never needs them.
  const valuesOnce = (): TemplateValues => (values ??= templateValuesFor(ticket, analysis, pack));
  // Plain loops: flatMap builds an array per rule and costs more than the rules themselves.
  const findings: Finding[] = [];
  for (const rule of pack.rules) {
    for (const finding of runRule(rule, context, valuesOnce)) findings.push(finding);
  }
  const questions = new Set<string>();
  for (const finding of findings) if (finding.question) questions.add(finding.question);
  return { ...verdict, exemptBecause: null, findings, questions: [...questions] };
}

function runRule(rule: CompiledRule, context: RuleContext, valuesOnce: () => TemplateValues): Finding[] {
  if (rule.level === 'off' || !applies(rule, context)) return [];
  const kind = RULE_KINDS.get(rule.kind);
  if (!kind) throw new Error(`rule ${rule.id} names the unknown kind ${rule.kind}; build packs with compilePack`);
  const level = rule.level;
  return kind.check(context, rule.options).map((draft) => ({
    rule: rule.id,
    level,
    message: renderTemplate(rule.message, valuesOnce()),
    question: rule.question === null ? null : renderTemplate(rule.question, valuesOnce()),
    evidence: draft.evidence,
  }));
}

/** Every filter a rule's `when` sets must hold; within one filter, any listed value will do. */
function applies(rule: CompiledRule, { ticket, analysis }: RuleContext): boolean {
  const { kinds, labels, teams } = rule.when;
  if (kinds && !kinds.includes(analysis.kind)) return false;
  if (labels && !ticket.labels.some((label) => includesIgnoringCase(labels, label))) return false;
  if (teams && !(ticket.team !== null && includesIgnoringCase(teams, ticket.team))) return false;
  return true;
}

function exemption(ticket: Ticket, pack: RulePack): string | null {
  const label = ticket.labels.find((l) => includesIgnoringCase(pack.exempt.labels, l));
  if (label !== undefined) return `label "${label}"`;
  if (ticket.author !== null && includesIgnoringCase(pack.exempt.authors, ticket.author)) return `author "${ticket.author}"`;
  return null;
}

function includesIgnoringCase(list: readonly string[], value: string): boolean {
  const wanted = value.trim().toLowerCase();
  return list.some((item) => item.trim().toLowerCase() === wanted);
}
