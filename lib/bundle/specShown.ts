// Whether the input shows a part of the pod's spec, so that a field it leaves out is unset rather than
// unknown. A Pod object (live, a saved bundle, a pasted manifest) shows all of it. Pasted text does not:
// `kubectl describe pod` prints a container's image, command, limits, probes and mounts when they are set,
// but never the pod's imagePullSecrets or restartPolicy; pasted events, logs or get pods rows show no spec.
// The paste source says what it read in two notes, written by the functions below so that the wording the
// rules read back is defined once (`--save` keeps notes, so a replayed paste reads the same).
import type { PodContainer } from './containers.ts';
import type { Bundle } from './types.ts';

const PASTED_INPUT = /^input: pasted text \(([^)]*)\)/;
const NO_CONTAINER_DETAILS = /^the paste has no container details\b/;

/** The paste source's first note: which kinds of kubectl output the paste held. */
export function pastedInputNote(kinds: string[]): string {
  return `input: pasted text (${kinds.join(', ')}); what the paste does not show was not provided, not found missing`;
}

/** The paste source's note when no container's details were in the paste. */
export function noContainerDetailsNote(describeCommand: string): string {
  return `the paste has no container details (State, Last State, Exit Code, Image, Command); \`${describeCommand}\` shows them`;
}

/** The kinds of kubectl output the paste held, or undefined when the input was not pasted text. */
function pastedKinds(bundle: Bundle): string[] | undefined {
  for (const note of bundle.notes) {
    const m = PASTED_INPUT.exec(note);
    if (m) return m[1]!.split(',').map((k) => k.trim());
  }
  return undefined;
}

/** Whether a container's own spec (command, limits, probes) is shown: absent fields are then unset. */
export function containerSpecShown(bundle: Bundle, c: PodContainer): boolean {
  const kinds = pastedKinds(bundle);
  if (kinds === undefined || kinds.includes('a Pod manifest')) return true;
  return kinds.includes('describe pod') && c.spec.image !== undefined && !bundle.notes.some((n) => NO_CONTAINER_DETAILS.test(n));
}

/** Whether the pod-level spec describe leaves out (imagePullSecrets, restartPolicy) is shown. */
export function podSpecShown(bundle: Bundle): boolean {
  const kinds = pastedKinds(bundle);
  return kinds === undefined || kinds.includes('a Pod manifest');
}

/** Whether the input would show the pod's controller (describe prints `Controlled By:`; get pods rows, logs and events do not). */
export function controllerShown(bundle: Bundle): boolean {
  const kinds = pastedKinds(bundle);
  return kinds === undefined || kinds.includes('a Pod manifest') || kinds.includes('describe pod');
}
