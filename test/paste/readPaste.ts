// Reading a paste in a test: the one pod it describes, or the "nothing kubectl-shaped" error.
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';

export const NOW = '2026-11-25T10:00:00Z';

export function onlyPod(text: string): Bundle {
  const bundles = loadPaste(text, 'paste', { fallbackNow: NOW });
  assert.equal(bundles.length, 1, `expected one pod, got ${bundles.length}`);
  return bundles[0]!;
}

export function notAPaste(text: string): void {
  assert.throws(() => loadPaste(text, 'paste', { fallbackNow: NOW }), (err: unknown) => isUserError(err) && /nothing kubectl-shaped/.test((err as Error).message));
}

/** The one-line error a paste is refused with. */
export function refusal(text: string): string {
  try {
    loadPaste(text, 'paste', { fallbackNow: NOW });
  } catch (err) {
    assert.ok(isUserError(err));
    return (err as Error).message;
  }
  assert.fail('the paste was read as a pod');
}

/** The current log the paste gave a container. */
export function logText(b: Bundle, container: string): string {
  const tail = b.logs[container]?.current;
  assert.ok(tail && 'text' in tail, `no log for ${container}`);
  return tail.text;
}
