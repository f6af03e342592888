// Runs fuzz cases [from, to) in a worker thread and reports each one, so that the main thread can stop a
// case that hangs (a synchronous loop cannot be interrupted from inside).
import { parentPort, workerData } from 'node:worker_threads';
import { caseFor, runCase } from './fuzzCase.ts';

const { seed, from, to } = workerData as { seed: number; from: number; to: number };
for (let i = from; i < to; i++) {
  parentPort!.postMessage({ type: 'start', i });
  const started = performance.now();
  const outcome = runCase(caseFor(seed + i));
  parentPort!.postMessage({ type: 'done', i, ms: performance.now() - started, outcome });
}
parentPort!.postMessage({ type: 'finished' });
