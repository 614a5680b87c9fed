import { createHash } from 'node:crypto';
import { makeTicket } from '../domain/ticket.js';
import { analyseTicket } from '../lint/analysis.js';
import { ticketFeatures } from '../lint/model/ticket-features.js';
import { JudgementModel, MODEL_KINDS, MODEL_SIGNALS, type JudgementWeights, type ModelReading, type ModelSignal } from '../lint/model/judgement-model.js';
import type { Vocabulary } from '../lint/vocabulary.js';
import { NO_CUES_OFF, type CuesOff } from '../lint/signals/cue.js';
import { DEFAULT_FIT, fitGroups, fitLogistic, type FitOptions, type Sample } from './fit-logistic.js';
import type { LabelledTicket } from './labelled-ticket.js';

/** A labelled ticket as the model sees it: its features with and without the tracker's labels. */
export interface Example {
  readonly ticket: LabelledTicket;
  readonly features: readonly string[];
  /** The same ticket read without its tracker labels (null when it has none). */
  readonly featuresWithoutLabels: readonly string[] | null;
}

export function toExample(ticket: LabelledTicket, vocabulary: Vocabulary, off: CuesOff = NO_CUES_OFF): Example {
  const read = (labels: readonly string[]): string[] => {
    const t = makeTicket({ id: ticket.id, title: ticket.title, description: ticket.body, labels: [...labels] });
    const analysis = analyseTicket(t, vocabulary, undefined, off);
    return ticketFeatures(analysis.text, analysis, { labels, kind: 'unknown' });
  };
  return {
    ticket,
    features: read(ticket.tracker_labels),
    featuresWithoutLabels: ticket.tracker_labels.length ? read([]) : null,
  };
}

/** Features seen in at least `minCount` training tickets, sorted, so the weights file diffs well. */
export function featureList(examples: readonly Example[], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const e of examples) {
    const seen = new Set([...e.features, ...(e.featuresWithoutLabels ?? [])]);
    for (const f of seen) counts.set(f, (counts.get(f) ?? 0) + 1);
  }
  return [...counts].filter(([, n]) => n >= minCount).map(([f]) => f).sort();
}

export interface TrainOptions {
  readonly minCount: number;
  readonly fit: Omit<FitOptions, 'featureCount'>;
}
export const DEFAULT_TRAIN: TrainOptions = { minCount: 5, fit: DEFAULT_FIT };

/** The label field each signal is fitted on. */
export const SIGNAL_LABEL = {
  user: 'has_user',
  outcome: 'has_outcome',
  successMeasure: 'has_success_measure',
  alternatives: 'has_alternatives',
} as const satisfies Record<ModelSignal, string>;

/** Fitted heads by name, each a bias and one weight per feature of the list. */
export type Heads = Record<string, { bias: number; weights: number[] }>;

/** Fits every head on these examples; a ticket with tracker labels counts half with them and half without. */
export function fitHeads(examples: readonly Example[], options: TrainOptions = DEFAULT_TRAIN): { features: string[]; heads: Heads } {
  const features = featureList(examples, options.minCount);
  const index = new Map(features.map((f, i) => [f, i]));
  const samples: Sample[] = [];
  const owners: LabelledTicket[] = [];
  const toIndices = (list: readonly string[]): Int32Array => Int32Array.from(list.flatMap((f) => (index.has(f) ? [index.get(f)!] : [])));
  for (const e of examples) {
    const weight = e.featuresWithoutLabels ? 0.5 : 1;
    samples.push({ indices: toIndices(e.features), weight });
    owners.push(e.ticket);
    if (e.featuresWithoutLabels) {
      samples.push({ indices: toIndices(e.featuresWithoutLabels), weight });
      owners.push(e.ticket);
    }
  }
  const fit: FitOptions = { ...options.fit, featureCount: features.length };
  const heads: Heads = {};
  // The kind softmax and the signal heads see the same samples, so they are fitted in one pass.
  const [kindHeads, ...signalHeads] = fitGroups(samples, [
    { softmax: true, classes: MODEL_KINDS.length, targets: owners.map((t) => MODEL_KINDS.indexOf(t.label.kind)) },
    ...MODEL_SIGNALS.map((head) => ({ softmax: false as const, targets: owners.map((t) => (t.label[SIGNAL_LABEL[head]] ? 1 : 0)) })),
  ], fit);
  MODEL_KINDS.forEach((k, i) => (heads['kind:' + k] = { bias: kindHeads![i]!.bias, weights: [...kindHeads![i]!.weights] }));
  MODEL_SIGNALS.forEach((head, i) => (heads[head] = { bias: signalHeads[i]![0]!.bias, weights: [...signalHeads[i]![0]!.weights] }));
  // Whether a feature says why is the hard part of output-only; bugs, which nearly always state their pain,
  // would drown it in the outcome head, so this head learns from features alone.
  const features_ = owners.map((t, i) => [t, samples[i]!] as const).filter(([t]) => t.label.kind === 'feature');
  const [ifFeature] = fitLogistic(features_.map(([, s]) => s), features_.map(([t]) => (t.label.has_outcome ? 1 : 0)), 2, fit);
  heads['featureOutcome'] = { bias: ifFeature!.bias, weights: [...ifFeature!.weights] };
  return { features, heads };
}

/** A model fitted in memory, read through the same class as the shipped one. */
export function asModel(
  fitted: { features: readonly string[]; heads: Heads },
  version = 'in-training',
  thresholds: JudgementWeights['thresholds'] = { user: 0.5, outcome: 0.5, successMeasure: 0.5, alternatives: 0.5, outputOnly: 0.5 },
  signalRules: JudgementWeights['signalRules'] = { user: 'model', outcome: 'model', successMeasure: 'model', alternatives: 'model' },
): JudgementModel {
  return JudgementModel.from(toWeights(fitted, version, thresholds, signalRules, (x) => x));
}

/** The weights file's shape: head names and biases, then one row per feature. */
export function toWeights(
  fitted: { features: readonly string[]; heads: Heads },
  version: string,
  thresholds: JudgementWeights['thresholds'],
  signalRules: JudgementWeights['signalRules'],
  round: (x: number) => number,
): JudgementWeights {
  const names = Object.keys(fitted.heads);
  return {
    version,
    thresholds,
    signalRules,
    heads: names,
    bias: names.map((n) => round(fitted.heads[n]!.bias)),
    features: fitted.features.map((f, i) => [f, ...names.map((n) => round(fitted.heads[n]!.weights[i]!))] as [string, ...number[]]),
  };
}

/** The fold (0..folds-1) of a project: every ticket of a project is in the same fold. */
export function foldOf(project: string, folds: number): number {
  const digest = createHash('sha256').update('ticketlint-folds-v1:' + project.toLowerCase()).digest();
  return digest.readUInt32BE(0) % folds;
}

/**
 * The examples one fit is on: every one, or, with the projects split by foldOf into `folds` parts, those
 * of every part but `fold` (cross-validation) or of the parts below `fold` (a learning curve's share).
 */
export type FitTask = 'all' | { readonly folds: number; readonly fold: number; readonly keep: 'others' | 'below' };

export type Fitted = ReturnType<typeof fitHeads>;

/** The fits of cross-validation: each fold's model, fitted on the other folds. */
export function foldTasks(folds: number): FitTask[] {
  return Array.from({ length: folds }, (_, fold) => ({ folds, fold, keep: 'others' as const }));
}

/** Runs one fit. Deterministic wherever it runs. */
export function runFitTask(examples: readonly Example[], task: FitTask, options: TrainOptions = DEFAULT_TRAIN): Fitted {
  if (task === 'all') return fitHeads(examples, options);
  const { folds, fold, keep } = task;
  return fitHeads(examples.filter((e) => (keep === 'others' ? foldOf(e.ticket.project, folds) !== fold : foldOf(e.ticket.project, folds) < fold)), options);
}

/** Out-of-fold probabilities for every example: each read by the model of its fold (`byFold`, fitted on the others). */
export function readOutOfFold(examples: readonly Example[], byFold: readonly Fitted[]): ModelReading[] {
  const models = byFold.map((fitted) => asModel(fitted));
  return examples.map((e) => models[foldOf(e.ticket.project, byFold.length)]!.read(e.features));
}
