import type { Ticket } from '../domain/ticket.js';
import { analyseTicket } from './analysis.js';
import { applyReading, type JudgeReading } from './judge/judge.js';
import { modelQuestion } from './judge/model-question.js';
import { JUDGED_LANGUAGE } from './language/detect-language.js';
import type { RuleContext } from './kinds/rule-kind.js';
import { RULE_KINDS } from './kinds/rule-kinds.js';
import { rulesFor } from './pack/apply-overrides.js';
import type { CompiledRule, RulePack } from './pack/rule-pack.js';
import { renderTemplate, type TemplateValues } from './pack/template.js';
import { templateValuesFor } from './pack/template-values.js';
import { includesIgnoringCase, matchesFilter } from './pack/ticket-filter.js';
import type { Finding, Verdict } from './verdict.js';

/**
 * Lints one ticket under one pack: the rules, as the overrides that match the ticket leave them
 * (rulesFor), that are on and whose `when` matches the ticket report
 * findings, rendered with the pack's templates; `questions` are the findings' questions,
 * deduplicated, in rule order. A ticket with an exempt label or author gets no findings, and so
 * does one not written in English (`notJudged`). With a judge's `reading` (src/lint/judge/judge.ts), kind
 * and signals are the reading's, and a rule asks the judge's question for the ticket where it passes the checks.
 */
export function lint(ticket: Ticket, pack: RulePack, reading?: JudgeReading): Verdict {
  const offline = analyseTicket(ticket, pack.vocabulary, pack.judgement);
  const analysis = reading ? applyReading(offline, reading) : offline;
  const exemptBecause = exemption(ticket, pack);
  if (exemptBecause) return { id: ticket.id, analysis, outputOnly: analysis.outputOnly, exemptBecause, notJudged: null, findings: [], questions: [] };
  // The cues and the questions are English: a ticket in another language is left alone, not flagged
  // because no English cue matched.
  if (analysis.language.language !== JUDGED_LANGUAGE) {
    const notJudged = { reason: 'language', language: analysis.language.language } as const;
    return { id: ticket.id, analysis, outputOnly: false, exemptBecause: null, notJudged, findings: [], questions: [] };
  }
  const context: RuleContext = { ticket, analysis };
  let values: TemplateValues | undefined;
  // Template values (profile match, alternatives) cost time; a good ticket fires no rule and never needs them.
  const valuesOnce = (): TemplateValues => (values ??= templateValuesFor(ticket, analysis, pack));
  // Plain loops: flatMap builds an array per rule and costs more than the rules themselves.
  const findings: Finding[] = [];
  for (const rule of rulesFor(pack, ticket, analysis.kind)) addFindings(findings, rule, context, valuesOnce, reading);
  const questions = new Set<string>();
  for (const finding of findings) if (finding.question) questions.add(finding.question);
  return { id: ticket.id, analysis, outputOnly: analysis.outputOnly, exemptBecause: null, notJudged: null, findings, questions: [...questions] };
}

/** Appends one rule's findings, if it is on and applies. */
function addFindings(findings: Finding[], rule: CompiledRule, context: RuleContext, valuesOnce: () => TemplateValues, reading?: JudgeReading): void {
  if (rule.level === 'off' || !applies(rule, context)) return;
  const kind = RULE_KINDS.get(rule.kind);
  if (!kind) throw new Error(`rule ${rule.id} names the unknown kind ${rule.kind}; build packs with compilePack`);
  const level = rule.level;
  for (const draft of kind.check(context, rule.options)) {
    findings.push({
      rule: rule.id,
      level,
      message: renderTemplate(rule.message, valuesOnce()),
      question: rule.question === null ? null : questionOf(rule.question, rule, context, valuesOnce(), reading),
      evidence: draft.evidence,
    });
  }
}

/** The judge's question for the ticket where it passes modelQuestion's checks against the pack's own, else the pack's. */
function questionOf(template: string, rule: CompiledRule, context: RuleContext, values: TemplateValues, reading?: JudgeReading): string {
  const packQuestion = renderTemplate(template, values);
  return modelQuestion(rule, reading, context.analysis, packQuestion) ?? packQuestion;
}

/** `when` is a filter: a rule whose `when` the ticket does not match says nothing about it. */
function applies(rule: CompiledRule, { ticket, analysis }: RuleContext): boolean {
  return matchesFilter(rule.when, ticket, analysis.kind);
}

function exemption(ticket: Ticket, pack: RulePack): string | null {
  if (ticket.labels.length > 0) {
    const label = ticket.labels.find((l) => includesIgnoringCase(pack.exempt.labels, l));
    if (label !== undefined) return `label "${label}"`;
  }
  if (ticket.author !== null && includesIgnoringCase(pack.exempt.authors, ticket.author)) return `author "${ticket.author}"`;
  return null;
}
