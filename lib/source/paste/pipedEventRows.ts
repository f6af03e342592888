// An event as a web console or dashboard table shows it, copied as one line with its cells joined by pipes
// (escaped `\|` once Markdown had its say): `Warning \| web-1 \| pod has unbound immediate … \| FailedScheduling`.
// It is the event when one cell is a message the kubelet or the scheduler prints (eventMessages.ts) and another
// is its type or its reason; the other cells (the object, ages) are the console's and are not read.
import { knownMessage, withoutCombined } from './eventMessages.ts';
import type { PastedEvent } from './model.ts';

/** A pipe between cells: ` | ` or the escaped ` \| `. */
const CELL_SEPARATOR = /\s+\\?\|\s+/;
const TYPE = /^(?:Warning|Normal)$/;
const REASON = /^[A-Z][A-Za-z]+$/;
/** Consoles fold repeats into the message: `… (repeated 6 times)`. */
const REPEATED = /\s*\(repeated (\d+) times\)$/;

export function pipedEventRow(text: string): PastedEvent | undefined {
  const cells = text.trim().replace(/^\\?\|\s*|\s*\\?\|$/g, '').split(CELL_SEPARATOR).map((c) => c.trim());
  if (cells.length < 3) return undefined;
  const at = cells.findIndex((c) => knownMessage(withoutCombined(c.replace(REPEATED, ''))) !== undefined);
  if (at < 0) return undefined;
  const others = cells.filter((_, i) => i !== at);
  const type = others.find((c) => TYPE.test(c));
  const reason = others.find((c) => REASON.test(c) && !TYPE.test(c));
  if (!type && !reason) return undefined;
  const repeated = REPEATED.exec(cells[at]!);
  const message = cells[at]!.replace(REPEATED, '');
  const known = knownMessage(withoutCombined(message))!;
  return { type: type ?? known.type, reason: reason ?? known.reason, message, count: repeated ? Number(repeated[1]) : 1, continuation: 0, from: known.from };
}
