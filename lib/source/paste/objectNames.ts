// The shape of an object's name (RFC 1123 subdomain: lower-case letters, digits, `-` and `.`), as the
// paste reader's tables, commands and messages match it.

/** A pod's (or any object's) name, as a regex source to build larger patterns from. */
export const OBJECT_NAME = String.raw`[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?`;

const WHOLE_NAME = new RegExp(`^${OBJECT_NAME}$`);

export function isObjectName(word: string): boolean {
  return WHOLE_NAME.test(word);
}
