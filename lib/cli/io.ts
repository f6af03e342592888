import type { Clock } from '../watch/clock.ts';

// What the CLI reads from and writes to, injected so tests drive it without a real terminal.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  readStdin?: () => string;
  columns?: number;
  /** --watch: the time it runs by (a test's manual clock) and what stops it (default: Ctrl-C). */
  clock?: Clock;
  signal?: AbortSignal;
}
