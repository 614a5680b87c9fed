import { cueCatalogue } from '../lint/signals/cue-catalogue.js';
import { NO_CUES_OFF, type CueReading, type CuesOff } from '../lint/signals/cue.js';
import { loadPack } from '../packs/load-pack.js';
import { costOf, cueWorthFigures, FIGURES, TOLERANCE, type CueWorthFigures } from './cue-worth.js';
import { fitAll, threadsOption } from './fit-in-parallel.js';
import { DEFAULT_TRAIN, foldTasks, readOutOfFold } from './judgement-training.js';
import { chooseFromOutOfFold, FOLDS } from './train-main.js';
import { trainingExamples } from './training-set.js';

/**
 * `npm run cue-worth -- outcome/pain kind/gap` (or `--all`): before deleting or keeping a cue, what it is
 * worth. The train part is read without each cue in turn, the model refitted in the same 5-fold
 * cross-validation as `npm run train`, and the cue engine read again; each figure's cost is printed beside
 * the figures with every cue. The test part is never read. About a minute a cue on 2 cores.
 */
export async function measureCues(corpusPath: string, ids: readonly string[], threads: number, print: (line: string) => void): Promise<void> {
  const read = async (off: CuesOff): Promise<CueWorthFigures> => {
    const examples = trainingExamples(corpusPath, off);
    const outOfFold = readOutOfFold(examples, await fitAll(corpusPath, examples, foldTasks(FOLDS), DEFAULT_TRAIN, threads, off));
    return cueWorthFigures(examples, outOfFold, chooseFromOutOfFold(examples, outOfFold));
  };
  const columns = FIGURES.map((f) => f.name);
  const cell = (text: string, i: number): string => text.padStart(Math.max(8, columns[i]!.length) + 2);
  print(`${corpusPath}: the train part in ${FOLDS}-fold cross-validation by project; a cue is needed when taking it out costs ${TOLERANCE} or more on any figure`);
  const labelWidth = Math.max(...ids.map((id) => `cost without ${id}`.length), 'with every cue'.length);
  const label = (text: string): string => text.padEnd(labelWidth);
  print(label('') + columns.map((c, i) => cell(c, i)).join(''));
  const every = await read(NO_CUES_OFF);
  print(label('with every cue') + FIGURES.map((f, i) => cell(f.of(every).toFixed(3), i)).join(''));
  for (const id of ids) {
    const { costs, neededBy } = costOf(every, await read(new Set([id])));
    const verdict = neededBy.length ? `needed by ${neededBy.join(', ')}` : 'nothing here needs it (a test may)';
    print(label(`cost without ${id}`) + costs.map((c, i) => cell(signed(c), i)).join('') + `   ${verdict}`);
  }
}

/** A cost to three decimals with its sign, rounded as costOf compares it; one that rounds to nothing is +0.000. */
function signed(cost: number): string {
  const rounded = Math.round(cost * 1000) / 1000 || 0;
  return (rounded >= 0 ? '+' : '') + rounded.toFixed(3);
}

/** Every cue's id as `<reading>/<id>`, in the catalogue's order (ids are unique within a reading: cues.test.ts). */
export function knownCueIds(): string[] {
  const catalogue = cueCatalogue(loadPack('product-sense', { learnedJudgement: false }).vocabulary);
  return (Object.keys(catalogue) as CueReading[]).flatMap((reading) => catalogue[reading].map((cue) => `${reading}/${cue.id}`));
}

/** The cues the command line names: `--all`, or ids each of which must be a known cue. */
export function cuesToMeasure(args: readonly string[], known: readonly string[]): string[] {
  if (args.includes('--all')) return [...known];
  const ids = args.filter((a) => !a.startsWith('--') && !a.endsWith('.jsonl'));
  if (!ids.length) throw new Error('name the cues to measure as <reading>/<id> (outcome/pain, kind/gap), or --all');
  const unknown = ids.filter((id) => !known.includes(id));
  if (unknown.length) throw new Error(`no cue ${unknown.join(', ')}: the cues are ${known.join(', ')}`);
  return ids;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  // npm run cue-worth -- [CORPUS.jsonl] (--all | READING/ID ...) [--threads N]
  const { threads, rest } = threadsOption(process.argv.slice(2));
  try {
    const ids = cuesToMeasure(rest, knownCueIds());
    const corpus = rest.find((a) => a.endsWith('.jsonl')) ?? 'corpus/tickets.jsonl';
    await measureCues(corpus, ids, threads, (line) => console.log(line));
  } catch (error) {
    console.error(`cue-worth: ${(error as Error).message}`);
    process.exitCode = 2;
  }
}
