import { makeTicket, type Ticket } from '../../domain/ticket.js';
import { offlineReading, type Judge, type JudgeReading } from '../../lint/judge/judge.js';
import { judgeRequest } from '../../lint/judge/judge-request.js';
import { lint } from '../../lint/lint.js';
import type { RulePack } from '../../lint/pack/rule-pack.js';
import type { Verdict } from '../../lint/verdict.js';
import type { CorpusEntry } from './corpus.js';
import type { Progress } from './eval-progress.js';

/** How many tickets the judge read itself, how many the offline judge answered for it and why, how many were never sent. */
export interface JudgeTally {
  readonly judge: string;
  /** The model and prompt that answered (`gpt-4o-mini prompt-v3`); null when no ticket reached the model. */
  readonly version: string | null;
  readonly byJudge: number;
  /** Tickets the offline judge answered because a call failed or the budget was spent, by reason (`server_error`, `timeout`). */
  readonly fellBack: Readonly<Record<string, number>>;
  /** Tickets the screen kept from the model (a stack trace, a kind the offline judge is sure of): not failures. */
  readonly screened: number;
}

/** The note of a ticket the bot would not send to any judge; the tally counts it with the screened ones. */
const NOT_SENT = 'llm: screened (exempt or not in English)';

export type EvalTicket = Pick<CorpusEntry, 'id' | 'title' | 'body' | 'label' | 'tracker_labels'>;

/** One labelled ticket as the bot reads it: title, body and the tracker's labels, no tracker type. */
export function ticketOf(entry: EvalTicket): Ticket {
  return makeTicket({ id: entry.id, title: entry.title, description: entry.body, kind: 'unknown', labels: [...entry.tracker_labels] });
}

/**
 * Every ticket read by `judge`, as the bot would (the offline analysis in hand, then lint with the
 * reading), at most `concurrency` at a time, in the corpus's order whatever order they finish in.
 */
export async function readWithJudge(entries: readonly EvalTicket[], pack: RulePack, judge: Judge, options: { concurrency: number; progress: Progress }): Promise<{ verdicts: Verdict[]; tally: JudgeTally }> {
  const readings: JudgeReading[] = new Array<JudgeReading>(entries.length);
  const verdicts: Verdict[] = new Array<Verdict>(entries.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < entries.length; i = next++) {
      const ticket = ticketOf(entries[i]!);
      const offline = lint(ticket, pack);
      // As the bot: an exempt ticket, or one in another language, never reaches a judge.
      const reading = offline.exemptBecause || offline.notJudged ? offlineReading(offline.analysis, NOT_SENT) : await judge.read(judgeRequest(ticket, pack, offline.analysis));
      readings[i] = reading;
      verdicts[i] = lint(ticket, pack, reading);
      options.progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency, entries.length) }, worker));
  options.progress.done();
  return { verdicts, tally: tallyOf(judge.name, readings) };
}

export function tallyOf(judge: string, readings: readonly JudgeReading[]): JudgeTally {
  const fellBack: Record<string, number> = {};
  let byJudge = 0;
  let screened = 0;
  let version: string | null = null;
  for (const reading of readings) {
    if (!reading.fallback) {
      byJudge += 1;
      version ??= reading.version;
    } else if (reading.fallback.startsWith('llm: screened')) screened += 1;
    else {
      const reason = reading.fallback.replace(/^llm: /, '');
      fellBack[reason] = (fellBack[reason] ?? 0) + 1;
    }
  }
  return { judge, version, byJudge, fellBack, screened };
}
