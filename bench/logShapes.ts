// Rules on pathological log lines: every fixture with a 256 KiB log (the live and offline bound) of one
// shape that makes a naive pattern quadratic (one endless word, digits, dots, spaces, colons).
// Run: npm run bench:logs
import { diagnose } from '../lib/diagnose.ts';
import { loadFixture, singlePodFixtureNames } from '../test/support/fixtures.ts';

const SIZE = 256 * 1024;
const SHAPES: Record<string, (n: number) => string> = {
  'one word': (n) => 'a'.repeat(n),
  digits: (n) => '1'.repeat(n),
  spaces: (n) => `a${' '.repeat(n)}b`,
  dots: (n) => 'a.'.repeat(n / 2),
  colons: (n) => 'a: '.repeat(n / 3),
};

const times: number[] = [];
let worst = { ms: 0, what: '' };
for (const fixture of singlePodFixtureNames()) {
  for (const [shape, make] of Object.entries(SHAPES)) {
    const bundle = loadFixture(fixture);
    const text = make(SIZE);
    for (const c of [...(bundle.pod.spec?.initContainers ?? []), ...(bundle.pod.spec?.containers ?? [])]) {
      if (c.name) bundle.logs[c.name] = { current: { text }, previous: { text } };
    }
    const start = process.hrtime.bigint();
    diagnose(bundle);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    times.push(ms);
    if (ms > worst.ms) worst = { ms, what: `${fixture} / ${shape}` };
  }
}
times.sort((a, b) => a - b);
const p = (q: number): string => times[Math.min(times.length - 1, Math.floor(q * times.length))]!.toFixed(1);
console.log(`diagnose with 256 KiB pathological logs: ${times.length} runs, median ${p(0.5)} ms, p95 ${p(0.95)} ms, worst ${worst.ms.toFixed(1)} ms (${worst.what})`);
