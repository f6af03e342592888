// Benchmark: a scan at scale against the fake API server with 20 ms per request, compared in the same run
// with kubectl reading the same server. Measured here, never asserted in tests.
//   npm run build && node --import tsx bench/scanScale.ts [N ...]      (default: 2000 20000)
// For each N (5% of pods broken): `kubectl get pods -n NS -o json` vs `kubectl podwhy -n NS -o json`
// (wall time, peak RSS, requests); then one pod: `kubectl podwhy POD` vs the manual triage
// (`kubectl describe pod`, `kubectl logs --previous`, `kubectl get svc`, one after the other), budget
// 0.7x: the median of BENCH_ROUNDS (default 7) interleaved rounds of each, as single runs on a shared
// machine are noisy.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeApiServer } from '../test/support/fakeApiServer.ts';
import { generateNamespace } from '../test/support/generatedPods.ts';

const NOW = '2026-11-25T10:00:00Z';
const LATENCY_MS = 20;
const ONE_POD_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const ONE_POD_BUDGET = 0.7;
const bin = fileURLToPath(new URL('../bin/kubectl-podwhy', import.meta.url));

interface Run {
  seconds: number;
  rssMb: number;
  requests: number;
}

/** Runs the command (asynchronously: the fake server answers from this process) under GNU time. */
async function timed(requests: () => number, command: string, args: string[]): Promise<Run> {
  const before = requests();
  const child = spawn('/usr/bin/time', ['-f', '%e %M', command, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  // GNU time's last line: elapsed seconds and peak resident set size (KiB) of the command.
  const [seconds, kib] = (stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  if (status !== 0 && status !== 1) throw new Error(`${command} ${args.join(' ')} failed (${status}): ${stderr.slice(0, 400)}`);
  return { seconds: seconds!, rssMb: kib! / 1024, requests: requests() - before };
}

const fmt = (r: Run): string => `${r.seconds.toFixed(2)} s, ${r.rssMb.toFixed(0)} MB, ${r.requests} requests`;

async function scale(pods: number): Promise<void> {
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-bench-'));
  const g = generateNamespace({ namespace: 'big', pods, brokenEvery: 20, nodes: 33, now: NOW });
  const server = await startFakeApiServer({ bundles: [], objects: g.objects, latencyMs: LATENCY_MS });
  try {
    const kc = join(tmp, 'config');
    server.writeKubeconfig(kc, { namespace: 'big' });
    const count = (): number => server.requests.length;
    const kubectl = await timed(count, 'kubectl', ['get', 'pods', '-n', 'big', '-o', 'json', '--kubeconfig', kc]);
    const podwhy = await timed(count, process.execPath, [bin, '-n', 'big', '-o', 'json', '--kubeconfig', kc, '--now', NOW]);
    console.log(`${pods} pods (${g.brokenNames.length} broken), ${LATENCY_MS} ms/request`);
    console.log(`  kubectl get pods -o json   ${fmt(kubectl)}`);
    console.log(`  kubectl podwhy -o json     ${fmt(podwhy)}   ratio ${(podwhy.seconds / kubectl.seconds).toFixed(2)}x`);
    if (pods <= 2000) {
      const pod = g.brokenNames[0]!;
      const common = ['-n', 'big', '--kubeconfig', kc];
      const podwhyRuns: Run[] = [];
      const manualRuns: Run[][] = [];
      for (let round = 0; round < ONE_POD_ROUNDS; round++) {
        podwhyRuns.push(await timed(count, process.execPath, [bin, pod, ...common, '--now', NOW]));
        manualRuns.push([
          await timed(count, 'kubectl', ['describe', 'pod', pod, ...common]),
          await timed(count, 'kubectl', ['logs', pod, '--previous', ...common]),
          await timed(count, 'kubectl', ['get', 'svc', ...common]),
        ]);
      }
      const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
      const one = podwhyRuns.find((r) => r.seconds === median(podwhyRuns.map((r) => r.seconds)))!;
      const manualSeconds = median(manualRuns.map((runs) => runs.reduce((sum, r) => sum + r.seconds, 0)));
      const manualRequests = manualRuns[0]!.reduce((sum, r) => sum + r.requests, 0);
      const ratio = one.seconds / manualSeconds;
      const verdict = ratio <= ONE_POD_BUDGET ? `within ${ONE_POD_BUDGET}x` : `OVER the ${ONE_POD_BUDGET}x budget`;
      console.log(`  one pod (median of ${ONE_POD_ROUNDS}): podwhy ${fmt(one)}; manual triage ${manualSeconds.toFixed(2)} s, ${manualRequests} requests   ratio ${ratio.toFixed(2)}x  ${verdict}`);
    }
  } finally {
    await server.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
for (const n of sizes.length > 0 ? sizes : [2000, 20000]) await scale(n);
