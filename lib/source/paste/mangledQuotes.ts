// Copies mangle the double quotes kubelet messages put around a name: a chat or an editor turns the opening
// one into a backtick (Markdown) or a typographic quote, `Failed to pull image \`busybox:latest": …`. The
// message is still the kubelet's when the name is whole and the quote closes before its colon or the end.

/** Words after which the kubelet quotes a name: `image "x"`, `volume "x"`, `container "x"`. */
const QUOTED_NAME = /^([A-Z][\w .-]*?\b(?:image|volume|container|configmaps?|secrets?)) [`“‘'"]([^\s`“”‘’'"]+)[`”’'"](?=:|\s*$)/;

/** The line with the kubelet's straight quotes around its first name given back; undefined when nothing was mangled. */
export function straightenedNameQuotes(line: string): string | undefined {
  const m = QUOTED_NAME.exec(line);
  if (!m || line.slice(m[1]!.length + 1).startsWith(`"${m[2]!}"`)) return undefined;
  return `${m[1]!} "${m[2]!}"${line.slice(m[0].length)}`;
}
