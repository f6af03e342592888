// What a container's wait loop waits for (lib/bundle/logWaitLoop.ts), as the fallback tells it: the name
// as cluster DNS resolves it, what the bundle says about that Service, and the commands that show it.
import { findContainer } from '../../bundle/containers.ts';
import type { LogWait } from '../../bundle/logWaitLoop.ts';
import type { Bundle } from '../../bundle/types.ts';
import { closestName, endpointState, lookupService, type HostClass } from './clusterService.ts';
import { sh } from './shellCommand.ts';
import type { Fix } from '../types.ts';

export interface AwaitedDependency {
  /** A sentence for the explanation: the loop, and what the bundle says about its target. */
  explanation: string;
  fixes: Fix[];
  /** The Service list covers the name's namespace and holds no such Service: the wait cannot end by itself. */
  serviceMissing?: true;
}

function target(w: LogWait): string {
  return w.awaited ? (w.awaited.port !== undefined ? `${w.awaited.host}:${w.awaited.port}` : w.awaited.host) : 'what it waits for';
}

/** What the Service list says about the awaited name, when it was provided. */
function serviceFacts(bundle: Bundle, service: string, namespace: string): { text: string; missing?: true } | undefined {
  const lookup = lookupService(bundle, { service, namespace, qualified: true });
  if (!lookup.checked) return undefined;
  if (!lookup.service) {
    const elsewhere = lookup.elsewhere.length > 0 ? ` (there is one in ${lookup.elsewhere.join(', ')}: reach it as ${service}.${lookup.elsewhere[0]})` : '';
    const close = closestName(service, lookup.namesInNamespace);
    const hint = close ? ` A Service with a close name exists there: "${close}"; the name the container waits for may be built wrong (a typo, or another Helm release's prefix).` : '';
    return { text: `No Service "${service}" exists in namespace ${namespace}${elsewhere}, so the name never resolves there.${hint}`, missing: true };
  }
  const ep = endpointState(bundle, { service, namespace, qualified: true });
  if (ep.ready === 0) return { text: `Service "${service}" exists in namespace ${namespace} but has no ready endpoints: no ready pod matches its selector, so connections to it are refused or time out.` };
  return undefined;
}

/** The explanation and the commands for a container that keeps waiting on `w`, whose target cluster DNS resolves as `cls` (classifyHost). */
export function awaitedDependency(bundle: Bundle, container: string, w: LogWait, cls: HostClass | undefined): AwaitedDependency {
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const pod = bundle.pod.metadata?.name ?? 'POD';
  const step = w.failure === 'connect' ? 'connection' : 'lookup';
  const turns = w.failures >= 2 ? `the same ${step} failing again and again` : `the ${step} failing, then the loop's own "${w.lines.at(-1)!}"`;
  // Without a status (a pasted `kubectl logs`) nothing says the container serves: only that it is held at the wait.
  const statusShown = findContainer(bundle.pod, container)?.status?.state !== undefined;
  const held = statusShown
    ? "The application waits for that dependency before it reports itself ready, so it stays out of its Services' endpoints until the dependency answers."
    : 'The container does not get past this wait until the dependency answers.';
  const loop = `Its log ends in a wait loop on ${target(w)}: ${turns}, with nothing after it that shows the wait ended. ${held}`;
  const fixes: Fix[] = [];
  let facts: { text: string; missing?: true } | undefined;
  if (w.failure === 'resolver') {
    fixes.push({ description: 'The cluster DNS server does not answer: see whether its pods run and are ready:', command: sh`kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide` });
  }
  const host = w.awaited?.host;
  if (cls?.kind === 'service') {
    const { service, namespace } = cls.name;
    facts = serviceFacts(bundle, service, namespace);
    fixes.push({
      description: `See whether Service "${service}" exists in namespace ${namespace} and has ready endpoints (a Service whose selector matches no ready pod has none, and refuses connections):`,
      command: sh`kubectl get svc,endpoints ${service} -n ${namespace}`,
    });
    fixes.push({ description: `If it is missing, create it (or point ${container} at the right name; another namespace needs <service>.<namespace>); the Services there:`, command: sh`kubectl get svc -n ${namespace}` });
  } else if (cls?.kind === 'ip') {
    fixes.push({ description: `Find what should answer at ${target(w)}: the Services and their endpoints in the namespace:`, command: sh`kubectl get svc,endpoints -n ${ns} -o wide` });
  } else if (cls?.kind === 'external' && host) {
    fixes.push({ description: `Check that ${host} resolves and answers from inside the cluster:`, command: sh`kubectl run dns-check -n ${ns} -it --rm --restart=Never --image=busybox:1.36 -- nslookup ${host}` });
  }
  fixes.push({ description: `Follow the loop as it runs:`, command: sh`kubectl logs ${pod} -n ${ns} -c ${container} -f --tail=20` });
  return { explanation: facts ? `${loop} ${facts.text}` : loop, fixes, ...(facts?.missing ? { serviceMissing: true as const } : {}) };
}
