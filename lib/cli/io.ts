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
}
