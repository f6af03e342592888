// Bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, marks) reorder what a reader sees
// in an editor, a chat client or a ticket: a cluster string must not hide text behind them ("Trojan
// Source"). The sanitising pass already removes them from every cluster string; the text formats remove
// them again from whatever they add, with the same list (lib/bundle/sanitize.ts).
import { INVISIBLE_FORMAT } from '../bundle/sanitize.ts';

export function stripBidi(text: string): string {
  return text.replace(INVISIBLE_FORMAT, '');
}

/** Every string in a JSON-shaped value, bidi controls removed. */
export function stripBidiDeep<T>(value: T): T {
  if (typeof value === 'string') return stripBidi(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => stripBidiDeep(v)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stripBidiDeep(v)])) as T;
  }
  return value;
}
