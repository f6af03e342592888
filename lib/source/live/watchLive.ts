// `--watch` against a cluster: the first bundle of the pod to follow, then its changes (follow.ts).
// For TYPE/NAME the pod followed is the workload's newest pod that looks unhealthy (else its newest).
import type { Pod } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import { UserError } from '../errors.ts';
import type { LiveOptions } from '../liveTypes.ts';
import type { Clock } from '../../watch/clock.ts';
import { connect } from './connect.ts';
import { fatalError } from './failures.ts';
import { followPod, type Observation } from './follow.ts';
import { readPod, readWorkload } from './index.ts';
import { fetchPodBundle, type FetchContext } from './podBundle.ts';
import { looksUnhealthy } from './podHealth.ts';
import { pickReplacement } from './replacement.ts';
import { parseTarget } from './targets.ts';
import { listPods, podSelector, whyNoPods } from './workloads.ts';

export interface LiveWatch {
  first: Bundle;
  /** Said once on stderr: which pod of a workload is followed. */
  followed?: string;
  follow(clock: Clock, signal: AbortSignal, deadline: number): AsyncGenerator<Observation>;
  close(): void;
}

export async function openLiveWatch(options: LiveOptions): Promise<LiveWatch> {
  const progress = options.onProgress ?? ((): void => {});
  if (options.target === undefined) {
    throw new UserError('--watch follows one pod: name it (POD or TYPE/NAME); a namespace-wide scan cannot be watched yet');
  }
  if (options.allNamespaces) throw new UserError('--watch follows one pod: drop -A and pass -n NAMESPACE');
  const target = parseTarget(options.target);
  const { client, failure, namespace } = await connect(options, progress, 'follow');
  try {
    const ctx: FetchContext = { client, needs: options.needs, failure, now: options.now ?? new Date().toISOString(), cache: new Map(), named: new Map() };
    let pod: Pod;
    let followed: string | undefined;
    if (target.kind === 'pod') {
      progress(`reading pod ${namespace}/${target.name}`);
      pod = await readPod(client, failure, namespace, target.name);
    } else {
      progress(`reading ${target.type.name}/${target.name}`);
      const workload = await readWorkload(client, failure, target.type, namespace, target.name);
      const selector = podSelector(workload, options.selector);
      const pods = selector
        ? await listPods(client, namespace, selector).catch((err: unknown) => {
            throw fatalError(err, failure, { verb: 'list', resource: 'pods', namespace });
          })
        : [];
      const chosen = pickReplacement(pods.filter((p) => looksUnhealthy(p, ctx.now)), undefined) ?? pickReplacement(pods, undefined);
      if (!chosen) throw new UserError(`--watch: ${(await whyNoPods(client, target.type, namespace, workload, selector)).text}`);
      pod = chosen;
      followed = `following pod ${chosen.metadata?.name} of ${target.type.name}/${target.name}`;
    }
    progress(`reading events and logs of ${pod.metadata?.name}`);
    const first = await fetchPodBundle(ctx, pod);
    return {
      first,
      ...(followed ? { followed } : {}),
      follow: (clock, signal, deadline) => followPod({ ctx, pod, logs: first.logs, clock, signal, deadline }),
      close: () => client.close(),
    };
  } catch (err) {
    client.close();
    throw err;
  }
}
