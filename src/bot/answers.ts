import type { Ticket, TicketKind } from '../domain/ticket.js';
import type { Participant } from '../domain/ticket-event.js';
import type { AskedQuestion, JudgedSignal, JudgeReading, ReplyReading, SignalCall } from '../lint/judge/judge.js';
import { lint } from '../lint/lint.js';
import { withCueEngineOnly, type RulePack } from '../lint/pack/rule-pack.js';
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
  /** The model's reading of the replies, when it decided them (or why it did not: `fallback`); null when the offline reading did. */
  readonly replyReading: ReplyReading | null;
}

/** The signal whose evidence answers a topic: a bug's failure is its outcome. */
const TOPIC_SIGNALS: Readonly<Partial<Record<Topic, SignalName>>> = {
  who: 'user',
  why: 'outcome',
  measure: 'successMeasure',
  alternatives: 'alternatives',
  failure: 'outcome',
};

/**
 * The answer sheet of the ticket as `reading` (the judge's reading of the ticket, if any) asks it. With
 * `replyReading` from the model, the model's verified quotes from the replies decide what is answered;
 * without it (or when it fell back), the offline reading of the replies does.
 */
export function readAnswers(ticket: Ticket, replies: readonly Reply[], pack: RulePack, reading?: JudgeReading, replyReading?: ReplyReading): AnswerSheet {
  return answerSheet(lint(ticket, pack, reading), ticket, replies, pack, { reading, replyReading });
}

/** What the judges said: of the ticket, and of the replies. */
export interface Judged {
  readonly reading?: JudgeReading | undefined;
  readonly replyReading?: ReplyReading | undefined;
}

/** readAnswers for a ticket already linted as `asked`. */
export function answerSheet(asked: Verdict, ticket: Ticket, replies: readonly Reply[], pack: RulePack, judged: Judged = {}): AnswerSheet {
  const said = spokenReplies(replies);
  const replyReading = judged.replyReading ?? null;
  if (said.length === 0 || asked.exemptBecause) return { asked, combined: asked, answers: new Map(), done: false, replyReading };
  const byModel = judged.reading && replyReading?.judge === 'llm' ? replyReading : null;
  // The replies are read as the ticket would be read had its description said the same, by the pack's own
  // judgement (the learned model, or the cue engine), so an answer counts in a reply as in an edit of the
  // description. With the learned model the cue engine reads them too, since its phrases were written for
  // answers as much as for tickets: a question either reader finds answered is answered, but only when a
  // reply holds the words that answer it. A reply answers questions; it never asks new ones. When the
  // language model read the replies, its verified quotes are those words.
  const combinedText = combinedTicket(ticket, asked, said);
  const readings = byModel && judged.reading
    ? [lint(combinedText, pack, withReplyAnswers(judged.reading, byModel))]
    : repliesRead(combinedText, pack);
  const combined = readings[0]!;
  const firingIn = readings.map((v) => new Set(v.findings.map((f) => f.rule)));
  const stillFiring = new Set([...firingIn[0]!].filter((rule) => firingIn.every((rules) => rules.has(rule))));
  const answers = new Map<string, Answer>();
  const flaggingQuestions = new Set(asked.findings.filter(isFlagging).flatMap((f) => (f.question ? [f.question] : [])));
  for (const [question, findings] of findingsByQuestion(asked.findings)) {
    // A question that flags the ticket is answered once what flagged it is: "Who needs it, and what problem
    // does it solve?" asks for the why (an error) and the user (info), and a reply with the why alone answers it.
    const deciding = findings.some(isFlagging) ? findings.filter(isFlagging) : findings;
    if (deciding.some((f) => stillFiring.has(f.rule))) continue;
    const answer = byModel ? modelAnswerFor(findings, byModel, said, pack) : answerIn(findings, readings, said, pack);
    if (answer.quote === null && asked.analysis.judgement.judge !== 'cues') continue;
    answers.set(question, answer);
  }
  const done = wouldComment(asked)
    && !asked.findings.some((f) => isFlagging(f) && stillFiring.has(f.rule))
    && [...flaggingQuestions].every((q) => answers.has(q));
  return { asked, combined, answers, done, replyReading };
}

/** The replies that say anything once their command lines are gone: what a judge reads, in this order. */
export function spokenReplies(replies: readonly Reply[]): Reply[] {
  return replies.filter((reply) => reply.body.trim().length > 0);
}

/** The questions of the verdict a judge of replies is asked about: one per signal, the first that asks it. */
export function askedQuestions(asked: Verdict, pack: RulePack): AskedQuestion[] {
  const bySignal = new Map<JudgedSignal, string>();
  for (const finding of asked.findings) {
    const signal = TOPIC_SIGNALS[topicOf(finding, pack)];
    if (finding.question && signal && signal !== 'deliverable' && !bySignal.has(signal)) bySignal.set(signal, finding.question);
  }
  return [...bySignal].map(([signal, question]) => ({ signal, question }));
}

/**
 * The description and replies read by the pack's judgement and, when that is the learned model, by the cue
 * engine too: the pack's reading first (it is the sheet's `combined`).
 */
function repliesRead(combinedText: Ticket, pack: RulePack): Verdict[] {
  const byPack = lint(combinedText, pack);
  return pack.judgement.model ? [byPack, lint(combinedText, withCueEngineOnly(pack))] : [byPack];
}

/** The answer a reply holds: the cue engine's words first, then the evidence of the pack's judgement. */
function answerIn(findings: readonly Finding[], readings: readonly Verdict[], replies: readonly Reply[], pack: RulePack): Answer {
  for (const reading of [...readings].reverse()) {
    const answer = answerFor(findings, reading, replies, pack);
    if (answer.quote !== null) return answer;
  }
  return { quote: null, by: null, commentId: null };
}

/** The ticket's reading with each signal the replies answer present, quoted from the reply: the combined text read as the model read its parts. */
function withReplyAnswers(reading: JudgeReading, replies: ReplyReading): JudgeReading {
  const signals = { ...reading.signals } as Record<JudgedSignal, SignalCall>;
  for (const [name, answer] of Object.entries(replies.answers) as [JudgedSignal, NonNullable<ReplyReading['answers'][JudgedSignal]>][]) {
    signals[name] = { present: true, quotes: [...signals[name].quotes, answer.quote], confidence: answer.confidence };
  }
  return { ...reading, signals, outputOnly: reading.kind === 'feature' && !signals.outcome.present };
}

/** The reply the model quoted for the question's first answered topic, as the sentence that holds the quote. */
function modelAnswerFor(findings: readonly Finding[], replies: ReplyReading, said: readonly Reply[], pack: RulePack): Answer {
  for (const signal of signalsOf(findings, pack)) {
    const answer = signal === 'deliverable' ? undefined : replies.answers[signal];
    const reply = answer ? said[answer.reply] : undefined;
    if (answer && reply) return { quote: sentenceAround(squeeze(reply.body), squeeze(answer.quote)), by: reply.author.name, commentId: reply.id };
  }
  return { quote: null, by: null, commentId: null };
}

function signalsOf(findings: readonly Finding[], pack: RulePack): SignalName[] {
  return [...new Set(findings.flatMap((f) => TOPIC_SIGNALS[topicOf(f, pack)] ?? []))];
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

/** The findings that ask each question, in finding order. */
export function findingsByQuestion(findings: readonly Finding[]): Map<string, Finding[]> {
  const byQuestion = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (finding.question) byQuestion.set(finding.question, [...(byQuestion.get(finding.question) ?? []), finding]);
  }
  return byQuestion;
}

/** The first evidence sentence, for the question's topics, that a reply holds; its reply names who answered. */
function answerFor(findings: readonly Finding[], combined: Verdict, replies: readonly Reply[], pack: RulePack): Answer {
  for (const signal of signalsOf(findings, pack)) {
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
  // Evidence that is a whole sentence ends with it: the next "." may be a list number ("… a month. 2. Close …").
  if (/[.!?]$/.test(cue)) return text.slice(start, at + cue.length).trim();
  const end = /[.!?](\s|$)/.exec(text.slice(at + cue.length));
  return text.slice(start, end ? at + cue.length + end.index + 1 : text.length).trim();
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
