// Evidence on a line of its own, outside any kubectl table: the runtime's exec failure, a waiting state with
// its message, an event message, an event row of a table kubectl did not print, a pod's STATUS word, and the
// 1.4/1.5 scheduler's `fit failure on node (n1): …` lines that go on its message. The scanner decides what
// each is evidence of; this module only says which one a line is.
import { POD_DID_NOT_FIT } from './eventMessages.ts';
import { parseLooseEventRow } from './looseEventRows.ts';
import { parseMessageLine, type MessageLine } from './messageLines.ts';
import type { PastedEvent } from './model.ts';
import { statusWord } from './rowStatus.ts';
import { runtimeLogLine } from './runtimeLines.ts';
import { parseStatusWithReason, statusWithReasonInProse, type StatusWithReason } from './statusWithReason.ts';

export type BareLine =
  | { kind: 'runtime'; line: string }
  | { kind: 'waiting'; status: StatusWithReason }
  | { kind: 'message'; message: MessageLine }
  | { kind: 'status'; word: string };

/** What a line outside describe and logs is, when it is evidence on its own. */
export function bareLine(text: string): BareLine | undefined {
  const runtime = runtimeLogLine(text);
  if (runtime) return { kind: 'runtime', line: runtime };
  const status = parseStatusWithReason(text);
  if (status) return { kind: 'waiting', status };
  const message = parseMessageLine(text);
  if (message) return { kind: 'message', message };
  const loose = parseLooseEventRow(text);
  if (loose) return { kind: 'message', message: { event: loose } };
  const inProse = statusWithReasonInProse(text);
  if (inProse) return { kind: 'waiting', status: inProse };
  const word = statusWord(text);
  return word ? { kind: 'status', word } : undefined;
}

const FIT_FAILURE = /^\s*fit failure (?:on node \([^)\s]*\)|summary on nodes)\s*:/;
/** How long the scheduler's message may grow with its fit failures (a paste of thousands of nodes is capped). */
const MAX_UNFIT_MESSAGE = 8192;

/** The event whose message a `fit failure on node (n1): …` line goes on, among the pod's events. */
export function unfitEventContinued(text: string, events: PastedEvent[] | undefined): PastedEvent | undefined {
  if (!FIT_FAILURE.test(text)) return undefined;
  const unfit = events?.filter((e) => POD_DID_NOT_FIT.test(e.message)).at(-1);
  return unfit && unfit.message.length < MAX_UNFIT_MESSAGE ? unfit : undefined;
}
