// Start-up budget, as ratios to `node -e 0` measured in the same run (machines differ; ratios travel):
//   the standalone binary on an offline diagnosis  <= 1.5x
//   bin/kubectl-podwhy on an offline diagnosis     <= 2x    (and --help, reported)
// The standalone binary is the host's archive from `npm run release -- linux/amd64`; without it, that
// line says so. Runs are interleaved so that load on the machine hits every command alike.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { archiveName, binaryName, hostTarget } from '../scripts/release/targets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const FIXTURE = join(ROOT, 'fixtures', 'init-waiting-on-missing-service');
const BIN = join(ROOT, 'bin', 'kubectl-podwhy');
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

interface Command {
  label: string;
  file: string;
  args: string[];
  budget?: number;
}

function standaloneBinary(dir: string): string | undefined {
  const host = hostTarget();
  if (!host || host.os === 'windows') return undefined;
  const archive = join(ROOT, 'dist', 'release', archiveName(version, host));
  if (!existsSync(archive)) return undefined;
  execFileSync('tar', ['xzf', archive, '-C', dir]);
  return join(dir, binaryName(host));
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const work = mkdtempSync(join(tmpdir(), 'podwhy-startup-'));
try {
  const standalone = standaloneBinary(work);
  const commands: Command[] = [
    { label: 'node -e 0', file: process.execPath, args: ['-e', '0'] },
    { label: 'bin/kubectl-podwhy --help', file: process.execPath, args: [BIN, '--help'], budget: 2 },
    { label: 'bin/kubectl-podwhy --from (offline diagnosis)', file: process.execPath, args: [BIN, '--from', FIXTURE], budget: 2 },
    ...(standalone ? [{ label: 'standalone binary --from (offline diagnosis)', file: standalone, args: ['--from', FIXTURE], budget: 1.5 }] : []),
  ];
  const samples = commands.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS + 2; round++) {
    commands.forEach((c, i) => {
      const start = performance.now();
      const r = spawnSync(c.file, c.args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = performance.now() - start;
      if (r.status !== 0 && r.status !== 1) throw new Error(`${c.label}: exit ${r.status}: ${r.stderr}`);
      if (round >= 2) samples[i]!.push(ms); // two warm-up rounds: the file cache, not start-up, is warmed
    });
  }
  const base = median(samples[0]!);
  console.log(`start-up, median of ${ROUNDS} interleaved runs (ratio to node -e 0 in this run):`);
  commands.forEach((c, i) => {
    const m = median(samples[i]!);
    const ratio = m / base;
    const verdict = c.budget === undefined ? '' : ratio <= c.budget ? `  within ${c.budget}x` : `  OVER the ${c.budget}x budget`;
    console.log(`  ${c.label.padEnd(48)} ${m.toFixed(0).padStart(5)} ms  ${ratio.toFixed(2)}x${verdict}`);
  });
  if (!standalone) console.log('  standalone binary: not built (npm run release -- linux/amd64), not measured');
} finally {
  rmSync(work, { recursive: true, force: true });
}
