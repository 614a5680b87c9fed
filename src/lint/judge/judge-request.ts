import type { Ticket } from '../../domain/ticket.js';
import { analyseTicket, type Analysis } from '../analysis.js';
import { rulesFor } from '../pack/apply-overrides.js';
import type { RulePack } from '../pack/rule-pack.js';
import { renderTemplate, type TemplateValues } from '../pack/template.js';
import { templateValuesFor } from '../pack/template-values.js';
import { matchesFilter } from '../pack/ticket-filter.js';
import type { JudgedSignal, JudgeRequest, PackQuestions } from './judge.js';
import { signalAskedBy } from './model-question.js';

/**
 * The kind the pack's questions are gathered for: the rules that ask for a signal (missing-signal,
 * output-only) fire only on a feature, so these are the questions the pack puts to this ticket read as a
 * feature, whatever kind the offline judge saw (the judge may read a feature where it read a task).
 */
const ASKING_KIND = 'feature';

/** What a judge is asked about `ticket` under `pack`; the offline analysis is made here when the caller has none. */
export function judgeRequest(ticket: Ticket, pack: RulePack, offline: Analysis = analyseTicket(ticket, pack.vocabulary, pack.judgement)): JudgeRequest {
  return { ticket, offline, packQuestions: packQuestions(ticket, pack, offline) };
}

/**
 * The pack's own question for each signal it asks about on this ticket, rendered with the ticket's values
 * as lint() renders it: the first rule in pack order that is on for the ticket (overrides and `when`
 * applied), asks a question and asks for that signal. A signal no such rule asks for is left out.
 */
export function packQuestions(ticket: Ticket, pack: RulePack, analysis: Analysis): PackQuestions {
  const questions: Partial<Record<JudgedSignal, string>> = {};
  let values: TemplateValues | undefined;
  for (const rule of rulesFor(pack, ticket, ASKING_KIND)) {
    const signal = signalAskedBy(rule);
    if (!signal || questions[signal] !== undefined || rule.question === null || rule.level === 'off' || !matchesFilter(rule.when, ticket, ASKING_KIND)) continue;
    questions[signal] = renderTemplate(rule.question, (values ??= templateValuesFor(ticket, analysis, pack)));
  }
  return questions;
}
