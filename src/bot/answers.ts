import type { Ticket, TicketKind } from '../domain/ticket.js';
import type { Participant } from '../domain/ticket-event.js';
import type { JudgeReading } from '../lint/judge/judge.js';
import { lint } from '../lint/lint.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import type { SignalName } from '../lint/signal.js';
import { isFlagging, wouldComment, type Finding, type Verdict } from '../lint/verdict.js';
import { topicOf, type Topic } from './comment-topics.js';

/** A human comment posted after the bot's, command lines removed. */
export interface Reply {
  readonly id: string;
  readonly author: Participant;
  readonly body: string;
}

/** Who answered a question, with the sentence that answers it; null parts when no single reply holds it. */
export interface Answer {
  readonly quote: string | null;
  readonly by: string | null;
  readonly commentId: string | null;
}

/**
 * The bot's questions and the replies, read together. `asked` lints the ticket as it is (the questions
 * in the comment); `combined` lints the description plus the replies. A question is answered once no
 * rule that asked it fires on the combined text; `done` once no rule at warn or error level does.
 */
export interface AnswerSheet {
  readonly asked: Verdict;
  readonly combined: Verdict;
  /** Answered questions (keyed by the question's text, as the comment shows it) and their answers. */
  readonly answers: ReadonlyMap<string, Answer>;
  readonly done: boolean;
}

/** The signal whose evidence answers a topic: a bug's failure is its outcome. */
const TOPIC_SIGNALS: Readonly<Partial<Record<Topic, SignalName>>> = {
  who: 'user',
  why: 'outcome',
  measure: 'successMeasure',
  alternatives: 'alternatives',
  failure: 'outcome',
};

export function readAnswers(ticket: Ticket, replies: readonly Reply[], pack: RulePack, reading?: JudgeReading): AnswerSheet {
  const asked = lint(ticket, pack, reading);
  const said = replies.filter((reply) => reply.body.trim().length > 0);
  if (said.length === 0 || asked.exemptBecause) return { asked, combined: asked, answers: new Map(), done: false };
  // Replies are conversation, not tickets: the cue engine, whose phrases were written for answers as much as
  // for tickets, reads them; the learned judgement was fitted on tickets alone. A question counts as answered
  // only when a reply holds the words that answer it, so a reading that differs from the asked one on the
  // description alone answers nothing.
  const combined = lint(combinedTicket(ticket, asked, said), readerOfReplies(pack));
  const stillFiring = new Set(combined.findings.map((f) => f.rule));
  const answers = new Map<string, Answer>();
  const flaggingQuestions = new Set(asked.findings.filter(isFlagging).flatMap((f) => (f.question ? [f.question] : [])));
  for (const [question, findings] of findingsByQuestion(asked.findings)) {
    if (findings.some((f) => stillFiring.has(f.rule))) continue;
    const answer = answerFor(findings, combined, said, pack);
    if (answer.quote === null && asked.analysis.judgement.judge !== 'cues') continue;
    answers.set(question, answer);
  }
  const done = wouldComment(asked) && !combined.findings.some(isFlagging) && [...flaggingQuestions].every((q) => answers.has(q));
  return { asked, combined, answers, done };
}

function readerOfReplies(pack: RulePack): RulePack {
  return pack.judgement.model ? { ...pack, judgement: { engine: 'cues', strictness: null, model: null } } : pack;
}

/**
 * The description with the replies appended as paragraphs. The kind the ticket was read as stays: an
 * answer that mentions a crash must not turn a feature into a bug report and so "answer" every question.
 */
function combinedTicket(ticket: Ticket, asked: Verdict, replies: readonly Reply[]): Ticket {
  const description = [ticket.description, ...replies.map((r) => r.body)].filter((t) => t.trim().length > 0).join('\n\n');
  return { ...ticket, description, kind: ticket.kind !== 'unknown' ? ticket.kind : kindOf(asked.analysis.kind) };
}

function kindOf(inferred: Verdict['analysis']['kind']): TicketKind {
  return inferred === 'other' ? 'unknown' : inferred;
}

function findingsByQuestion(findings: readonly Finding[]): Map<string, Finding[]> {
  const byQuestion = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.question) byQuestion.set(finding.question, [...(byQuestion.get(finding.question) ?? []), finding]);
  }
  return byQuestion;
}

/** The first evidence sentence, for the question's topics, that a reply holds; its reply names who answered. */
function answerFor(findings: readonly Finding[], combined: Verdict, replies: readonly Reply[], pack: RulePack): Answer {
  const signals = [...new Set(findings.flatMap((f) => TOPIC_SIGNALS[topicOf(f, pack)] ?? []))];
  for (const signal of signals) {
    for (const evidence of combined.analysis.signals[signal].evidence) {
      const cue = squeeze(evidence.text);
      const reply = cue.length > 0 ? replies.find((r) => squeeze(r.body).includes(cue)) : undefined;
      if (reply) return { quote: sentenceAround(squeeze(reply.body), cue), by: reply.author.name, commentId: reply.id };
    }
  }
  return { quote: null, by: null, commentId: null };
}

/** Evidence may be a clause; the answer quoted is the whole sentence of the reply that holds it. */
function sentenceAround(text: string, cue: string): string {
  const at = text.indexOf(cue);
  const before = text.slice(0, at);
  const start = Math.max(0, ...[...before.matchAll(/[.!?]\s/g)].map((m) => m.index + m[0].length));
  const end = /[.!?](\s|$)/.exec(text.slice(at + cue.length));
  return text.slice(start, end ? at + cue.length + end.index + 1 : text.length).trim();
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
