// `--watch`: diagnose once, then follow the pod and print only what changed, until it is Ready
// (exit 0), --timeout passes with it still broken (exit 1), or Ctrl-C (exit 130).
import { diagnose, type Diagnosis } from '../diagnose.ts';
import { renderHumanOne, type HumanOptions } from '../render/human.ts';
import { renderJsonLine } from '../render/jsonLines.ts';
import { sanitizeDiagnosis } from '../render/sanitizeDiagnosis.ts';
import { renderTimelineEntry, renderTimelineLine } from '../render/timeline.ts';
import { neededByRules } from '../rules/index.ts';
import { UserError } from '../source/errors.ts';
import type { LiveOptions } from '../source/liveTypes.ts';
import { stripControlLine } from '../bundle/sanitize.ts';
import { systemClock, type Clock } from '../watch/clock.ts';
import { findingChanges } from '../watch/findingChanges.ts';
import { podDone, podFailedForGood } from '../watch/podChanges.ts';
import type { openLiveWatch as OpenLive } from '../source/live/watchLive.ts';
import { startProgress, type Progress } from './spinner.ts';
import type { CliIO } from './io.ts';

export const EXIT_INTERRUPTED = 130;

type OpenLiveWatch = typeof OpenLive;

export interface WatchRun {
  live: Omit<LiveOptions, 'needs' | 'now' | 'env' | 'onProgress'>;
  output: 'human' | 'json';
  timeout: string;
  human: HumanOptions;
  /** --color, for the spinner. */
  color: 'auto' | 'always' | 'never';
}

/** kubectl duration syntax (30s, 5m, 1h30m); 0 waits without limit. */
export async function parseWatchTimeout(value: string): Promise<number> {
  const { parseRequestTimeout } = await import('../source/live/duration.ts');
  try {
    return parseRequestTimeout(value);
  } catch {
    throw new UserError(`--timeout: invalid value "${value}" (use a duration such as 30s, 5m, 1h; 0 waits without limit)`);
  }
}

function outcomeOf(d: Diagnosis): string {
  const cause = d.findings.find((f) => f.severity !== 'info');
  return cause ? `${d.pod.status}: ${cause.summary}` : d.pod.status;
}

/**
 * Ctrl-C (when the caller gave no signal of its own): while the pod is read, stop the spinner (which
 * restores the cursor) and exit 130 at once; while following, end the watch cleanly; a second Ctrl-C
 * exits at once.
 */
function interruptHandling(io: CliIO, progress: Progress): { signal: AbortSignal; following(): void; release(): void } {
  if (io.signal) return { signal: io.signal, following() {}, release() {} };
  const stop = new AbortController();
  let following = false;
  const onInterrupt = (): void => {
    if (!following || stop.signal.aborted) {
      progress.stop();
      process.exit(EXIT_INTERRUPTED);
    }
    stop.abort();
  };
  process.on('SIGINT', onInterrupt);
  return {
    signal: stop.signal,
    following: () => (following = true),
    release: () => process.off('SIGINT', onInterrupt),
  };
}

export async function runWatch(w: WatchRun, io: CliIO): Promise<number> {
  const clock: Clock = io.clock ?? systemClock;
  const timeoutMs = await parseWatchTimeout(w.timeout);
  const { openLiveWatch } = await import('../source/live/watchLive.ts');
  const progress = await startProgress(io, w.color);
  const interrupt = interruptHandling(io, progress);
  const signal = interrupt.signal;
  try {
    return await watchPod(w, io, clock, signal, timeoutMs, openLiveWatch, progress, interrupt.following);
  } finally {
    interrupt.release();
  }
}

async function watchPod(
  w: WatchRun,
  io: CliIO,
  clock: Clock,
  signal: AbortSignal,
  timeoutMs: number,
  openLiveWatch: OpenLiveWatch,
  progress: Progress,
  following: () => void,
): Promise<number> {
  const started = clock.now();
  const watch = await openLiveWatch({
    ...w.live,
    needs: neededByRules(),
    now: new Date(started).toISOString(),
    env: io.env,
    onProgress: (text) => progress.update(text),
  }).finally(() => progress.stop());
  following();
  const json = w.output === 'json';
  const say = (at: number, status: string, text: string): void => {
    const line = stripControlLine(text);
    if (json) io.stderr(`podwhy: ${line}\n`);
    else io.stdout(renderTimelineLine(at, status, line));
  };
  try {
    if (watch.followed) io.stderr(`podwhy: ${watch.followed}\n`);
    let last = sanitizeDiagnosis(diagnose(watch.first));
    io.stdout(json ? renderJsonLine(last, started, []) : renderHumanOne(last, w.human));
    if (podDone(watch.first.pod)) return 0;
    if (podFailedForGood(watch.first.pod)) return 1;
    if (signal.aborted) return EXIT_INTERRUPTED;
    const limit = timeoutMs > 0 ? `, at most ${w.timeout}` : '';
    if (!json) io.stdout(`\n${renderTimelineLine(started, last.pod.status, `watching pod/${last.pod.name} until it is Ready${limit} (Ctrl-C to stop)`)}`);
    const deadline = timeoutMs > 0 ? started + timeoutMs : Number.MAX_SAFE_INTEGER;
    for await (const seen of watch.follow(clock, signal, deadline)) {
      if (seen.kind === 'note') say(seen.at, last.pod.status, seen.text);
      else if (seen.kind === 'gone') {
        say(seen.at, last.pod.status, seen.text);
        return 1;
      } else if (seen.kind === 'timeout') {
        say(seen.at, last.pod.status, `timed out after ${w.timeout}; still ${outcomeOf(last)}`);
        return 1;
      } else {
        const d = sanitizeDiagnosis(diagnose(seen.bundle));
        const findings = findingChanges(last, d);
        const changes = seen.changes.map(stripControlLine);
        if (json) io.stdout(renderJsonLine(d, seen.at, changes));
        else io.stdout(renderTimelineEntry({ at: seen.at, diagnosis: d, bundle: seen.bundle, changes, findings }, w.human));
        last = d;
        if (podDone(seen.bundle.pod)) {
          say(seen.at, d.pod.status, `pod/${d.pod.name} is ${d.pod.phase === 'Succeeded' ? 'Succeeded' : 'Ready'}`);
          return 0;
        }
        if (podFailedForGood(seen.bundle.pod)) {
          say(seen.at, d.pod.status, `pod/${d.pod.name} failed and will not start again; ${outcomeOf(d)}`);
          return 1;
        }
      }
    }
    return EXIT_INTERRUPTED;
  } finally {
    watch.close();
  }
}
