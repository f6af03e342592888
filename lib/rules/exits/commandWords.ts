// Small helpers about the words of a container command: splitting a string the way a shell would, and
// knowing which well-known images lack which well-known tools.
import type { PodContainer } from '../../bundle/containers.ts';

/** Split `sh -c 'echo hi'` into [sh, -c, echo hi]: quotes and backslashes as a POSIX shell reads them. */
export function shellSplit(text: string): string[] {
  const out: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote === "'") {
      if (ch === "'") quote = undefined;
      else word += ch;
      continue;
    }
    if (quote === '"') {
      if (ch === '"') quote = undefined;
      else if (ch === '\\' && i + 1 < text.length && /["\\$`]/.test(text[i + 1]!)) word += text[++i];
      else word += ch;
      continue;
    }
    if (/\s/.test(ch)) {
      if (inWord) out.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '\\' && i + 1 < text.length) word += text[++i];
    else word += ch;
  }
  if (inWord) out.push(word);
  return out;
}

/** The image as written in the spec, else as the runtime reports it. */
export function imageOf(c: PodContainer): string {
  return c.spec.image ?? c.status?.image ?? 'its image';
}

const BUSYBOX = /(^|\/)busybox(:|@|$)/i;
const ALPINE = /(^|\/)alpine(:|@|$)|-alpine\b|alpine[\d.]*$/i;
const SHELLLESS = /distroless|(^|\/)scratch(:|@|$)|chainguard|\bstatic(:|@|$)/i;

/** A sentence about why a tool is missing from a well-known image, when we know one. */
export function missingToolHint(tool: string, image: string): string | undefined {
  const name = tool.slice(tool.lastIndexOf('/') + 1);
  if ((name === 'sh' || name === 'bash') && SHELLLESS.test(image)) {
    return `${image} looks like a distroless or scratch image, which ships no shell at all: run the application binary directly instead of through ${name}.`;
  }
  if (name === 'bash' && (BUSYBOX.test(image) || ALPINE.test(image))) {
    return `Alpine and busybox images have no bash: use sh (busybox ash), or install bash in the image (apk add --no-cache bash).`;
  }
  if (BUSYBOX.test(image)) {
    if (name === 'getent') return 'busybox has no getent applet: use nslookup, or an image that has getent (alpine, debian).';
    if (name === 'curl') return 'busybox has no curl: use wget, or an image that has curl (curlimages/curl, alpine with apk add curl).';
    if (name === 'dig' || name === 'host') return `busybox has no ${name}: use nslookup, or an image with bind tools.`;
  }
  return undefined;
}

/** Whether the container's command or args mention a word (as a word, inside a script too). */
export function argvMentions(c: PodContainer, word: string): boolean {
  const text = [...(c.spec.command ?? []), ...(c.spec.args ?? [])].join('\n');
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[\\s;|&('"\`/])${escaped}($|[\\s;|&)'"\`])`).test(text);
}

/** The volume mount whose path contains `path` (the longest one), when the path is absolute. */
export function mountContaining(c: PodContainer, path: string): { name: string; mountPath: string } | undefined {
  if (!path.startsWith('/')) return undefined;
  let best: { name: string; mountPath: string } | undefined;
  for (const m of c.spec.volumeMounts ?? []) {
    const mp = (m.mountPath ?? '').replace(/\/+$/, '');
    if (!mp || mp === '/var/run/secrets/kubernetes.io/serviceaccount') continue;
    if ((path === mp || path.startsWith(`${mp}/`)) && (!best || mp.length > best.mountPath.length)) best = { name: m.name, mountPath: mp };
  }
  return best;
}
