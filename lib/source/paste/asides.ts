// What a paste shows beside kubectl's output that is evidence about the pod all the same: a pull run by hand
// (pullTranscripts.ts) and a pod's finalizers cut out of its YAML (finalizerFragments.ts). Found in one pass
// over the lines before the scanner reads them; their lines are then no container's log.
import { FinalizerFragmentFinder, type FinalizerFragment } from './finalizerFragments.ts';
import { pasteLines } from './lines.ts';
import { PullTranscriptFinder, type PullTranscript } from './pullTranscripts.ts';

export function findAsides(text: string): { pulls: PullTranscript[]; finalizers: FinalizerFragment[] } {
  const pulls = new PullTranscriptFinder();
  const finalizers = new FinalizerFragmentFinder();
  let n = 0;
  for (const l of pasteLines(text)) {
    pulls.line(l, n);
    finalizers.line(l, n++);
  }
  return { pulls: pulls.found, finalizers: finalizers.finish() };
}
