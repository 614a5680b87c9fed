import { findingsByQuestion, readAnswers } from '../bot/answers.js';
import { SIGNAL_TOPICS, topicOf, type Topic } from '../bot/comment-topics.js';
import { countBinary, scoreBinary, type BinaryScores } from '../cli/eval/metrics.js';
import { makeTicket } from '../domain/ticket.js';
import type { RulePack } from '../lint/pack/rule-pack.js';
import { isFlagging } from '../lint/verdict.js';
import { MODEL_SIGNALS, type ModelSignal } from '../lint/model/judgement-model.js';
import { SIGNAL_LABEL } from './judgement-training.js';
import { EVIDENCE_FIELD, evidenceParts, type LabelledTicket } from './labelled-ticket.js';

/**
 * How well the bot reads answers in replies, on real tickets: each feature ticket with a description is
 * asked its questions from its title alone, and its description is posted as the one reply, as if its
 * author had answered the bot. A question is truly answered when the labels say the description holds
 * what the question is decided by (the signal of each of its flagging rules, or of all its rules when none
 * flags), its evidence quoted from the description rather than the title. Each question is counted under
 * the topic of its first deciding rule ("why" for "Who needs it, and what problem does it solve?").
 */
export type ReplyTopic = Extract<Topic, 'who' | 'why' | 'measure' | 'alternatives'>;
export const REPLY_TOPICS: readonly ReplyTopic[] = ['why', 'who', 'measure', 'alternatives'];

/** The signal whose labels and evidence say whether a topic's answer is there: the one whose rule asks it. */
function signalOf(topic: ReplyTopic): ModelSignal {
  return MODEL_SIGNALS.find((signal) => SIGNAL_TOPICS[signal] === topic)!;
}

export interface ReplyFigures {
  /** Feature tickets with a description whose title alone is asked a question. */
  readonly tickets: number;
  readonly byTopic: Readonly<Record<ReplyTopic, BinaryScores>>;
}

export function replyFigures(tickets: readonly LabelledTicket[], pack: RulePack): ReplyFigures {
  const expected: Record<ReplyTopic, boolean[]> = { why: [], who: [], measure: [], alternatives: [] };
  const answered: Record<ReplyTopic, boolean[]> = { why: [], who: [], measure: [], alternatives: [] };
  let asked = 0;
  for (const t of tickets) {
    if (t.label.kind !== 'feature' || t.body.trim() === '') continue;
    const ticket = makeTicket({ id: t.id, title: t.title, description: '', labels: [...t.tracker_labels] });
    const sheet = readAnswers(ticket, [{ id: 'reply', author: { id: 'author', name: 'author', isBot: false }, body: t.body }], pack);
    const questions = findingsByQuestion(sheet.asked.findings);
    if (questions.size > 0) asked += 1;
    for (const [question, findings] of questions) {
      const deciding = findings.some(isFlagging) ? findings.filter(isFlagging) : findings;
      const topics = deciding.map((f) => topicOf(f, pack)).filter(isReplyTopic);
      if (topics.length === 0) continue;
      const first = topics[0]!;
      expected[first].push(topics.every((topic) => saidInBody(t, topic)));
      answered[first].push(sheet.answers.has(question));
    }
  }
  const byTopic = {} as Record<ReplyTopic, BinaryScores>;
  for (const topic of REPLY_TOPICS) byTopic[topic] = scoreBinary(countBinary(expected[topic], answered[topic]));
  return { tickets: asked, byTopic };
}

function isReplyTopic(topic: Topic): topic is ReplyTopic {
  return (REPLY_TOPICS as readonly Topic[]).includes(topic);
}

/** The labels give the topic's signal and a part of its evidence is in the description. */
function saidInBody(t: LabelledTicket, topic: ReplyTopic): boolean {
  const signal = signalOf(topic);
  if (!t.label[SIGNAL_LABEL[signal]]) return false;
  const body = squeeze(t.body);
  return evidenceParts(t.evidence[EVIDENCE_FIELD[signal]]).some((part) => body.includes(squeeze(part)));
}

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase();
}
