// Bidirectional formatting characters (U+202A–U+202E, U+2066–U+2069, marks) reorder what a reader sees
// in an editor, a chat client or a ticket: a cluster string must not hide text behind them ("Trojan
// Source"). The terminal sanitiser removes control sequences; the text formats remove these as well.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function stripBidi(text: string): string {
  return text.replace(BIDI, '');
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
