import { parentPort, workerData } from 'node:worker_threads';
import { runFitTask, type FitTask, type TrainOptions } from './judgement-training.js';
import { trainingExamples } from './training-set.js';

/**
 * A thread of fit-in-parallel.ts: reads the corpus's train part itself (as the main thread does), then
 * runs each fit it is sent and posts the fitted heads back.
 */
const { corpusPath, options, off } = workerData as { corpusPath: string; options: TrainOptions; off: string[] };
const examples = trainingExamples(corpusPath, new Set(off));
parentPort!.on('message', (task: FitTask) => parentPort!.postMessage(runFitTask(examples, task, options)));
