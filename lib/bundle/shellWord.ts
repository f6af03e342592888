// One shell word, as a POSIX shell reads it back: the display of a container's command and every
// value a fix command interpolates (lib/rules/shared/shellCommand.ts) quote the same way.

/** Plain words need no quotes in sh, bash or zsh (a leading `=` would be expanded by zsh). */
export const BARE_WORD = /^[A-Za-z0-9_@%+:,./-][A-Za-z0-9_@%+=:,./-]*$/;

/** `value` as one shell word: itself when it is plainly safe, else single-quoted. */
export function shellQuote(value: string): string {
  if (BARE_WORD.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
