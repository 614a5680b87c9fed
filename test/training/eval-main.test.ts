import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readLabelledTickets } from '../../src/training/labelled-ticket.js';
import { evaluate } from '../../src/training/eval-main.js';
import { observe } from '../../src/cli/eval/eval-command.js';
import { computeFigures } from '../../src/cli/eval/metrics.js';
import { loadPack } from '../../src/packs/load-pack.js';

/*
 * `npm run eval` on a small labelled corpus of invented tickets (test/fixtures/corpus/labelled-small.jsonl,
 * put in eleven made-up projects, three of them the test part, one of those on Jira): every section is
 * printed, over the right tickets.
 */
const CORPUS = 'test/fixtures/corpus/labelled-small.jsonl';
/** Seven replies written for this test, five in the test part, to three titles there. */
const REPLIES = 'test/fixtures/corpus/replies-small.jsonl';

describe('npm run eval', () => {
  const tickets = readLabelledTickets(CORPUS);
  const test = tickets.filter((t) => t.part === 'test');
  const good = test.filter((t) => !t.label.output_only).length;
  // One thread: the fitting threads run the compiled trainer, which ts-jest does not build.
  let lines: string[] = [];
  let text = '';
  beforeAll(async () => {
    lines = await evaluate(CORPUS, { curve: true, threads: 1, replies: REPLIES });
    text = lines.join('\n');
  });

  it('prints the same from the compiled command with its fits in two threads', async () => {
    const root = new URL('../..', import.meta.url).pathname;
    const { stdout } = await promisify(execFile)(process.execPath, ['dist/src/training/eval-main.js', CORPUS, REPLIES, '--threads', '2'], { cwd: root });
    expect(stdout).toBe(lines.map((line) => line + '\n').join(''));
  }, 60_000);

  it('names the corpus, its parts and the shipped model', () => {
    expect(lines[0]).toBe(`${CORPUS}: ${tickets.length} tickets; train ${tickets.length - test.length} (8 projects), test ${test.length} (3 projects)`);
    expect(lines[1]).toMatch(/^learned judgement learned-\d+-[0-9a-f]+, strictness [\d.]+$/);
  });

  it('prints the frozen test part, cross-validation and the learning curve, learned beside the cue engine', () => {
    expect(text).toContain(`Frozen test part (${test.length} tickets)`);
    expect(text).toContain('Cross-validation on the train part (5 folds by project, 32 tickets)');
    expect(text).toContain('Learning curve: the test part read by models fitted on part of the train part');
    const testTable = text.slice(text.indexOf('Frozen test part'), text.indexOf('Cross-validation'));
    // Both columns count the good tickets of the test part, and only those.
    expect(testTable).toMatch(new RegExp(`good tickets flagged +[\\d.]+% \\(\\d+/${good}\\) +[\\d.]+% \\(\\d+/${good}\\)`));
    for (const row of ['outputOnly F1', 'user F1', 'outcome F1', 'successMeasure F1', 'alternatives F1', 'kind accuracy']) expect(testTable).toContain(row);
  });

  it('prints how far each test figure could move with another draw of the test projects, for both readers', () => {
    const intervals = text.slice(text.indexOf('95% intervals'), text.indexOf('Cross-validation'));
    expect(intervals).toContain("95% intervals: the test part's 3 projects drawn again 1000 times");
    expect(intervals).toMatch(/^good tickets flagged +[\d.]+% – [\d.]+% +[\d.]+% – [\d.]+%$/m);
    for (const row of ['outputOnly F1', 'user F1', 'outcome F1', 'successMeasure F1', 'alternatives F1', 'kind accuracy']) {
      expect(intervals).toMatch(new RegExp(`^${row} +(?:[01]\\.\\d\\d – [01]\\.\\d\\d|–) +(?:[01]\\.\\d\\d – [01]\\.\\d\\d|–)$`, 'm'));
    }
  });

  it('prints the test part by tracker, each tracker counting its own good tickets, for both readers', () => {
    const byTracker = text.slice(text.indexOf('Frozen test part by tracker'), text.indexOf('Cross-validation'));
    const on = (tracker: string) => test.filter((t) => t.tracker === tracker);
    const goodOn = (tracker: string) => on(tracker).filter((t) => !t.label.output_only).length;
    expect(byTracker).toMatch(new RegExp(`github \\(${on('github').length}\\) learned +github cue engine +jira \\(${on('jira').length}\\) learned +jira cue engine`));
    const flagged = '[\\d.]+% \\(\\d+/';
    expect(byTracker).toMatch(new RegExp(`good tickets flagged +${flagged}${goodOn('github')}\\) +${flagged}${goodOn('github')}\\) +${flagged}${goodOn('jira')}\\) +${flagged}${goodOn('jira')}\\)`));
    expect(byTracker).toMatch(/^kind accuracy( +[01]\.\d\d){4}$/m);
  });

  it("prints, for each reader, how many of the signals it and the labels both find it quotes by the labellers' words", () => {
    const quotes = text.slice(text.indexOf('Quotes:'), text.indexOf('Replies:'));
    expect(quotes).toMatch(/^ +learned +cue engine$/m);
    for (const row of ['user', 'outcome', 'successMeasure', 'alternatives']) expect(quotes).toMatch(new RegExp(`^${row} +\\d+ of \\d+ +\\d+ of \\d+$`, 'm'));
  });

  it("prints how the bot reads replies: the test part's feature tickets asked from their title, answered by their description", () => {
    const replies = text.slice(text.indexOf('Replies:'), text.indexOf('Cross-validation'));
    expect(replies).toMatch(/^Replies: the test part's \d+ feature tickets asked from their title alone, their description as the reply$/m);
    for (const row of ['why', 'who', 'measure', 'alternatives']) expect(replies).toMatch(new RegExp(`^${row} +\\d+ of \\d+ +(?:[01]\\.\\d\\d|  –  ) / (?:[01]\\.\\d\\d|  –  ) +(?:[01]\\.\\d\\d|  –  )$`, 'm'));
  });

  it("prints how the bot reads replies written in a thread, the replies file's test part only, for both readers", () => {
    const learned = text.slice(text.indexOf('Thread replies, test part ('), text.indexOf('Thread replies, test part, cue engine'));
    expect(learned).toMatch(/^Thread replies, test part \(test\/fixtures\/corpus\/replies-small\.jsonl: 5 replies to 3 titles\), learned judgement$/m);
    const cues = text.slice(text.indexOf('Thread replies, test part, cue engine'), text.indexOf('Cross-validation'));
    for (const section of [learned, cues]) {
      for (const row of ['why', 'who', 'measure', 'alternatives']) expect(section).toMatch(new RegExp(`^${row} +\\d+ of \\d+ +(?:[01]\\.\\d\\d|–) +/ +(?:[01]\\.\\d\\d|–) +(?:[01]\\.\\d\\d|–) *$`, 'm'));
    }
    // Each of the five replies is asked about measure and alternatives at most once: the train part's two are not read.
    expect(Number(/^measure +\d+ of (\d+)/m.exec(learned)![1])).toBeLessThanOrEqual(5);
    expect(Number(/^measure +\d+ of (\d+)/m.exec(learned)![1])).toBeGreaterThan(0);
  });

  it('prints what reading the kind, or the why, as the labels do would be worth to output-only in cross-validation', () => {
    const halves = text.slice(text.indexOf('Output-only is'), text.indexOf('Calibration'));
    expect(halves).toMatch(/^Output-only is "a feature that says no why": cross-validated, at most 5% of good tickets flagged, with one half taken from the labels$/m);
    for (const row of ['the model', 'the kind read right', 'the why read right']) expect(halves).toMatch(new RegExp(`^${row} +[01]\\.\\d\\d +[\\d.]+%$`, 'm'));
  });

  it('prints, for each share of good tickets, the strictness that flags at most it in cross-validation, and what it flags on the test part', () => {
    const section = text.slice(text.indexOf('Strictness:'), text.indexOf('Calibration'));
    const rows = [...section.matchAll(/^(\d+)% +([01]\.\d{3}) +([\d.]+)% +([01]\.\d\d|  –  ) +([01]\.\d\d|  –  ) +([\d.]+)% +([01]\.\d\d|  –  ) +([01]\.\d\d|  –  ) +([01]\.\d\d|  –  )$/gm)];
    expect(rows.map((r) => r[1])).toEqual(['2', '5', '8', '10', '15', '20']);
    const strictness = rows.map((r) => Number(r[2]));
    // A larger share never needs a stricter setting, and cross-validation never flags more than the share.
    strictness.forEach((s, i) => i > 0 && expect(s).toBeLessThanOrEqual(strictness[i - 1]!));
    for (const r of rows) expect(Number(r[3])).toBeLessThanOrEqual(Number(r[1]));
    // The test columns are the test part read by the shipped model at that setting, as the bot would.
    const pack = loadPack('product-sense');
    for (const r of rows) {
      const atSetting = { ...pack, judgement: { ...pack.judgement, strictness: Number(r[2]) } };
      const onTest = computeFigures(test.map((t) => observe(t, atSetting))).outputOnly;
      expect(Number(r[6])).toBe(Number((100 * onTest.falsePositiveRate!).toFixed(1)));
    }
    expect(section).toMatch(/^The shipped default, [\d.]+, was chosen by npm run train as the best cross-validated F1 with at most 5% of good tickets flagged\.$/m);
  });

  it("prints how well calibrated each of the model's probabilities is on the test part", () => {
    const calibration = text.slice(text.indexOf('Calibration'));
    expect(calibration).toContain(`Calibration of the learned model's probabilities on the frozen test part (${test.length} tickets, 10 bins)`);
    for (const row of ['kind is feature', 'kind is bug', 'user', 'outcome', 'successMeasure', 'alternatives', 'outputOnly']) {
      expect(calibration).toMatch(new RegExp(`^${row} +[01]\\.\\d\\d   `, 'm'));
    }
  });
});
