// npm run fuzz [-- --runs N --seed S --workers W]: mutated bundles from every fixture through load →
// diagnose → JSON and human renderers. Reports every case that throws, takes over 2 s, or renders invalid
// JSON, with the command that replays it. Not part of `npm test`: 100,000 cases take a while.
//   npm run fuzz -- --seed S --case I      replays one case (I from a report) in this process
import { Worker } from 'node:worker_threads';
import { parseArgs } from 'node:util';
import { caseFor, runCase, type Outcome } from './fuzzCase.ts';

/** A worker thread does not inherit tsx's loader: register it, then load the TypeScript worker. */
const WORKER_BOOT = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('./fuzzWorker.ts', import.meta.url).href)}); })`;
const SLOW_MS = 2_000;
/** A case still running after this is stopped and counted as a hang. */
const HANG_MS = 5_000;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '100000' },
    seed: { type: 'string', default: String(Date.now() % 2 ** 31) },
    workers: { type: 'string', default: '2' },
    case: { type: 'string' },
  },
});
const seed = Number(values.seed);

if (values.case !== undefined) {
  const input = caseFor(seed + Number(values.case));
  console.log(JSON.stringify(input, (_k, v: unknown) => (typeof v === 'symbol' ? String(v) : v)).slice(0, 2000));
  const started = performance.now();
  console.log(runCase(input), `${(performance.now() - started).toFixed(0)} ms`);
  process.exit(0);
}

const runs = Number(values.runs);
const workers = Math.max(1, Number(values.workers));
const counts = { diagnosed: 0, refused: 0, failed: 0, slow: 0, hung: 0 };
const problems: string[] = [];
const started = performance.now();
let done = 0;
let maxMs = 0;

function report(i: number, what: string): void {
  const line = `case ${i}: ${what}  (replay: npm run fuzz -- --seed ${seed} --case ${i})`;
  problems.push(line);
  console.log(line);
}

function record(i: number, ms: number, outcome: Outcome): void {
  done++;
  counts[outcome.kind]++;
  maxMs = Math.max(maxMs, ms);
  if (outcome.kind === 'failed') report(i, outcome.detail);
  if (ms > SLOW_MS) {
    counts.slow++;
    report(i, `took ${(ms / 1000).toFixed(1)} s`);
  }
  if (done % 5000 === 0) console.log(`${done} / ${runs} cases, ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/** Runs [from, to) in a worker; a hanging case is stopped and the rest run in a new worker. */
function runRange(from: number, to: number): Promise<void> {
  return new Promise((resolve) => {
    if (from >= to) return resolve();
    const worker = new Worker(WORKER_BOOT, { eval: true, workerData: { seed, from, to } });
    let current = from;
    let started = false;
    let caseStarted = Infinity; // the worker's start-up (loading tsx and podwhy) is no case's time
    const watchdog = setInterval(() => {
      if (performance.now() - caseStarted < HANG_MS) return;
      clearInterval(watchdog);
      void worker.terminate();
      done++;
      counts.hung++;
      report(current, `still running after ${HANG_MS / 1000} s: stopped`);
      void runRange(current + 1, to).then(resolve);
    }, 250);
    worker.on('message', (m: { type: string; i: number; ms: number; outcome: Outcome }) => {
      if (m.type === 'start') {
        started = true;
        current = m.i;
        caseStarted = performance.now();
      } else if (m.type === 'done') {
        record(m.i, m.ms, m.outcome);
      } else {
        clearInterval(watchdog);
        resolve();
      }
    });
    worker.on('error', (err) => {
      clearInterval(watchdog);
      if (!started) {
        console.error(`fuzz: the worker could not start: ${err.message}`);
        process.exit(2);
      }
      done++;
      counts.failed++;
      report(current, `worker died: ${err.message}`);
      void runRange(current + 1, to).then(resolve);
    });
  });
}

function summary(): string {
  const seconds = (performance.now() - started) / 1000;
  return (
    `fuzz: ${done} of ${runs} cases (seed ${seed}) in ${seconds.toFixed(0)} s: ${counts.diagnosed} diagnosed, ${counts.refused} refused as bad input, ` +
    `${counts.failed} failed, ${counts.slow} over ${SLOW_MS / 1000} s, ${counts.hung} stopped after ${HANG_MS / 1000} s; slowest completed case ${maxMs.toFixed(0)} ms`
  );
}

// Stopped early (Ctrl-C): still say what ran.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    console.log(`${summary()} (stopped by ${signal})`);
    process.exit(problems.length > 0 ? 1 : 130);
  });
}

const share = Math.ceil(runs / workers);
await Promise.all(Array.from({ length: workers }, (_, w) => runRange(w * share, Math.min(runs, (w + 1) * share))));
console.log(summary());
process.exit(problems.length > 0 ? 1 : 0);
