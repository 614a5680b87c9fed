import type { Ticket } from '../../domain/ticket.js';
import type { Analysis } from '../analysis.js';
import { MISSABLE_SIGNALS } from '../kinds/missing-signal.js';
import type { InferredKind, Signal } from '../signal.js';
import { locateQuote } from './quote-locator.js';

/** The judges a team may choose in the config file (`judge: offline | llm`). */
export const JUDGE_NAMES = ['offline', 'llm'] as const;
export type JudgeName = (typeof JUDGE_NAMES)[number];

/** The signals a judge decides; the deliverable stays the cue engine's, since the packs' profiles and templates read it. */
export type JudgedSignal = (typeof MISSABLE_SIGNALS)[number];

/** One signal as a judge calls it: present or not, the ticket's words that carry it, and how sure the judge is (0 to 1). */
export interface SignalCall {
  readonly present: boolean;
  readonly quotes: readonly string[];
  readonly confidence: number;
}

/**
 * What a judge says about one ticket, in the engine's terms. `questions` are questions written for this
 * ticket by the judge, per signal the pack asks about; a rule asks one instead of its template when it
 * passes modelQuestion's checks.
 */
export interface JudgeReading {
  /** Who decided: the offline judgement, or the language model. */
  readonly judge: JudgeName;
  /** The model and prompt version that decided (`gpt-4o-mini prompt-v3`); null for the offline judge. */
  readonly version: string | null;
  /** Why the offline judge answered for a team that chose another (`llm: timeout`); null when the chosen judge decided. */
  readonly fallback: string | null;
  readonly kind: InferredKind;
  readonly outputOnly: boolean;
  readonly signals: Readonly<Record<JudgedSignal, SignalCall>>;
  readonly questions: Readonly<Partial<Record<JudgedSignal, string>>>;
}

/** One question of the bot's comment, by the signal it asks for. */
export interface AskedQuestion {
  readonly signal: JudgedSignal;
  readonly question: string;
}

/** The words of a reply that answer one question, found in that reply (`reply`: its index in the replies read). */
export interface ReplyQuote {
  readonly reply: number;
  readonly quote: string;
  readonly confidence: number;
}

/**
 * What a judge says the replies answer: per signal asked, the reply's words that answer it; a signal
 * left out is unanswered. `fallback` says why the offline reading of the replies decides instead (then `answers` is empty).
 */
export interface ReplyReading {
  readonly judge: JudgeName;
  readonly version: string | null;
  readonly fallback: string | null;
  readonly answers: Readonly<Partial<Record<JudgedSignal, ReplyQuote>>>;
}

/** The pack's own question per signal, rendered for one ticket; a signal left out is one the pack does not ask about. */
export type PackQuestions = Readonly<Partial<Record<JudgedSignal, string>>>;

/**
 * What a judge is asked to read: the ticket, the offline analysis (what it falls back on, and what it may
 * screen with), and the questions the team's pack asks of this ticket (judgeRequest builds it), after
 * which a judge that writes its own questions words them, and beyond which it asks nothing.
 */
export interface JudgeRequest {
  readonly ticket: Ticket;
  readonly offline: Analysis;
  readonly packQuestions: PackQuestions;
}

/**
 * A judge reads a ticket. The offline judge is today's lint; the model's lives at the edge (src/judges/llm),
 * since the engine does no I/O. A judge that reads replies itself has `readReplies`: the replies' text only
 * (never who wrote them), and the questions they may answer; without it, the offline reading of the replies decides.
 */
export interface Judge {
  readonly name: JudgeName;
  read(request: JudgeRequest): Promise<JudgeReading>;
  readReplies?(ticket: Ticket, asked: readonly AskedQuestion[], replies: readonly string[]): Promise<ReplyReading>;
}

/** The reading of replies when the offline reading decides, and why. */
export function offlineReplyReading(fallback: string): ReplyReading {
  return { judge: 'offline', version: null, fallback, answers: {} };
}

/** The offline analysis as a reading; `fallback` says why it answers for another judge. */
export function offlineReading(analysis: Analysis, fallback: string | null = null): JudgeReading {
  const signals = {} as Record<JudgedSignal, SignalCall>;
  for (const name of MISSABLE_SIGNALS) {
    const signal = analysis.signals[name];
    const probability = analysis.judgement.probabilities?.signals[name];
    signals[name] = { present: signal.present, quotes: signal.evidence.map((e) => e.text), confidence: probability ?? (signal.present ? 1 : 0) };
  }
  return { judge: 'offline', version: null, fallback, kind: analysis.kind, outputOnly: analysis.outputOnly, signals, questions: {} };
}

export const offlineJudge: Judge = {
  name: 'offline',
  read: ({ offline }) => Promise.resolve(offlineReading(offline)),
};

/**
 * The analysis as the reading decides it. A reading of the offline judge changes nothing but the note of a
 * fallback. Otherwise kind, output-only and signals are the reading's, and a signal is present only with
 * a quote found in the ticket's text: words the ticket does not hold are never evidence.
 */
export function applyReading(analysis: Analysis, reading: JudgeReading): Analysis {
  if (reading.judge === 'offline') {
    return reading.fallback ? { ...analysis, judgement: { ...analysis.judgement, fallback: reading.fallback } } : analysis;
  }
  const signal = (name: JudgedSignal): Signal => {
    const call = reading.signals[name];
    const evidence = call.present ? call.quotes.flatMap((quote) => locateQuote(analysis.text, quote) ?? []) : [];
    return { present: evidence.length > 0, evidence };
  };
  const signals = {
    deliverable: analysis.signals.deliverable,
    user: signal('user'),
    outcome: signal('outcome'),
    successMeasure: signal('successMeasure'),
    alternatives: signal('alternatives'),
  };
  return {
    ...analysis,
    kind: reading.kind,
    kindEvidence: reading.kind === analysis.kind ? analysis.kindEvidence : [],
    signals,
    outputOnly: reading.kind === 'feature' && !signals.outcome.present,
    judgement: { judge: 'llm', version: reading.version, probabilities: null, fallback: null },
  };
}
