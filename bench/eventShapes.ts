// Rules on pathological event messages: every fixture with one extra kubelet event whose message is a
// real prefix followed by 64 KiB of one shape that makes a naive pattern super-linear (a run of spaces
// after `Failed to pull image "x"` was cubic in imagePull's FAILED_PULL, review2 #14).
// Run: node --import tsx bench/eventShapes.ts
import type { PodEvent } from '../lib/bundle/types.ts';
import { diagnose } from '../lib/diagnose.ts';
import { loadFixture, singlePodFixtureNames } from '../test/support/fixtures.ts';

const SIZE = 64 * 1024;
const PREFIXES: Record<string, string> = {
  'failed pull': 'Failed to pull image "x"',
  'failed pull, error': 'Failed to pull image "x": rpc error: code = Unknown desc = ',
  'sync failure': 'Error syncing pod, skipping: failed to "StartContainer" for "x" with ErrImagePull: "',
  'config error': 'Error: secret "',
};
const SHAPES: Record<string, (n: number) => string> = {
  spaces: (n) => ' '.repeat(n),
  'space newline': (n) => ' \n'.repeat(n / 2),
  colons: (n) => ': '.repeat(n / 2),
  quotes: (n) => '"a'.repeat(n / 2),
};

const times: number[] = [];
let worst = { ms: 0, what: '' };
for (const fixture of singlePodFixtureNames()) {
  for (const [prefix, head] of Object.entries(PREFIXES)) {
    for (const [shape, make] of Object.entries(SHAPES)) {
      const bundle = loadFixture(fixture);
      const event: PodEvent = { type: 'Warning', reason: prefix === 'sync failure' ? 'FailedSync' : 'Failed', message: head + make(SIZE), count: 1 };
      bundle.events = [...(bundle.events ?? []), event];
      const start = process.hrtime.bigint();
      diagnose(bundle);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      times.push(ms);
      if (ms > worst.ms) worst = { ms, what: `${fixture} / ${prefix} / ${shape}` };
    }
  }
}
times.sort((a, b) => a - b);
const p = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`diagnose with a 64 KiB pathological event: ${times.length} runs, median ${p(0.5)} ms, p95 ${p(0.95)} ms, worst ${worst.ms.toFixed(1)} ms (${worst.what})`);
