import { MODEL_SIGNALS, type JudgementModel, type ModelReading } from '../lint/model/judgement-model.js';
import { withCueEngineOnly, type RulePack } from '../lint/pack/rule-pack.js';
import { loadPack } from '../packs/load-pack.js';
import { shippedJudgement } from '../packs/shipped-judgement.js';
import { computeFigures, type EvalFigures, type Observation } from '../cli/eval/metrics.js';
import { observe, readAsBot } from '../cli/eval/eval-command.js';
import { bootstrapIntervals, DEFAULT_BOOTSTRAP } from './bootstrap.js';
import { calibrationOf, furthestBin, type ScoredTruth } from './calibration.js';
import { fitAll, threadsOption } from './fit-in-parallel.js';
import { halfReadRight } from './half-read-right.js';
import { asModel, DEFAULT_TRAIN, foldOf, foldTasks, readOutOfFold, SIGNAL_LABEL, type Example, type FitTask, type Fitted } from './judgement-training.js';
import { readLabelledTickets, type LabelledTicket } from './labelled-ticket.js';
import { quoteFigures } from './quote-eval.js';
import { REPLY_TOPICS, replyFigures, type ReplyFigures } from './reply-eval.js';
import { FOLDS, MAX_GOOD_FLAGGED, outputOnlyScores } from './train-main.js';
import { strictnessSettings } from './strictness-settings.js';
import { asRepliedTicket, readThreadReplies } from './thread-replies.js';
import { examplesOf } from './training-set.js';

/**
 * `npm run eval`: the learned judgement beside the cue engine, on the same tickets:
 * 1. the frozen test part, read by the shipped model exactly as the bot reads a ticket (title, body, labels);
 * 2. cross-validation on the train part, 5 folds grouped by project (each fold's model fitted on the others);
 * 3. a learning curve: the test part read by models fitted on a quarter, a half and all of the train part.
 */
function withModel(pack: RulePack, model: JudgementModel | null): RulePack {
  return { ...pack, judgement: { ...pack.judgement, model } };
}

/** A fitted model that reads with the shipped model's thresholds (chosen by cross-validation on the train part). */
function readingAsShipped(fitted: Fitted, shipped: JudgementModel): JudgementModel {
  return asModel(fitted, 'fold', shipped.thresholds, shipped.signalRules);
}

const f2 = (x: number | null): string => (x === null ? '  –  ' : x.toFixed(2).padStart(5));
const pct = (x: number | null): string => (x === null ? '  –  ' : `${(100 * x).toFixed(1)}%`.padStart(6));

function table(title: string, columns: readonly [string, EvalFigures][]): string[] {
  const row = (name: string, cell: (f: EvalFigures) => string): string => name.padEnd(26) + columns.map(([, f]) => cell(f).padStart(20)).join('');
  return [
    title,
    ''.padEnd(26) + columns.map(([n]) => n.padStart(20)).join(''),
    row('outputOnly F1', (f) => f2(f.outputOnly.f1)),
    row('  precision / recall', (f) => `${f2(f.outputOnly.precision)} / ${f2(f.outputOnly.recall)}`),
    row('  good tickets flagged', (f) => `${pct(f.outputOnly.falsePositiveRate)} (${f.outputOnly.fp}/${f.outputOnly.fp + f.outputOnly.tn})`),
    row('user F1', (f) => f2(f.signals.user.f1)),
    row('outcome F1', (f) => f2(f.signals.outcome.f1)),
    row('successMeasure F1', (f) => f2(f.signals.successMeasure.f1)),
    row('alternatives F1', (f) => f2(f.signals.alternatives.f1)),
    row('kind accuracy', (f) => f2(f.kind.accuracy)),
    '',
  ];
}

/**
 * Whether the learned model's probabilities mean what they say on the frozen test part: per probability,
 * the expected calibration error (calibration.ts) and the bin of 10 or more tickets where it is furthest off.
 */
function calibrationTable(test: readonly LabelledTicket[], pack: RulePack): string[] {
  const rows: Record<string, ScoredTruth[]> = { 'kind is feature': [], 'kind is bug': [], user: [], outcome: [], successMeasure: [], alternatives: [], outputOnly: [] };
  for (const t of test) {
    const p = readAsBot(t, pack).analysis.judgement.probabilities;
    if (!p) throw new Error(`${t.id}: the learned judgement gave no probabilities`);
    const l = t.label;
    rows['kind is feature']!.push({ probability: p.kind.feature, truth: l.kind === 'feature' });
    rows['kind is bug']!.push({ probability: p.kind.bug, truth: l.kind === 'bug' });
    for (const s of MODEL_SIGNALS) rows[s]!.push({ probability: p.signals[s], truth: l[SIGNAL_LABEL[s]] });
    rows.outputOnly!.push({ probability: p.outputOnly, truth: l.output_only });
  }
  const lines = [
    `Calibration of the learned model's probabilities on the frozen test part (${test.length} tickets, 10 bins)`,
    ''.padEnd(26) + 'expected error'.padStart(20) + '   furthest bin of 10 or more: mean probability → observed (tickets)',
  ];
  for (const [name, scored] of Object.entries(rows)) {
    const c = calibrationOf(scored);
    const worst = furthestBin(c, 10);
    const far = worst ? `${worst.meanProbability.toFixed(2)} → ${worst.observed.toFixed(2)} (${worst.count})` : 'no bin holds 10 tickets';
    lines.push(name.padEnd(26) + f2(c.expectedError).padStart(20) + `   ${far}`);
  }
  return [...lines, ''];
}

/** Each figure of the test table that says how well a reader did, read off the figures. */
const INTERVAL_ROWS: readonly [string, (f: EvalFigures) => number | null, (x: number) => string][] = [
  ['outputOnly F1', (f) => f.outputOnly.f1, (x) => x.toFixed(2)],
  ['good tickets flagged', (f) => f.outputOnly.falsePositiveRate, (x) => `${(100 * x).toFixed(1)}%`],
  ['user F1', (f) => f.signals.user.f1, (x) => x.toFixed(2)],
  ['outcome F1', (f) => f.signals.outcome.f1, (x) => x.toFixed(2)],
  ['successMeasure F1', (f) => f.signals.successMeasure.f1, (x) => x.toFixed(2)],
  ['alternatives F1', (f) => f.signals.alternatives.f1, (x) => x.toFixed(2)],
  ['kind accuracy', (f) => f.kind.accuracy, (x) => x.toFixed(2)],
];

/**
 * How far each figure of the test table could move with another draw of the test part's projects
 * (bootstrap.ts): a change that moves a figure by less than its interval's width may be the draw, not the change.
 */
function intervalTable(test: readonly LabelledTicket[], columns: readonly [string, readonly Observation[]][]): string[] {
  const projectOf = new Map(test.map((t) => [t.id, t.project.toLowerCase()]));
  const byProject = (observations: readonly Observation[]): Observation[][] => {
    const groups = new Map<string, Observation[]>();
    for (const o of observations) {
      const project = projectOf.get(o.id)!;
      groups.set(project, [...(groups.get(project) ?? []), o]);
    }
    return [...groups.values()];
  };
  const grouped = columns.map(([name, observations]) => [name, byProject(observations)] as const);
  const lines = [
    `95% intervals: the test part's ${grouped[0]![1].length} projects drawn again ${DEFAULT_BOOTSTRAP.resamples} times`,
    ''.padEnd(26) + grouped.map(([name]) => name.padStart(20)).join(''),
  ];
  const intervals = grouped.map(([, groups]) => bootstrapIntervals(groups, computeFigures, INTERVAL_ROWS.map(([, figure]) => figure)));
  INTERVAL_ROWS.forEach(([row, , show], r) => {
    const cells = intervals.map((column) => {
      const interval = column[r];
      return interval ? `${show(interval.low)} – ${show(interval.high)}` : '–';
    });
    lines.push(row.padEnd(26) + cells.map((c) => c.padStart(20)).join(''));
  });
  return [...lines, ''];
}

/**
 * The test part split by tracker, each reader on the same tickets: Jira's terse developer tickets and
 * GitHub's issues read differently, and a team on one tracker sees only its own column.
 */
function trackerTable(test: readonly LabelledTicket[], learned: readonly Observation[], cues: readonly Observation[]): string[] {
  const trackerOf = new Map(test.map((t) => [t.id, t.tracker]));
  const trackers = [...new Set(test.map((t) => t.tracker))].sort();
  const columns = trackers.flatMap((tracker) => {
    const on = (observations: readonly Observation[]) => computeFigures(observations.filter((o) => trackerOf.get(o.id) === tracker));
    const n = test.filter((t) => t.tracker === tracker).length;
    return [[`${tracker} (${n}) learned`, on(learned)], [`${tracker} cue engine`, on(cues)]] as [string, EvalFigures][];
  });
  return table('Frozen test part by tracker', columns);
}

/** What reading the kind, or the why, as the labels do would be worth to output-only, in cross-validation (half-read-right.ts). */
function halfTable(examples: readonly Example[], outOfFold: readonly ModelReading[]): string[] {
  const rows = halfReadRight(examples.map((e, i) => ({ ticket: e.ticket, reading: outOfFold[i]!, cueHeardOutcome: e.features.includes('cue:outcome') })), MAX_GOOD_FLAGGED);
  return [
    `Output-only is "a feature that says no why": cross-validated, at most ${100 * MAX_GOOD_FLAGGED}% of good tickets flagged, with one half taken from the labels`,
    ''.padEnd(26) + 'outputOnly F1'.padStart(20) + 'good flagged'.padStart(20),
    ...rows.map((r) => r.name.padEnd(26) + f2(r.f1).padStart(20) + pct(r.goodFlagged).padStart(20)),
    '',
  ];
}

/**
 * What each `judgement.strictness` flags, for a PM choosing one: the setting that flags at most each share of
 * good tickets in cross-validation (strictness-settings.ts; the default is chosen the same way at 5%), and
 * what it flags there and on the frozen test part, read by the shipped model as the bot reads a ticket.
 */
function strictnessTable(examples: readonly Example[], outOfFold: readonly ModelReading[], test: readonly LabelledTicket[], pack: RulePack): string[] {
  const settings = strictnessSettings(outputOnlyScores(examples, outOfFold));
  const columns = ['strictness', 'CV flagged', 'caught', 'F1', 'test flagged', 'caught', 'precision', 'F1'];
  const widths = [12, 12, 8, 7, 14, 8, 11, 7];
  const cells = (values: readonly string[]): string => values.map((v, i) => v.padStart(widths[i]!)).join('');
  const lines = [
    'Strictness: the setting that flags at most each share of good tickets in cross-validation, and what it flags there and on the frozen test part',
    'good flagged at most'.padEnd(22) + cells(columns),
  ];
  for (const setting of settings) {
    const onTest = computeFigures(test.map((t) => observe(t, { ...pack, judgement: { ...pack.judgement, strictness: setting.strictness } }))).outputOnly;
    const cv = setting.scores;
    lines.push(`${100 * setting.maxGoodFlagged}%`.padEnd(22) + cells([setting.strictness.toFixed(3), pct(cv.falsePositiveRate), f2(cv.recall), f2(cv.f1), pct(onTest.falsePositiveRate), f2(onTest.recall), f2(onTest.precision), f2(onTest.f1)]));
  }
  const model = pack.judgement.model;
  if (model) lines.push(`The shipped default, ${model.thresholds.outputOnly}, was chosen by npm run train as the best cross-validated F1 with at most ${100 * MAX_GOOD_FLAGGED}% of good tickets flagged.`);
  return [...lines, ''];
}

/** Whether each reader quotes the words that carry a signal (quote-eval.ts), on the test part. */
function quoteTable(test: readonly LabelledTicket[], learned: RulePack, cues: RulePack): string[] {
  const columns = [['learned', quoteFigures(test, learned)], ['cue engine', quoteFigures(test, cues)]] as const;
  const lines = [
    "Quotes: of the signals both the labels and the reader find, those whose quote overlaps the labellers' evidence",
    ''.padEnd(26) + columns.map(([name]) => name.padStart(20)).join(''),
  ];
  for (const signal of MODEL_SIGNALS) {
    lines.push(signal.padEnd(26) + columns.map(([, f]) => `${f[signal].overlapping} of ${f[signal].both}`.padStart(20)).join(''));
  }
  return [...lines, ''];
}

/** The replies a team writes to the bot, read as the bot reads them (reply-eval.ts), on the test part's feature tickets. */
function replyTable(test: readonly LabelledTicket[], pack: RulePack): string[] {
  const figures = replyFigures(test, pack);
  return replyRows(`Replies: the test part's ${figures.tickets} feature tickets asked from their title alone, their description as the reply`, figures);
}

/**
 * Replies written as people write them in a thread (corpus/replies.jsonl), read the same way, on the part
 * never read for misses, by the learned judgement and by the cue engine.
 */
function threadReplyTable(path: string, learned: RulePack, cues: RulePack): string[] {
  const replies = readThreadReplies(path).filter((r) => r.part === 'test').map(asRepliedTicket);
  const titles = new Set(replies.map((r) => r.title)).size;
  return [
    ...replyRows(`Thread replies, test part (${path}: ${replies.length} replies to ${titles} titles), learned judgement`, replyFigures(replies, learned)),
    ...replyRows('Thread replies, test part, cue engine', replyFigures(replies, cues)),
  ];
}

function replyRows(title: string, figures: ReplyFigures): string[] {
  const lines = [title, 'question decided by'.padEnd(26) + 'answered in truth'.padStart(20) + 'precision / recall'.padStart(22) + 'F1'.padStart(8)];
  for (const topic of REPLY_TOPICS) {
    const s = figures.byTopic[topic];
    lines.push(topic.padEnd(26) + `${s.tp + s.fn} of ${s.tp + s.fn + s.fp + s.tn}`.padStart(20) + `${f2(s.precision)} / ${f2(s.recall)}`.padStart(22) + f2(s.f1).padStart(8));
  }
  return [...lines, ''];
}

export async function evaluate(corpusPath: string, options: { curve: boolean; threads: number; replies?: string }): Promise<string[]> {
  const tickets = readLabelledTickets(corpusPath);
  const train = tickets.filter((t) => t.part === 'train');
  const test = tickets.filter((t) => t.part === 'test');
  const bundled = loadPack('product-sense', { learnedJudgement: false });
  const shipped = shippedJudgement();
  const pack: RulePack = { ...bundled, judgement: { engine: 'learned', strictness: null, model: shipped } };
  const cues = withCueEngineOnly(bundled);
  const projects = (list: readonly LabelledTicket[]) => new Set(list.map((t) => t.project.toLowerCase())).size;
  const out = [
    `${corpusPath}: ${tickets.length} tickets; train ${train.length} (${projects(train)} projects), test ${test.length} (${projects(test)} projects)`,
    `learned judgement ${shipped.version}, strictness ${shipped.thresholds.outputOnly}`,
    '',
  ];
  const figures = (p: RulePack, list: readonly LabelledTicket[]) => computeFigures(list.map((t) => observe(t, p)));
  const learnedOnTest = test.map((t) => observe(t, pack));
  const cuesOnTest = test.map((t) => observe(t, cues));
  out.push(...table(`Frozen test part (${test.length} tickets)`, [['learned', computeFigures(learnedOnTest)], ['cue engine', computeFigures(cuesOnTest)]]));
  out.push(...intervalTable(test, [['learned', learnedOnTest], ['cue engine', cuesOnTest]]));
  out.push(...trackerTable(test, learnedOnTest, cuesOnTest));
  out.push(...quoteTable(test, pack, cues));
  out.push(...replyTable(test, pack));
  if (options.replies) out.push(...threadReplyTable(options.replies, pack, cues));

  // Read as fitAll's threads read them (training-set.ts).
  const examples = examplesOf(train);
  // The learning curve's shares: the projects below a quarter and a half of a 4-way split of the train part.
  const curveTasks: FitTask[] = options.curve ? [{ folds: 4, fold: 1, keep: 'below' }, { folds: 4, fold: 2, keep: 'below' }] : [];
  const fitted = await fitAll(corpusPath, examples, [...foldTasks(FOLDS), ...curveTasks], DEFAULT_TRAIN, options.threads);
  const oof: Observation[] = [];
  for (let fold = 0; fold < FOLDS; fold++) {
    const model = readingAsShipped(fitted[fold]!, shipped);
    for (const t of train) if (foldOf(t.project, FOLDS) === fold) oof.push(observe(t, withModel(pack, model)));
  }
  out.push(...table(`Cross-validation on the train part (${FOLDS} folds by project, ${train.length} tickets)`, [
    ['learned', computeFigures(oof)],
    ['cue engine', figures(cues, train)],
  ]));

  const outOfFold = readOutOfFold(examples, fitted.slice(0, FOLDS));
  out.push(...halfTable(examples, outOfFold));
  out.push(...strictnessTable(examples, outOfFold, test, pack));
  out.push(...calibrationTable(test, pack));

  if (options.curve) {
    const columns: [string, EvalFigures][] = [];
    ([['1/4 of train', 1], ['1/2 of train', 2]] as const).forEach(([name, quarters], i) => {
      const tickets = examples.filter((e) => foldOf(e.ticket.project, 4) < quarters).length;
      columns.push([`${name} (${tickets})`, figures(withModel(pack, readingAsShipped(fitted[FOLDS + i]!, shipped)), test)]);
    });
    columns.push([`all (${examples.length})`, figures(pack, test)]);
    out.push(...table('Learning curve: the test part read by models fitted on part of the train part', columns));
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npm run eval [-- CORPUS [REPLIES]] [--no-curve] [--threads N]: N threads fit the folds side by side.
  const { threads, rest } = threadsOption(process.argv.slice(2));
  const [corpus = 'corpus/tickets.jsonl', replies = 'corpus/replies.jsonl'] = rest.filter((a) => !a.startsWith('--'));
  for (const line of await evaluate(corpus, { curve: !process.argv.includes('--no-curve'), threads, replies })) console.log(line);
}
