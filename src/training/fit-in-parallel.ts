import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { NO_CUES_OFF, type CuesOff } from '../lint/signals/cue.js';
import { runFitTask, type Example, type FitTask, type Fitted, type TrainOptions } from './judgement-training.js';

/**
 * The fits of `npm run train` and `npm run eval` (folds, the final model, a learning curve's shares),
 * spread over `threads` worker threads: they do not depend on one another, and each is the same
 * deterministic full-batch fit wherever it runs, so the weights are identical bit for bit to fitting them
 * one after another (test/training/train-reproducible.test.ts). On 2 cores the six fits of `npm run train`
 * on 8,737 tickets take 77 s instead of about 2 minutes. One thread: all fitted here, in order. Each thread
 * reads the train part of `corpusPath` itself, as `examples` were read (training-set.ts), without the cues
 * `off` names.
 */
export async function fitAll(
  corpusPath: string, examples: readonly Example[], tasks: readonly FitTask[], options: TrainOptions, threads: number, off: CuesOff = NO_CUES_OFF,
): Promise<Fitted[]> {
  if (threads <= 1 || tasks.length <= 1) return tasks.map((task) => runFitTask(examples, task, options));
  const fitted: (Fitted | undefined)[] = new Array(tasks.length);
  const queue = tasks.map((task, index) => ({ task, index }));
  const workers = Array.from({ length: Math.min(threads, tasks.length) }, () =>
    new Worker(new URL('./fit-worker.js', import.meta.url), { workerData: { corpusPath, options, off: [...off] } }));
  try {
    await Promise.all(workers.map((worker) => new Promise<void>((resolve, reject) => {
      let running = -1;
      const next = (): void => {
        const item = queue.shift();
        if (item === undefined) return resolve();
        running = item.index;
        worker.postMessage(item.task);
      };
      worker.on('message', (result: Fitted) => {
        fitted[running] = result;
        next();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`a fitting thread stopped (exit code ${code}) before its fits were done`)));
      next();
    })));
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
  return fitted.map((result, i) => {
    if (!result) throw new Error(`fit ${i} did not run`);
    return result;
  });
}

/**
 * The `--threads N` of `npm run train` and `npm run eval` (default: one a core), and the other arguments
 * without it.
 */
export function threadsOption(args: readonly string[]): { threads: number; rest: string[] } {
  const at = args.indexOf('--threads');
  const threads = at === -1 ? availableParallelism() : Number(args[at + 1]);
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`--threads takes a whole number of threads, 1 or more, not ${args[at + 1]}`);
  return { threads, rest: at === -1 ? [...args] : [...args.slice(0, at), ...args.slice(at + 2)] };
}
