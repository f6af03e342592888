// Runs `podwhy POD --watch` in-process against the fake API server, on a manual clock, so a test can
// script the cluster's changes and read the timeline as it is printed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../lib/cli/main.ts';
import { startFakeApiServer, type FakeApiServer, type FakeApiServerOptions } from '../support/fakeApiServer.ts';
import { ManualClock } from '../support/manualClock.ts';
import { seedBundle, seedCapturedAt } from '../support/seedSequence.ts';

export interface WatchSession {
  server: FakeApiServer;
  clock: ManualClock;
  out: { stdout: string; stderr: string };
  /** The exit status, once the command ends. */
  done: Promise<number>;
  stop: AbortController;
  close(): Promise<void>;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (real time, bounded) until the condition holds; the failure message shows what was printed. */
export async function until(s: WatchSession, what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (condition()) return;
    await pause(10);
  }
  throw new Error(`gave up waiting for ${what}\n--- stdout:\n${s.out.stdout}\n--- stderr:\n${s.out.stderr}`);
}

/** Lets the client take in what the server sent (real I/O on 127.0.0.1), without moving the clock. */
export const settle = (): Promise<void> => pause(150);

export async function startWatch(args: string[], options: Partial<FakeApiServerOptions> = {}): Promise<WatchSession> {
  const tmp = mkdtempSync(join(tmpdir(), 'podwhy-watch-'));
  const clock = new ManualClock(seedCapturedAt());
  const server = await startFakeApiServer({ bundles: [seedBundle(join(tmp, 'bundle'))], watchTimer: clock, ...options });
  const kubeconfig = join(tmp, 'kubeconfig');
  server.writeKubeconfig(kubeconfig);
  const out = { stdout: '', stderr: '' };
  const stop = new AbortController();
  const done = run([...args, '--kubeconfig', kubeconfig, '--watch'], {
    stdout: (t) => (out.stdout += t),
    stderr: (t) => (out.stderr += t),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
    now: () => new Date(clock.now()),
    columns: 100,
    clock,
    signal: stop.signal,
  });
  const session: WatchSession = {
    server,
    clock,
    out,
    done,
    stop,
    async close() {
      stop.abort();
      await done;
      await server.close();
      rmSync(tmp, { recursive: true, force: true });
    },
  };
  return session;
}

/** Requests that are not watches (reads of the pod, lists, logs). */
export function reads(server: FakeApiServer): { path: string; query: Record<string, string> }[] {
  return server.requests.filter((r) => r.query.watch === undefined);
}

export function logReads(server: FakeApiServer): string[] {
  return server.requests.filter((r) => r.path.endsWith('/log')).map((r) => `${r.query.container}${r.query.previous ? ' (previous)' : ''}`);
}
