import { lint } from '../../lint/lint.js';
import type { Verdict } from '../../lint/verdict.js';
import { makeTicket } from '../../domain/ticket.js';
import { ExitCode, UsageError, writeLine, type CliIo } from '../cli-io.js';
import { readInputText } from '../input-source.js';
import { loadPackFor, packName, type RulePack } from '../pack-option.js';
import { paintFor } from '../text-style.js';
import { labelToReading, readCorpus, type CorpusEntry } from './corpus.js';
import { formatEvalReport, formatMisses } from './eval-report.js';
import { inSplit, type Split } from './holdout-split.js';
import { computeFigures, findMisses, type Observation, type ReadingField } from './metrics.js';

export interface EvalFlags {
  readonly pack?: string;
  readonly json: boolean;
  readonly split: Split;
  /** List the misread tickets too. */
  readonly errors: boolean;
  /** Only list misses of this field. */
  readonly field?: ReadingField;
}

/**
 * `ticketlint eval CORPUS`: lints every labelled ticket as a ticket of unknown kind (the engine must
 * infer it, as it must for a tracker that does not say) and scores the readings against the labels.
 * A corpus line that is not a labelled ticket is a configuration error: the figures would be wrong.
 */
export async function evalCommand(corpusFile: string, flags: EvalFlags, io: CliIo): Promise<ExitCode> {
  const corpus = readCorpus(await readInputText(corpusFile, io));
  if (corpus.errors.length) throw new UsageError(`${corpusFile} is not a labelled corpus:\n  ${corpus.errors.join('\n  ')}`);
  const entries = corpus.entries.filter((e) => inSplit(e.id, flags.split));
  if (entries.length === 0) throw new UsageError(`no tickets in ${corpusFile} (split ${flags.split})`);
  const pack = loadPackFor(flags.pack, io.cwd);
  const observations = entries.map((entry) => observe(entry, pack));
  const figures = computeFigures(observations);
  const misses = flags.errors || flags.field ? findMisses(observations, flags.field) : null;
  if (flags.json) {
    const heading = { corpus: corpusFile, pack: packName(flags.pack), split: flags.split };
    writeLine(io.stdout, JSON.stringify({ ...heading, ...figures, ...(misses ? { misses } : {}) }, null, 2));
    return ExitCode.ok;
  }
  const paint = paintFor(io.stdout, io.env ?? {});
  writeLine(io.stdout, formatEvalReport(figures, { corpus: corpusFile, pack: packName(flags.pack), split: flags.split }, paint));
  if (misses) writeLine(io.stdout, '\n' + formatMisses(misses, paint));
  return ExitCode.ok;
}

/** One labelled ticket read as the bot reads it: title, body and the tracker's labels, no tracker type. */
export function readAsBot(entry: Pick<CorpusEntry, 'id' | 'title' | 'body' | 'tracker_labels'>, pack: RulePack): Verdict {
  return lint(makeTicket({ id: entry.id, title: entry.title, description: entry.body, kind: 'unknown', labels: [...entry.tracker_labels] }), pack);
}

/** readAsBot, with what the labels expected beside what the pack read. */
export function observe(entry: Pick<CorpusEntry, 'id' | 'title' | 'body' | 'label' | 'tracker_labels'>, pack: RulePack): Observation {
  const verdict = readAsBot(entry, pack);
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
