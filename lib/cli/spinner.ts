// Progress on stderr while the cluster is read: an ora spinner, only on an interactive terminal and
// never in CI. stdout carries nothing but the report.
import { stripControlLine } from '../bundle/sanitize.ts';
import { colorWanted, type ColorMode } from './color.ts';
import type { CliIO } from './io.ts';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

/** The spinner is coloured unless `--color never` or NO_COLOR says otherwise (it only runs on a terminal). */
export function spinnerColored(color: ColorMode, env: NodeJS.ProcessEnv): boolean {
  return colorWanted(color, true, env);
}

export async function startProgress(io: CliIO, color: 'auto' | 'always' | 'never'): Promise<Progress> {
  if (!io.stderrIsTTY || (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')) return SILENT;
  // A pseudo-terminal without a size (script, docker -t, some CI runners) reports 0 columns; ora's
  // line clearing then never ends. No spinner there.
  if (!(process.stderr.columns > 0)) return SILENT;
  let text = 'connecting';
  let stopped = false;
  let spinner: { text: string; stop(): void } | undefined;
  // ora is loaded once the first requests are on their way: loading it first delayed them (~35 ms).
  setImmediate(() => {
    if (stopped) return;
    void import('ora').then(({ default: ora }) => {
      if (!stopped) spinner = ora({ text, stream: process.stderr, discardStdin: false, color: spinnerColored(color, io.env) ? 'cyan' : false }).start();
    });
  });
  return {
    update(next) {
      // Progress text can name cluster objects: no control sequence reaches the terminal through it.
      text = stripControlLine(next);
      if (spinner) spinner.text = text;
    },
    stop() {
      stopped = true;
      spinner?.stop();
    },
  };
}
