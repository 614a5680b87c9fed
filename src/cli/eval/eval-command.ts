import { llmSettingsFrom } from '../../config/llm-settings.js';
import { SettingsError } from '../../config/settings-error.js';
import { LlmJudge } from '../../judges/llm/llm-judge.js';
import type { JudgeName } from '../../lint/judge/judge.js';
import { lint } from '../../lint/lint.js';
import type { Verdict } from '../../lint/verdict.js';
import { ExitCode, UsageError, writeLine, type CliIo } from '../cli-io.js';
import { readInputText } from '../input-source.js';
import { loadPackFor, packName, type RulePack } from '../pack-option.js';
import { paintFor } from '../text-style.js';
import { labelToReading, readCorpus, type CorpusEntry } from './corpus.js';
import { formatEvalReport, formatMisses } from './eval-report.js';
import { inSplit, type Split } from './holdout-split.js';
import { progressOn } from './eval-progress.js';
import { readWithJudge, ticketOf, type JudgeTally, type EvalTicket } from './judge-run.js';
import { computeFigures, findMisses, type Observation, type ReadingField } from './metrics.js';

export interface EvalFlags {
  readonly pack?: string;
  readonly json: boolean;
  readonly split: Split;
  /** List the misread tickets too. */
  readonly errors: boolean;
  /** Only list misses of this field. */
  readonly field?: ReadingField;
  /** Who reads the tickets: the offline judgement (default), or the language model of LLM_*. */
  readonly judge?: JudgeName;
  /** With the language model: at most this many calls at once (default 4). */
  readonly concurrency?: number;
}

/** Calls to the model at once by default: fast enough for a few hundred tickets, and under most hosted APIs' rate limits. */
export const DEFAULT_EVAL_CONCURRENCY = 4;

/**
 * `ticketlint eval CORPUS`: lints every labelled ticket as a ticket of unknown kind (the engine must
 * infer it, as it must for a tracker that does not say) and scores the readings against the labels.
 * A corpus line that is not a labelled ticket is a configuration error: the figures would be wrong.
 * With `--judge llm` the language model of LLM_* reads each ticket as the bot would (a failed call gets
 * the offline reading, and the table says how many did), with progress on stderr.
 */
export async function evalCommand(corpusFile: string, flags: EvalFlags, io: CliIo): Promise<ExitCode> {
  const corpus = readCorpus(await readInputText(corpusFile, io));
  if (corpus.errors.length) throw new UsageError(`${corpusFile} is not a labelled corpus:\n  ${corpus.errors.join('\n  ')}`);
  const entries = corpus.entries.filter((e) => inSplit(e.id, flags.split));
  if (entries.length === 0) throw new UsageError(`no tickets in ${corpusFile} (split ${flags.split})`);
  const pack = loadPackFor(flags.pack, io.cwd);
  const { observations, tally } = flags.judge === 'llm'
    ? await observeWithModel(entries, pack, flags, io)
    : { observations: entries.map((entry) => observe(entry, pack)), tally: null };
  const figures = computeFigures(observations);
  const misses = flags.errors || flags.field ? findMisses(observations, flags.field) : null;
  const heading = { corpus: corpusFile, pack: packName(flags.pack), split: flags.split };
  if (flags.json) {
    writeLine(io.stdout, JSON.stringify({ ...heading, ...(tally ? { judge: tally } : {}), ...figures, ...(misses ? { misses } : {}) }, null, 2));
    return ExitCode.ok;
  }
  const paint = paintFor(io.stdout, io.env ?? {});
  writeLine(io.stdout, formatEvalReport(figures, { ...heading, ...(tally ? { tally } : {}) }, paint));
  if (misses) writeLine(io.stdout, '\n' + formatMisses(misses, paint));
  return ExitCode.ok;
}

/** The tickets read by the language model LLM_* names, with no cache and no budget: every ticket is one call. */
async function observeWithModel(entries: readonly CorpusEntry[], pack: RulePack, flags: EvalFlags, io: CliIo): Promise<{ observations: Observation[]; tally: JudgeTally }> {
  let settings;
  try {
    settings = llmSettingsFrom(io.env ?? {});
  } catch (error) {
    if (error instanceof SettingsError) throw new UsageError(`--judge llm needs the language model's settings:\n  ${error.problems.join('\n  ')}`);
    throw error;
  }
  // Silent: a failed call is counted in the table, and stderr belongs to the progress.
  const judge = new LlmJudge({ settings, log: { debug: () => undefined, warn: () => undefined } });
  const progress = progressOn(io.stderr, entries.length);
  const { verdicts, tally } = await readWithJudge(entries, pack, judge, { concurrency: flags.concurrency ?? DEFAULT_EVAL_CONCURRENCY, progress });
  return { observations: entries.map((entry, i) => observationOf(entry, verdicts[i]!)), tally };
}

/** One labelled ticket read as the bot reads it: title, body and the tracker's labels, no tracker type. */
export function readAsBot(entry: EvalTicket, pack: RulePack): Verdict {
  return lint(ticketOf(entry), pack);
}

/** readAsBot, with what the labels expected beside what the pack read. */
export function observe(entry: EvalTicket, pack: RulePack): Observation {
  return observationOf(entry, readAsBot(entry, pack));
}

function observationOf(entry: EvalTicket, verdict: Verdict): Observation {
  const s = verdict.analysis.signals;
  return {
    id: entry.id,
    title: entry.title,
    expected: labelToReading(entry.label),
    predicted: {
      kind: verdict.analysis.kind,
      outputOnly: verdict.outputOnly,
      user: s.user.present,
      outcome: s.outcome.present,
      successMeasure: s.successMeasure.present,
      alternatives: s.alternatives.present,
    },
  };
}
