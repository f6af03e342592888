// Runs the CLI in-process with captured output.
import { run, type CliIO } from '../../lib/cli/main.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(argv: string[], overrides: Partial<CliIO> = {}): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    now: () => new Date('2026-11-25T10:00:00Z'),
    columns: 100,
    ...overrides,
  });
  return { code, stdout, stderr };
}
