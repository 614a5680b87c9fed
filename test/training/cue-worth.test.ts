import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { ModelReading } from '../../src/lint/model/judgement-model.js';
import { costOf, cueWorthFigures, FIGURES, type CueWorthFigures } from '../../src/training/cue-worth.js';
import { cuesToMeasure, knownCueIds, measureCues } from '../../src/training/cue-worth-main.js';
import type { Example } from '../../src/training/judgement-training.js';
import type { LabelledTicket } from '../../src/training/labelled-ticket.js';
import type { OutOfFoldChoice } from '../../src/training/train-main.js';

const figures = (over: Partial<CueWorthFigures> = {}): CueWorthFigures => ({
  outputOnlyF1: 0.6,
  signalF1: { user: 0.5, outcome: 0.8, successMeasure: 0.65, alternatives: 0.5 },
  kindAccuracy: 0.8,
  cueEngine: { outputOnlyF1: 0.62, goodFlagged: 0.2, kindAccuracy: 0.7 },
  ...over,
});

describe('costOf', () => {
  it('is nothing, and needed by nothing, when the figures do not move', () => {
    const { costs, neededBy } = costOf(figures(), figures());
    expect(costs).toEqual(FIGURES.map(() => 0));
    expect(neededBy).toEqual([]);
  });

  it('counts a lower F1 or accuracy as a cost, and more good tickets flagged as one too', () => {
    const without = figures({ outputOnlyF1: 0.59, signalF1: { user: 0.5, outcome: 0.81, successMeasure: 0.65, alternatives: 0.5 }, cueEngine: { outputOnlyF1: 0.62, goodFlagged: 0.21, kindAccuracy: 0.7 } });
    const { costs, neededBy } = costOf(figures(), without);
    const cost = (name: string) => costs[FIGURES.findIndex((f) => f.name === name)]!;
    expect(cost('outputOnly F1')).toBeCloseTo(0.01, 9);
    expect(cost('outcome F1')).toBeCloseTo(-0.01, 9);
    expect(cost('cue engine good flagged')).toBeCloseTo(0.01, 9);
    expect(neededBy).toEqual(['outputOnly F1', 'cue engine good flagged']);
  });

  it('needs a cue from a cost of 0.003 as printed, to three decimals, not below', () => {
    expect(costOf(figures(), figures({ kindAccuracy: 0.797 })).neededBy).toEqual(['kind accuracy']);
    expect(costOf(figures(), figures({ kindAccuracy: 0.7973 })).neededBy).toEqual(['kind accuracy']);
    expect(costOf(figures(), figures({ kindAccuracy: 0.7976 })).neededBy).toEqual([]);
  });
});

describe('cueWorthFigures', () => {
  const label = (kind: LabelledTicket['label']['kind'], outputOnly: boolean): LabelledTicket['label'] =>
    ({ kind, output_only: outputOnly, has_user: false, has_outcome: !outputOnly, has_success_measure: false, has_alternatives: false });
  const example = (l: LabelledTicket['label'], features: string[]): Example => ({ ticket: { label: l } as LabelledTicket, features, featuresWithoutLabels: null });
  const reading = (feature: number, bug: number): ModelReading => ({
    kind: { feature, task: 0, bug, other: 1 - feature - bug },
    heads: { user: 0, outcome: 0, successMeasure: 0, alternatives: 0, featureOutcome: 0 },
    outputOnly: feature,
  });
  const chosen: OutOfFoldChoice = {
    thresholds: { user: 0.5, outcome: 0.5, successMeasure: 0.5, alternatives: 0.5, outputOnly: 0.5 },
    signalRules: { user: 'model', outcome: 'either', successMeasure: 'cues', alternatives: 'model' },
    signalF1: {
      user: { model: 0.1, either: 0.2, cues: 0.3 },
      outcome: { model: 0.4, either: 0.5, cues: 0.6 },
      successMeasure: { model: 0.7, either: 0.8, cues: 0.9 },
      alternatives: { model: 0.15, either: 0.25, cues: 0.35 },
    },
    outputOnly: { f1: 0.55, falsePositiveRate: 0.04 },
  };

  it("reads the learned figures off cross-validation's choices and the cue engine's off each ticket's features", () => {
    const examples = [
      example(label('feature', true), ['cue:kind=feature', 'cue:outputOnly']), // the cue engine flags it, rightly
      example(label('feature', false), ['cue:kind=feature', 'cue:outputOnly']), // and this good one, wrongly
      example(label('bug', false), ['cue:kind=feature']), // a kind it misreads
      example(label('task', false), ['cue:kind=task']),
    ];
    const f = cueWorthFigures(examples, [reading(0.9, 0), reading(0.8, 0.1), reading(0.1, 0.8), reading(0.1, 0.1)], chosen);
    expect(f.outputOnlyF1).toBe(0.55);
    // Each signal under the rule cross-validation chose for it.
    expect(f.signalF1).toEqual({ user: 0.1, outcome: 0.5, successMeasure: 0.9, alternatives: 0.15 });
    // The model's kinds: feature, feature, bug, other (the last reads 0.8 other): 3 of 4.
    expect(f.kindAccuracy).toBe(0.75);
    expect(f.cueEngine).toEqual({ outputOnlyF1: 2 / 3, goodFlagged: 1 / 3, kindAccuracy: 0.75 });
  });
});

describe('cuesToMeasure', () => {
  const known = knownCueIds();

  it('knows every cue as <reading>/<id>', () => {
    expect(known).toEqual(expect.arrayContaining(['outcome/business-stake', 'user/segment', 'alternatives/alternative']));
    expect(known.every((id) => /^(kind|user|outcome|successMeasure|alternatives)\/[\w:-]+$/.test(id))).toBe(true);
  });

  it('takes the cues named, or every cue with --all', () => {
    expect(cuesToMeasure(['outcome/business-stake', 'corpus/x.jsonl', '--threads'], known)).toEqual(['outcome/business-stake']);
    expect(cuesToMeasure(['--all'], known)).toEqual(known);
  });

  it('refuses a cue it does not know, listing those it does, and no cue at all', () => {
    expect(() => cuesToMeasure(['outcome/pains'], known)).toThrow(/^no cue outcome\/pains: the cues are kind\/.*outcome\/business-stake/);
    expect(() => cuesToMeasure([], known)).toThrow('name the cues to measure as <reading>/<id> (outcome/pain, kind/gap), or --all');
  });
});

describe('npm run cue-worth', () => {
  // The small invented corpus of the eval's test; its train part is 32 tickets, so each fit takes a moment.
  const CORPUS = 'test/fixtures/corpus/labelled-small.jsonl';
  // Both move figures on this corpus, so a fitting thread that read them would print other figures.
  const CUE = 'outcome/pain';
  let lines: string[] = [];
  beforeAll(async () => {
    lines = [];
    await measureCues(CORPUS, [CUE, 'alternatives/alternative'], 1, (line) => lines.push(line));
  }, 60_000);

  it('prints the figures with every cue, then each cue\'s cost and who needs it', () => {
    expect(lines[0]).toBe(`${CORPUS}: the train part in 5-fold cross-validation by project; a cue is needed when taking it out costs 0.003 or more on any figure`);
    for (const name of FIGURES.map((f) => f.name)) expect(lines[1]).toContain(name);
    expect(lines[2]).toMatch(new RegExp(`^with every cue +(?: +[01]\\.\\d{3}){${FIGURES.length}}$`));
    for (const [i, cue] of [[3, CUE], [4, 'alternatives/alternative']] as const) {
      expect(lines[i]).toMatch(new RegExp(`^cost without ${cue}(?: +[+-][01]\\.\\d{3}){${FIGURES.length}}   (?:needed by .+|nothing here needs it \\(a test may\\))$`));
    }
    expect(lines).toHaveLength(5);
    // Each figure sits under its name.
    const ends = FIGURES.map((f) => lines[1]!.indexOf(f.name) + f.name.length);
    for (const line of lines.slice(2)) for (const end of ends) expect(line.slice(end - 1, end)).toMatch(/\d/);
  });

  it('prints the same from the compiled command with its fits in two threads, each reading without the cue', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/training/cue-worth-main.js', CORPUS, CUE, 'alternatives/alternative', '--threads', '2'], { cwd: root });
    expect(stdout).toBe(lines.map((line) => line + '\n').join(''));
  }, 60_000);

  it('exits with 2 and says why on a cue it does not know', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, ['dist/src/training/cue-worth-main.js', CORPUS, 'outcome/nope'], { cwd: root });
    await expect(run).rejects.toMatchObject({ code: 2, stderr: expect.stringMatching(/^cue-worth: no cue outcome\/nope: the cues are /) });
  });
});
