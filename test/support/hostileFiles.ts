// Helpers for the hostile-input tests: bundles built in temp folders (never committed giants), the CLI run
// in a child process to measure its peak memory, and the one-line-error assertion.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from './cli.ts';
import { fixturePath } from './fixtures.ts';

export const NOW = '2026-11-25T10:00:00Z';
export const exampleDir = fixturePath('short-lived-command');
export const podJson = readFileSync(join(exampleDir, 'pod.json'), 'utf8');
export const eventsJson = readFileSync(join(exampleDir, 'events.json'), 'utf8');

export function tempDir(files: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'podwhy-hostile-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

export function assertOneLineError(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 2, `exit code; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  assert.equal(result.stderr.trimEnd().split('\n').length, 1, `one line, got: ${result.stderr}`);
  assert.match(result.stderr, /^podwhy: /);
  assert.doesNotMatch(result.stderr, /internal error|\n\s+at /);
  assert.match(result.stderr, pattern);
}

export async function expectOneLineError(argv: string[], pattern: RegExp, stdin?: string): Promise<void> {
  assertOneLineError(await runCli(argv, stdin === undefined ? {} : { readStdin: () => stdin }), pattern);
}

const CLI = new URL('../../dist/load.js', import.meta.url).href;

export interface MeasuredRun extends CliResult {
  /** Peak resident memory of the child process, in MiB. */
  maxRssMiB: number;
}

/** The built CLI in a child process (as users run it), with its peak memory (process.resourceUsage().maxRSS). */
export function runMeasured(argv: string[], stdin?: string): MeasuredRun {
  const script = `process.on('exit', () => process.stderr.write('\\nmaxRSS=' + process.resourceUsage().maxRSS + '\\n'));
import(${JSON.stringify(CLI)}).then((cli) => cli.loadCli(${JSON.stringify(argv)}).main(${JSON.stringify(argv)}));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 * 1024 * 1024,
    ...(stdin !== undefined ? { input: stdin } : {}),
  });
  const m = /\nmaxRSS=(\d+)\n$/.exec(r.stderr);
  assert.ok(m, `no maxRSS reported; stderr: ${r.stderr.slice(0, 500)}`);
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr.slice(0, m.index).replace(/^\n+|\n+$/g, '') + '\n', maxRssMiB: Number(m[1]) / 1024 };
}
