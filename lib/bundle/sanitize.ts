// Strings from the cluster (logs, messages, names) are untrusted: they must not move the cursor,
// change colours, set the window title or ring the bell on the reader's terminal.

// CSI (ESC [ … final), OSC (ESC ] … BEL or ESC \), other two-byte ESC sequences, and 8-bit C1 CSI/OSC.
const ESCAPE_SEQUENCES = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]|\u009d[^\u0007]*\u0007?/g;
// Remaining C0 controls except tab and newline, DEL, and C1 controls.
const CONTROL_CHARS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** Remove terminal control sequences and control characters; keeps tabs and newlines. */
export function stripControl(text: string): string {
  return text.replace(ESCAPE_SEQUENCES, '').replace(CONTROL_CHARS, '');
}

/** The same, for a single line: newlines become spaces. */
export function stripControlLine(text: string): string {
  return stripControl(text).replace(/[\r\n]+/g, ' ');
}
