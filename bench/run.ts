// Benchmark: how long a diagnosis takes. Measured here, never asserted in tests (machines differ).
//   npm run bench            engine (load + diagnose + render) per fixture, and the CLI's start-to-exit time
//   npm run bench:render     long log lines and many events (bench/renderLongInput.ts)
//   npm run bench:paste      the paste reader on pathological lines (bench/pasteShapes.ts)
//   npm run bench:events     the rules on pathological event messages (bench/eventShapes.ts)
// Prints medians and 95th percentiles in milliseconds.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { diagnose } from '../lib/diagnose.ts';
import { renderHuman } from '../lib/render/human.ts';
import { renderJson } from '../lib/render/json.ts';
import { sanitizeDiagnosis } from '../lib/render/sanitizeDiagnosis.ts';
import { loadOffline } from '../lib/source/offline.ts';
import { allFixtures, fixtureInput, fixturePath } from '../test/support/fixtures.ts';

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms (n=${samples.length})`;
}

const fixtures = allFixtures();
const engine: number[] = [];
const render: number[] = [];
// CPU time too: on a machine shared with other work, wall time mostly measures waiting for a core.
const engineCpu: number[] = [];
for (let round = 0; round < 50; round++) {
  for (const name of fixtures) {
    const cpu = process.cpuUsage();
    const start = performance.now();
    const bundles = loadOffline({ from: fixtureInput(name), fallbackNow: '2026-11-25T10:00:00Z' });
    const diagnosed = bundles.map((b) => diagnose(b));
    const renderStart = performance.now();
    const diagnoses = diagnosed.map(sanitizeDiagnosis);
    renderJson(diagnoses, false);
    renderHuman(diagnoses, { color: false, width: 100 });
    const end = performance.now();
    const used = process.cpuUsage(cpu);
    engineCpu.push((used.user + used.system) / 1000);
    engine.push(end - start);
    render.push(end - renderStart);
  }
}
console.log(`engine (load + diagnose + sanitise + render json and human), ${fixtures.length} fixtures x 50: ${stats(engine)}`);
console.log(`  of which sanitise + render: ${stats(render)}`);
console.log(`  CPU time of the same: ${stats(engineCpu)}`);

const bin = fileURLToPath(new URL('../bin/kubectl-podwhy', import.meta.url));
const cli: number[] = [];
const example = fixturePath(fixtures.includes('init-waiting-on-missing-service') ? 'init-waiting-on-missing-service' : fixtures[0]!);
for (let i = 0; i < 15; i++) {
  const start = performance.now();
  const result = spawnSync(process.execPath, [bin, '--from', example], { encoding: 'utf8' });
  cli.push(performance.now() - start);
  if (result.status !== 0 && result.status !== 1) throw new Error(`CLI failed: ${result.stderr}`);
}
console.log(`cli start to exit (bin/kubectl-podwhy, offline example): ${stats(cli)}`);
