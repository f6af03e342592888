// Progress on stderr while the cluster is read: an ora spinner, only on an interactive terminal and
// never in CI. stdout carries nothing but the report.
import type { CliIO } from './io.ts';

export interface Progress {
  update(text: string): void;
  stop(): void;
}

const SILENT: Progress = { update() {}, stop() {} };

export async function startProgress(io: CliIO): Promise<Progress> {
  if (!io.stderrIsTTY || (io.env.CI !== undefined && io.env.CI !== '' && io.env.CI !== 'false')) return SILENT;
  // A pseudo-terminal without a size (script, docker -t, some CI runners) reports 0 columns; ora's
  // line clearing then never ends. No spinner there.
  if (!(process.stderr.columns > 0)) return SILENT;
  const { default: ora } = await import('ora');
  const spinner = ora({ text: 'connecting', stream: process.stderr, discardStdin: false }).start();
  return {
    update(text) {
      spinner.text = text;
    },
    stop() {
      spinner.stop();
    },
  };
}
