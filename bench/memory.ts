// Benchmark: peak memory (maxRSS of the CLI in a child process) for hostile offline inputs, generated in a
// temp folder at run time (a sparse 2 GB log costs no disk). The bound is 200 MB for any input.
//   npm run bench:memory
import { spawnSync } from 'node:child_process';
import { closeSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/load.js', import.meta.url).href;
const example = fileURLToPath(new URL('../fixtures/short-lived-command/', import.meta.url));
const podJson = readFileSync(join(example, 'pod.json'), 'utf8');
const baseEvents = (JSON.parse(readFileSync(join(example, 'events.json'), 'utf8')) as { items: Record<string, unknown>[] }).items;
const work = mkdtempSync(join(tmpdir(), 'podwhy-bench-memory-'));

function measure(label: string, argv: string[]): void {
  const script = `process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
import(${JSON.stringify(cli)}).then((c) => c.loadCli(${JSON.stringify(argv)}).main(${JSON.stringify(argv)}));`;
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = Number(/maxRSS=(\d+)/.exec(r.stderr)?.[1] ?? NaN) / 1024;
  const message = r.stderr.replace(/\n?maxRSS=\d+\n/, '').trim().split('\n')[0] ?? '';
  console.log(`${label.padEnd(44)} exit ${r.status}  maxRSS ${rss.toFixed(0).padStart(4)} MiB  ${seconds.toFixed(1).padStart(5)} s  ${message.slice(0, 90)}`);
}

function bundle(name: string, files: Record<string, string> = {}): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'logs'), { recursive: true });
  writeFileSync(join(dir, 'pod.json'), podJson);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
  return dir;
}

function sparse(path: string, size: number, tail: string): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size - tail.length);
  writeSync(fd, tail, size - tail.length);
  closeSync(fd);
}

function events(n: number): string {
  const items = Array.from({ length: n }, (_, i) => {
    const e = structuredClone(baseEvents[i % baseEvents.length]!) as { metadata: { name: string }; lastTimestamp: string; firstTimestamp: string; message: string };
    e.metadata.name = `hello.${i.toString(16)}`;
    e.lastTimestamp = e.firstTimestamp = new Date(Date.parse('2026-11-24T00:00:00Z') + i * 500).toISOString().replace('.000', '');
    e.message = `${e.message} #${i}`;
    return e;
  });
  return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
}

try {
  measure('baseline: a small bundle', ['--from', bundle('small'), '-o', 'json']);
  const log = bundle('log2g');
  sparse(join(log, 'logs', 'hello.previous.log'), 2 * 1024 ** 3, 'SUCCESS\n');
  measure('2 GiB sparse log', ['--from', log, '-o', 'json']);
  measure('2 GiB sparse log, human report', ['--from', log]);
  const text40k = events(40_000);
  measure(`40,000 events (${(text40k.length / 2 ** 20).toFixed(0)} MiB)`, ['--from', bundle('ev40k', { 'events.json': text40k }), '-o', 'json']);
  const text100k = events(100_000);
  measure(`100,000 events (${(text100k.length / 2 ** 20).toFixed(0)} MiB)`, ['--from', bundle('ev100k', { 'events.json': text100k }), '-o', 'json']);
  const big = bundle('bigpod');
  sparse(join(big, 'pod.json'), 30 * 2 ** 20, '{}');
  measure('30 MiB pod.json', ['--from', big]);
  const levels = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= 9; i++) levels.push(`a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(',')}]`);
  const bomb = join(work, 'bomb.yaml');
  writeFileSync(bomb, `kind: Pod\nspec:\n${levels.map((l) => `  ${l}`).join('\n')}\n`);
  measure('YAML alias bomb (10^10 nodes expanded)', ['--from', bomb]);
  const deep = join(work, 'deep.json');
  writeFileSync(deep, `${'['.repeat(16 * 2 ** 20)}${']'.repeat(16 * 2 ** 20)}`);
  measure('JSON nested 16 Mi levels deep', ['--from', deep]);
} finally {
  rmSync(work, { recursive: true, force: true });
}
