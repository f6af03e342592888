// A pull run by hand on a node (or anywhere), pasted beside the pod it is about: `docker pull <image>`,
// `crictl pull`, `ctr images pull`, `podman pull`, `nerdctl pull`, at a prompt or quoted in a sentence, and
// the error the tool printed after it. That error is the one the runtime gives the kubelet for the same
// pull; beside a pod whose pull of that image fails and whose own pull error the paste does not show, it is
// read as that pull's error (the `Failed to pull image "<image>": <error>` event the kubelet records), and
// a note says so. The transcript's lines are the tool's output, never a container's log.
import { sameImageName } from '../../bundle/eventAttribution.ts';
import { PROMPT } from './commands.ts';
import type { PasteLine } from './lines.ts';
import type { PastedPod } from './model.ts';

export interface PullTranscript {
  tool: string;
  image: string;
  /** The error as the tool printed it, its own prefix (`FATA[0000] pulling image: `, `ctr: `) cut off. */
  error: string;
  /** Line numbers (as pasteLines counts them) of the command and its output. */
  lines: number[];
}

/** Lines the tool may print between the command and its error (progress, the layers, blank lines). */
const MAX_OUTPUT_LINES = 12;
const MAX_TRANSCRIPTS = 20;
/** A line that starts another command: `$ kubectl get pods`, `root@node-1:~# crictl images`. */
const PROMPT_LINE = /^\s*(?:[\w.@~:/-]*[$#%>]|\[[^\]]+\][$#])\s+\S/;
/** The tools' words for a pull that worked (Docker, crictl, podman, ctr). */
const PULLED = /^\s*(?:Status: (?:Downloaded newer image|Image is up to date)|Image is up to date for |Writing manifest to image destination|unpacking \S+ .*done)/;

const TOOL = String.raw`(?:sudo\s+(?:-E\s+)?)?(docker|podman|nerdctl|crictl|ctr(?:\s+(?:-n|--namespace)[=\s]\S+)?\s+(?:images?|i))`;
/** The command at a prompt (or alone on its line): `$ docker pull --platform linux/arm64 acme/web:1.2`. */
const AT_PROMPT = new RegExp(`${PROMPT}${TOOL}\\s+pull\\s+(.*)$`);
/** The command a sentence quotes: "When running docker pull acme/web:1.2 the output is:", "`crictl pull x` says". */
const IN_PROSE = new RegExp(String.raw`(?:^|[\s\`'"(])${TOOL}\s+pull\s+([^\`'")]*)`);
/** An image reference: registry/path:tag or @digest, no shell syntax. */
const IMAGE = /^[a-z0-9][\w.-]*(?::\d+)?(?:\/[\w.-]+)*(?::[\w.-]+)?(?:@sha256:[0-9a-f]{64})?$/i;
/** Options of the pull commands that take the next word as their value. */
const OPTION_WITH_VALUE = new Set(['--platform', '--creds', '--auth', '--authfile', '--username', '-u', '--user', '--cert-dir', '--pod-config', '-p', '--snapshotter', '-n', '--namespace']);

/**
 * The error the tool printed. Docker's CLI: `Error response from daemon: <error>`; Docker ≤ 1.9 and podman:
 * `Error: <error>`; crictl: `FATA[0002] pulling image: <error>` (older: `pulling image failed: `) or its klog
 * line `E1203 … "PullImage from image service failed" err="<error>" image="<image>"`; ctr: `ctr: <error>`;
 * nerdctl: `FATA[0001] <error>`.
 */
const ERROR_LINES: readonly RegExp[] = [
  /^\s*(Error response from daemon: .+)$/,
  /^\s*Error: (.+)$/,
  /^\s*(error pulling image configuration: .+)$/,
  /^\s*FATA\[\d+\] pulling image(?: failed)?: (.+)$/,
  /^\s*[EW]\d{4} [\d:.]+\s+\d+ [\w.]+:\d+\] "PullImage from image service failed" err="((?:[^"\\]|\\.)+)"/,
  /^\s*ctr: (.+)$/,
  /^\s*(?:time="[^"]*" level=fatal msg="|FATA\[\d+\] )(.+?)"?$/,
];

function pullImage(args: string): string | undefined {
  const words = args.trim().replace(/[:.,;]+$/, '').split(/\s+/);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (OPTION_WITH_VALUE.has(w)) i++;
    else if (!w.startsWith('-')) return IMAGE.test(w) ? w : undefined;
  }
  return undefined;
}

function pullCommand(text: string, fenced: boolean): { tool: string; image: string } | undefined {
  // Most lines name no pull: the word is looked for before any pattern runs over the line.
  if (!text.includes('pull')) return undefined;
  const m = AT_PROMPT.exec(text) ?? (fenced ? null : IN_PROSE.exec(text));
  if (!m) return undefined;
  const image = pullImage(m[2]!);
  // In a sentence a word after `pull` may be English ("docker pull on the node works"): an image there has a registry, a path or a tag.
  const shaped = image !== undefined && (AT_PROMPT.test(text) || /[/:@]/.test(image));
  return shaped ? { tool: m[1]!.split(/\s+/)[0]!, image: image! } : undefined;
}

function errorOf(text: string): string | undefined {
  for (const re of ERROR_LINES) {
    const m = re.exec(text);
    if (m) return m[1]!.replace(/\\(["\\])/g, '$1').trimEnd();
  }
  return undefined;
}

/** Every pull the paste shows run that ended in an error, fed one line at a time. */
export class PullTranscriptFinder {
  readonly found: PullTranscript[] = [];
  private open?: { tool: string; image: string; lines: number[]; after: number };

  line(l: PasteLine, i: number): void {
    const command = pullCommand(l.text, l.fenced);
    if (command) {
      this.open = { ...command, lines: [i], after: 0 };
      return;
    }
    const open = this.open;
    if (!open) return;
    const error = errorOf(l.text);
    if (error) {
      if (this.found.length < MAX_TRANSCRIPTS) this.found.push({ tool: open.tool, image: open.image, error, lines: [...open.lines, i] });
      this.open = undefined;
    } else if (++open.after > MAX_OUTPUT_LINES || PROMPT_LINE.test(l.text) || PULLED.test(l.text)) {
      // Another command at a prompt, the pull's success, or too much after it: no error of this pull.
      this.open = undefined;
    } else {
      open.lines.push(i);
    }
  }
}

const PULL_STATUS = /^(?:Init:)?(?:ErrImagePull|ImagePullBackOff)$/;
const PULL_EVENT = /^(?:Back-off pulling image|Failed to pull image) "/;
/** A pull error the pod's own evidence holds: then a transcript adds nothing. */
const OWN_PULL_ERROR = /^Failed to pull image "[^"]*":?\s*\S/;

function inPullFailure(p: PastedPod): boolean {
  return (
    PULL_STATUS.test(p.row?.status ?? '') ||
    p.containers.some((c) => c.state?.kind === 'Waiting' && PULL_STATUS.test(c.state.reason ?? '')) ||
    (p.events ?? []).some((e) => PULL_EVENT.test(e.message))
  );
}

function showsPullError(p: PastedPod): boolean {
  return (
    (p.events ?? []).some((e) => OWN_PULL_ERROR.test(e.message)) ||
    p.containers.some((c) => c.state?.kind === 'Waiting' && /^ErrImagePull$/.test(c.state.reason ?? '') && (c.state.message ?? '') !== '')
  );
}

/** Images the pod's evidence names: its containers', its pull events'. */
function imagesOf(p: PastedPod): string[] {
  const named = (p.events ?? []).map((e) => /^(?:Back-off pulling image|Failed to pull image|Pulling image) "([^"]+)"/.exec(e.message)?.[1]);
  return [...p.containers.map((c) => c.image), ...named].filter((i): i is string => i !== undefined && i !== '');
}

/**
 * The error of a pull run by hand, as the pull error of the one pod whose pull of that image fails: when the
 * pod's evidence names images, the transcript's must be among them; when it names none, the pod's one failing
 * container (if it has no image yet) is given the transcript's image.
 */
export function attachPullTranscripts(pods: PastedPod[], transcripts: PullTranscript[]): void {
  if (transcripts.length === 0) return;
  const failing = pods.filter(inPullFailure);
  if (failing.length !== 1) return;
  const pod = failing[0]!;
  if (showsPullError(pod)) return;
  const images = imagesOf(pod);
  const fitting = transcripts.filter((t) => images.length === 0 || images.some((i) => sameImageName(i, t.image)));
  const t = fitting.at(-1);
  if (!t) return;
  const stuck = pod.containers.filter((c) => c.state?.kind === 'Waiting' && PULL_STATUS.test(c.state.reason ?? ''));
  const target = stuck.length === 1 ? stuck[0] : pod.containers.length === 1 ? pod.containers[0] : undefined;
  if (target && !target.image) target.image = t.image;
  (pod.events ??= []).push({ type: 'Warning', reason: 'Failed', message: `Failed to pull image "${t.image}": ${t.error}`, count: 1, continuation: 0 });
  (pod.notes ??= []).push(
    `the pull error is from \`${t.tool} pull ${t.image}\` as the paste shows it run by hand, not from the kubelet; podwhy reads it as the error of the pod's own pull of that image`,
  );
}
