import { writeFileSync } from 'node:fs';
import { MODEL_SIGNALS, type JudgementWeights } from '../lint/model/judgement-model.js';
import { loadPack } from '../packs/load-pack.js';
import { bestF1Threshold } from './choose-thresholds.js';
import { crossValidate, DEFAULT_TRAIN, fitHeads, toExample, toWeights } from './judgement-training.js';
import { readLabelledTickets } from './labelled-ticket.js';
import { SIGNAL_LABEL } from './readings.js';

/**
 * `npm run train`: fits the learned judgement on the train part of corpus/tickets.jsonl and writes
 * models/judgement-weights.json. Deterministic: the same corpus gives the same file, byte for byte.
 * Thresholds come from 5-fold cross-validation grouped by project; the test part is never read.
 */
export const MAX_GOOD_FLAGGED = 0.05;
export const FOLDS = 5;

export function trainJudgement(corpusPath: string): { weights: JudgementWeights; summary: string[] } {
  const pack = loadPack('product-sense', { learnedJudgement: false });
  const train = readLabelledTickets(corpusPath).filter((t) => t.part === 'train');
  const examples = train.map((t) => toExample(t, pack.vocabulary));
  const outOfFold = crossValidate(examples, FOLDS, DEFAULT_TRAIN);
  const summary: string[] = [];
  const thresholds = {} as JudgementWeights['thresholds'];
  for (const signal of MODEL_SIGNALS) {
    const best = bestF1Threshold(examples.map((e, i) => ({ probability: outOfFold[i]!.heads[signal], expected: e.ticket.label[SIGNAL_LABEL[signal]] })));
    thresholds[signal] = round(best.threshold);
    summary.push(`${signal}: threshold ${thresholds[signal]} (cross-validated F1 ${best.f1.toFixed(3)})`);
  }
  const strict = bestF1Threshold(
    examples.map((e, i) => ({ probability: outOfFold[i]!.outputOnly, expected: e.ticket.label.output_only })),
    MAX_GOOD_FLAGGED,
  );
  thresholds.outputOnly = round(strict.threshold);
  summary.push(`outputOnly: strictness ${thresholds.outputOnly} (cross-validated F1 ${strict.f1.toFixed(3)}, good tickets flagged ${(100 * strict.falsePositiveRate).toFixed(1)}%)`);
  const model = fitHeads(examples, DEFAULT_TRAIN);
  const provisional = toWeights(model, 'learned', thresholds, round);
  const version = `learned-${train.length}-${hashOf(JSON.stringify(provisional)).slice(0, 8)}`;
  summary.unshift(`${version}: ${train.length} training tickets, ${model.features.length} features`);
  return { weights: { ...provisional, version }, summary };
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
    `  "heads": ${JSON.stringify(weights.heads)},`,
    `  "bias": ${JSON.stringify(weights.bias)},`,
    '  "features": [',
    rows.join(',\n'),
    '  ]',
    '}',
  ].join('\n') + '\n';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const corpus = process.argv[2] ?? 'corpus/tickets.jsonl';
  const out = process.argv[3] ?? 'models/judgement-weights.json';
  const { weights, summary } = trainJudgement(corpus);
  writeFileSync(out, weightsToJson(weights));
  for (const line of summary) console.log(line);
  console.log(`wrote ${out}`);
}
