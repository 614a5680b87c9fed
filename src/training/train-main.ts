import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { flagProbability, MODEL_SIGNALS, signalPresent, type JudgementWeights, type ModelReading, type ModelSignal, type SignalRule } from '../lint/model/judgement-model.js';
import { bestF1Threshold, type Scored } from './choose-thresholds.js';
import { fitAll, threadsOption } from './fit-in-parallel.js';
import { DEFAULT_TRAIN, foldTasks, readOutOfFold, SIGNAL_LABEL, toWeights, type Example } from './judgement-training.js';
import { countBinary, scoreBinary } from '../cli/eval/metrics.js';
import { trainingExamples } from './training-set.js';

/**
 * `npm run train`: fits the learned judgement on the train part of corpus/tickets.jsonl and writes
 * models/judgement-weights.json. Deterministic: the same corpus gives the same file, byte for byte.
 * Thresholds come from 5-fold cross-validation grouped by project; the test part is never read.
 */
export const MAX_GOOD_FLAGGED = 0.05;
export const FOLDS = 5;

export async function trainJudgement(corpusPath: string, threads = availableParallelism()): Promise<{ weights: JudgementWeights; summary: string[] }> {
  const examples = trainingExamples(corpusPath);
  const fitted = await fitAll(corpusPath, examples, ['all', ...foldTasks(FOLDS)], DEFAULT_TRAIN, threads);
  const model = fitted[0]!;
  const chosen = chooseFromOutOfFold(examples, readOutOfFold(examples, fitted.slice(1)));
  const { thresholds, signalRules } = chosen;
  const summary = MODEL_SIGNALS.map((signal) => {
    const f1 = chosen.signalF1[signal];
    return `${signal}: ${signalRules[signal]}, threshold ${thresholds[signal]} (cross-validated F1 ${SIGNAL_RULES.map((rule) => `${rule} ${f1[rule].toFixed(3)}`).join(', ')})`;
  });
  summary.push(`outputOnly: strictness ${thresholds.outputOnly} (cross-validated F1 ${chosen.outputOnly.f1.toFixed(3)}, good tickets flagged ${(100 * chosen.outputOnly.falsePositiveRate).toFixed(1)}%)`);
  const provisional = toWeights(model, 'learned', thresholds, signalRules, round);
  const version = `learned-${examples.length}-${hashOf(JSON.stringify(provisional)).slice(0, 8)}`;
  summary.unshift(`${version}: ${examples.length} training tickets, ${model.features.length} features`);
  return { weights: { ...provisional, version }, summary };
}

const SIGNAL_RULES = ['model', 'either', 'cues'] as const satisfies readonly SignalRule[];

/** What cross-validation chooses, and how well each choice reads the tickets it was chosen on. */
export interface OutOfFoldChoice {
  readonly thresholds: JudgementWeights['thresholds'];
  readonly signalRules: JudgementWeights['signalRules'];
  /** Each signal's cross-validated F1 under each rule, at its threshold. */
  readonly signalF1: Record<ModelSignal, Record<SignalRule, number>>;
  /** Output-only at the strictness chosen: the best F1 that flags at most MAX_GOOD_FLAGGED of good tickets. */
  readonly outputOnly: { readonly f1: number; readonly falsePositiveRate: number };
}

/**
 * Thresholds, signal rules and strictness, chosen on out-of-fold probabilities: each signal's threshold is
 * the one with the best F1, its rule (the model alone, either, or the cues alone) the one with the best F1
 * at that threshold; the strictness flags at most MAX_GOOD_FLAGGED of good tickets.
 */
export function chooseFromOutOfFold(examples: readonly Example[], outOfFold: readonly ModelReading[]): OutOfFoldChoice {
  const thresholds = {} as JudgementWeights['thresholds'];
  const signalRules = {} as JudgementWeights['signalRules'];
  const signalF1 = {} as OutOfFoldChoice['signalF1'];
  for (const signal of MODEL_SIGNALS) {
    const expected = examples.map((e) => e.ticket.label[SIGNAL_LABEL[signal]]);
    const best = bestF1Threshold(examples.map((_, i) => ({ probability: outOfFold[i]!.heads[signal], expected: expected[i]! })));
    thresholds[signal] = round(best.threshold);
    const cueFired = examples.map((e) => e.features.includes('cue:' + signal));
    const f1 = (rule: SignalRule): number => f1Of(expected, examples.map((_, i) => signalPresent(rule, outOfFold[i]!.heads[signal], thresholds[signal], cueFired[i]!)));
    signalF1[signal] = { model: f1('model'), either: f1('either'), cues: f1('cues') };
    signalRules[signal] = SIGNAL_RULES.reduce((a, b) => (signalF1[signal][b] > signalF1[signal][a] ? b : a));
  }
  const strict = bestF1Threshold(outputOnlyScores(examples, outOfFold), MAX_GOOD_FLAGGED);
  thresholds.outputOnly = round(strict.threshold);
  return { thresholds, signalRules, signalF1, outputOnly: { f1: strict.f1, falsePositiveRate: strict.falsePositiveRate } };
}

/** Each example's label beside the score its strictness is compared with: the out-of-fold output-only probability, vetoed where a cue heard a why. */
export function outputOnlyScores(examples: readonly Example[], outOfFold: readonly ModelReading[]): Scored[] {
  return examples.map((e, i) => ({ probability: flagProbability(outOfFold[i]!.outputOnly, e.features.includes('cue:outcome')), expected: e.ticket.label.output_only }));
}

function f1Of(expected: readonly boolean[], predicted: readonly boolean[]): number {
  return scoreBinary(countBinary(expected, predicted)).f1 ?? 0;
}

/** Six significant decimals: the file stays readable and a platform's last-bit differences do not show. */
function round(x: number): number {
  const r = Math.round(x * 1e6) / 1e6;
  return Object.is(r, -0) ? 0 : r;
}

function hashOf(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function weightsToJson(weights: JudgementWeights): string {
  // One feature a line, so a diff of the file says which words moved.
  const rows = weights.features.map((row) => '    ' + JSON.stringify(row));
  return [
    '{',
    `  "version": ${JSON.stringify(weights.version)},`,
    `  "thresholds": ${JSON.stringify(weights.thresholds)},`,
    `  "signalRules": ${JSON.stringify(weights.signalRules)},`,
    `  "heads": ${JSON.stringify(weights.heads)},`,
    `  "bias": ${JSON.stringify(weights.bias)},`,
    '  "features": [',
    rows.join(',\n'),
    '  ]',
    '}',
  ].join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npm run train [-- CORPUS [OUT]] [--threads N]: N threads fit the folds side by side.
  const { threads, rest } = threadsOption(process.argv.slice(2));
  const [corpus = 'corpus/tickets.jsonl', out = 'models/judgement-weights.json'] = rest;
  const { weights, summary } = await trainJudgement(corpus, threads);
  writeFileSync(out, weightsToJson(weights));
  for (const line of summary) console.log(line);
  console.log(`wrote ${out}`);
}
