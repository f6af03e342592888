// Strings from the cluster (logs, messages, names) are untrusted: they must not move the cursor,
// change colours, set the window title, hide text, or make one thing look like another on the
// reader's terminal (a bidi override can make a pasted command read differently from what it runs).

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), DCS/SOS/PM/APC strings (ESC P|X|^|_ … ESC \),
// other two-byte ESC sequences, and 8-bit C1 CSI/OSC/DCS.
const ESCAPE_SEQUENCES =
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[PX^_][^\u001b]*(?:\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|[\u009d\u0090][^\u0007\u009c]*[\u0007\u009c]?/g;
// Remaining C0 controls except tab and newline, DEL, and C1 controls.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/**
 * Invisible format characters: bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 * the Arabic letter mark (U+061C), zero-width space, joiners and direction marks (U+200B–U+200F), word
 * joiner and invisible operators (U+2060–U+2064), deprecated format controls (U+206A–U+206F), the
 * Mongolian vowel separator (U+180E) and the zero-width no-break space / byte order mark (U+FEFF).
 */
export const INVISIBLE_FORMAT = /[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/g;
/** Line and paragraph separators: a terminal does not break the line, but an editor or a JS parser does. */
const UNICODE_LINE_BREAKS = /[\u2028\u2029]/g;

/**
 * Remove terminal control sequences, control characters and invisible format characters; Unicode
 * line separators become newlines; keeps tabs and newlines.
 */
export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARS, '').replace(INVISIBLE_FORMAT, '').replace(UNICODE_LINE_BREAKS, '\n');
}

/** The same, for a single line: line breaks become spaces. */
export function stripControlLine(text: string): string {
  return stripControl(text).replace(/\n+/g, ' ');
}

/** Code points in `text`, a surrogate pair counting as one: the length a cut marker reports. */
export function codePointLength(text: string): number {
  let n = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** Ends a line that was cut: ` … [cut: 1048576 chars]` names the line's full length. */
export function cutLineMarker(fullLength: number): string {
  return ` … [cut: ${fullLength} chars]`;
}

const CUT_LINE_MARKER = / … \[cut: (\d+) chars\]$/;

/** A line already cut (by a reader bound) keeps its marker's full length when it is cut again. */
export function splitCutMarker(line: string): { head: string; fullLength?: number } {
  const m = CUT_LINE_MARKER.exec(line);
  return m ? { head: line.slice(0, m.index), fullLength: Number(m[1]) } : { head: line };
}
