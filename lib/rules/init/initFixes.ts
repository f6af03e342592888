// Fixes shared by the init-* rules.
import type { Container, Pod } from '../../bundle/k8s.ts';
import type { Bundle } from '../../bundle/types.ts';
import type { Fix } from '../types.ts';
import type { Daemon } from './daemonSignature.ts';
import { shellScriptOf } from './shellScript.ts';
import type { ApiForbidden } from './initContainers.ts';
import { owningWorkload, patchJson, templateIsMutable, workloadRef } from '../shared/workload.ts';
import { sh } from '../shared/shellCommand.ts';

/**
 * A pod whose init container failed under restartPolicy Never is Failed for good: the kubelet never
 * retries it. A Job makes a new pod by itself (until its backoffLimit); a bare pod must be re-created.
 */
export function recreateFix(bundle: Bundle): Fix {
  const name = bundle.pod.metadata?.name ?? 'POD';
  const ns = bundle.pod.metadata?.namespace ?? 'default';
  const owner = owningWorkload(bundle.pod);
  if (owner?.resource === 'job') {
    return {
      description: `The pod has failed for good; Job ${owner.name} creates a new pod by itself until its backoffLimit is reached. Check whether it gave up (then fix the cause and re-create the Job):`,
      command: sh`kubectl get job ${owner.name} -n ${ns}`,
    };
  }
  return {
    description: `The pod has failed for good (restartPolicy Never): once the cause is fixed, re-create it with the same spec (or, if the spec must change, delete it and apply your corrected manifest):`,
    command: sh`kubectl get pod ${name} -n ${ns} -o yaml | kubectl replace --force -f -`,
  };
}

/** A Role (or ClusterRole) and its binding that grant the service account what the API server refused. */
export function rbacFixes(denied: ApiForbidden): Fix[] {
  const sa = denied.serviceAccount;
  const resource = denied.group ? `${denied.resource}.${denied.group}` : denied.resource;
  const verbs = [...new Set(['get', 'list', 'watch', denied.verb.toLowerCase()])].join(',');
  const name = `${sa.name}-${denied.resource}-reader`.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 63);
  const subject = `--serviceaccount=${sa.namespace}:${sa.name}`;
  if (denied.namespace === undefined) {
    return [
      {
        description: `Grant service account ${sa.namespace}/${sa.name} ${verbs} on ${resource} cluster-wide (a ClusterRole and its binding; adjust the verbs to what the init container needs):`,
        command: sh`kubectl create clusterrole ${name} --verb=${verbs} --resource=${resource} && kubectl create clusterrolebinding ${name} --clusterrole=${name} ${subject}`,
      },
      {
        description: `Then check the permission as that service account:`,
        command: sh`kubectl auth can-i ${denied.verb} ${resource} --as=system:serviceaccount:${sa.namespace}:${sa.name}`,
      },
    ];
  }
  const ns = denied.namespace;
  return [
    {
      description: `Grant service account ${sa.namespace}/${sa.name} ${verbs} on ${resource} in namespace ${ns} (a Role and a RoleBinding; adjust the verbs to what the init container needs):`,
      command: sh`kubectl create role ${name} --verb=${verbs} --resource=${resource} -n ${ns} && kubectl create rolebinding ${name} --role=${name} ${subject} -n ${ns}`,
    },
    {
      description: `Then check the permission as that service account:`,
      command: sh`kubectl auth can-i ${denied.verb} ${resource} --as=system:serviceaccount:${sa.namespace}:${sa.name} -n ${ns}`,
    },
  ];
}

/** Init containers a mutating webhook adds to the pod but not to its workload's template (Istio, Linkerd). */
function injectedInitContainers(pod: Pod): Set<string> {
  const annotations = pod.metadata?.annotations ?? {};
  const injected = new Set<string>();
  const istio = annotations['sidecar.istio.io/status'];
  if (istio) {
    try {
      const status: unknown = JSON.parse(istio);
      const names = typeof status === 'object' && status !== null ? (status as Record<string, unknown>)['initContainers'] : undefined;
      if (Array.isArray(names)) for (const n of names) if (typeof n === 'string') injected.add(n);
    } catch {
      // Not JSON: nothing is known to be injected.
    }
  }
  if (annotations['linkerd.io/proxy-version']) ['linkerd-init', 'linkerd-network-validator', 'linkerd-proxy'].forEach((n) => injected.add(n));
  return injected;
}

/**
 * The index of init container `name` in the owning workload's pod template: its index in the pod, less the
 * injected init containers before it. Fix patches also test the name at that index, so a template whose
 * order differs makes the patch fail rather than change another container.
 */
export function templateInitIndex(pod: Pod, name: string): number {
  const inits = pod.spec?.initContainers ?? [];
  const injected = injectedInitContainers(pod);
  const at = inits.findIndex((x) => x.name === name);
  return inits.slice(0, Math.max(0, at)).filter((x) => !injected.has(x.name ?? '')).length;
}

/** Kubernetes versions for native sidecars (restartPolicy: Always on an init container). */
const SIDECAR_VERSIONS =
  'Kubernetes 1.29 or newer (the SidecarContainers feature: beta and on by default in 1.29, GA in 1.33; in 1.28 only with the feature gate); an older API server drops the field and nothing changes';

/** The kubelet version of the pod's node, when the node list was provided: `v1.27.9` → [1, 27]. */
function nodeKubeletVersion(bundle: Bundle): { text: string; minor: number } | undefined {
  const nodeName = bundle.pod.spec?.nodeName;
  const node = nodeName ? bundle.related.nodes?.find((n) => n.metadata?.name === nodeName) : undefined;
  const text = node?.status?.nodeInfo?.kubeletVersion;
  const m = text ? /^v?1\.(\d+)\./.exec(text) : null;
  return text && m ? { text, minor: Number(m[1]) } : undefined;
}

type DaemonChange = 'sidecar' | 'move' | 'remove' | 'trim' | 'exit';

/** `cp … && echo ready && sleep infinity` → `cp … && echo ready`: a script that does its work, then idles. */
const TRAILING_IDLE = /\s*(?:&&|;|\n)\s*(?:exec\s+)?(?:sleep\s+(?:infinity|inf|\d+[smhd]?)|tail\s+-[a-zA-Z]*[fF]\s+\S+|while\s+(?:true|:)\s*;\s*do\s+sleep\s+\S+\s*;\s*done)\s*;?\s*$/;

/** The container's command field with the trailing idle step cut from its script, when it has one. */
function trimmedCommand(c: Container): { field: 'command' | 'args'; value: string[] } | undefined {
  const command = c.command ?? [];
  const args = c.args ?? [];
  const script = shellScriptOf([...command, ...args]);
  if (script === undefined) return undefined;
  const trimmed = script.replace(TRAILING_IDLE, '');
  if (trimmed === script || trimmed.trim() === '') return undefined;
  const inCommand = command.lastIndexOf(script);
  if (inCommand !== -1) return { field: 'command', value: command.map((w, i) => (i === inCommand ? trimmed : w)) };
  const inArgs = args.lastIndexOf(script);
  return inArgs === -1 ? undefined : { field: 'args', value: args.map((w, i) => (i === inArgs ? trimmed : w)) };
}

function jsonPatch(prefix: string, index: number, c: Container, daemon: Daemon, change: DaemonChange): string {
  const at = `${prefix}/initContainers/${index}`;
  const test = { op: 'test', path: `${at}/name`, value: c.name };
  switch (change) {
    case 'sidecar':
      return patchJson([test, { op: 'add', path: `${at}/restartPolicy`, value: 'Always' }]);
    case 'move':
      return patchJson([test, { op: 'move', from: at, path: `${prefix}/containers/-` }]);
    case 'remove':
      return patchJson([test, { op: 'remove', path: at }]);
    case 'exit': {
      const field = (c.args ?? []).length > 0 ? 'args' : 'command';
      return patchJson([test, { op: 'add', path: `${at}/${field}/-`, value: daemon.exitFlag }]);
    }
    case 'trim': {
      const trimmed = trimmedCommand(c)!;
      return patchJson([test, { op: 'replace', path: `${at}/${trimmed.field}`, value: trimmed.value }]);
    }
  }
}

/**
 * The fixes for a daemon in initContainers, as patches for the workload that owns the pod (a Deployment,
 * StatefulSet, DaemonSet, ReplicaSet), words for a Job (its template is immutable), and a re-creation for
 * a bare pod. A daemon that serves becomes a native sidecar first; one that only idles loses its idle step
 * (or is removed when that is all it does); either may move to containers.
 */
export function daemonFixes(bundle: Bundle, c: Container, daemon: Daemon): Fix[] {
  const { pod } = bundle;
  const name = c.name;
  const ns = pod.metadata?.namespace ?? 'default';
  const podName = pod.metadata?.name ?? 'POD';
  const owner = owningWorkload(pod);
  const kubelet = nodeKubeletVersion(bundle);
  const oldNode = kubelet !== undefined && kubelet.minor < 29;
  const nodeNote = oldNode ? ` Node ${pod.spec?.nodeName ?? ''} runs kubelet ${kubelet.text}, older than 1.29: upgrade it first, or move the container to containers.` : '';
  // A pod that runs to completion (a Job's) would never complete with a daemon among its containers;
  // a native sidecar is stopped once the main containers finish.
  const finite = owner?.resource === 'job' || pod.spec?.restartPolicy === 'Never' || pod.spec?.restartPolicy === 'OnFailure';
  const inits = pod.spec?.initContainers ?? [];
  const later = inits.slice(inits.findIndex((x) => x.name === name) + 1).filter((x) => x.restartPolicy !== 'Always').map((x) => x.name ?? '');
  const what: Record<DaemonChange, string> = {
    sidecar:
      `Make ${name} a native sidecar with restartPolicy: Always: the kubelet then starts it, goes on with the next init containers and the app while it keeps running, and restarts it if it exits. ` +
      `Needs ${SIDECAR_VERSIONS}.${nodeNote}` +
      (finite ? ` (Moving it to containers instead would keep the pod from ever completing; a native sidecar is stopped once the main containers finish.)` : ''),
    move:
      daemon.purpose === 'idles'
        ? `Move ${name} to containers, if it is kept running on purpose (a shell to exec into).`
        : `Move ${name} to containers: it then runs beside the app instead of before it` +
          (later.length > 0
            ? `, and the later init container${later.length === 1 ? '' : 's'} ${later.join(', ')} would run without it (a native sidecar keeps it running for ${later.length === 1 ? 'it' : 'them'}).`
            : ` (when the app needs it up first, the native sidecar is the fit).`),
    remove: `Remove ${name}: it does nothing but keep running (${daemon.what}), and the app cannot start while it runs.`,
    trim: `Drop the final ${daemon.what} from ${name}'s script, so that it exits once its work is done.`,
    exit: `If ${name} only has to do its work once before the app starts (render secrets or files), let it exit: add ${daemon.exitFlag ?? ''} to its arguments.`,
  };
  const exitable = daemon.exitFlag !== undefined && shellScriptOf([...(c.command ?? []), ...(c.args ?? [])]) === undefined;
  const serving: DaemonChange[] = oldNode ? ['move', 'sidecar'] : ['sidecar', 'move'];
  if (exitable) serving.splice(1, 0, 'exit');
  const idleChanges: DaemonChange[] = trimmedCommand(c) ? ['trim', 'move'] : ['remove', 'move'];
  const changes = (daemon.purpose === 'idles' ? idleChanges : serving).filter((change) => !(finite && change === 'move'));
  return changes.map((change, i): Fix => {
    const description = i === 0 ? what[change] : `Or ${what[change].charAt(0).toLowerCase()}${what[change].slice(1)}`;
    if (owner && templateIsMutable(owner)) {
      const patch = jsonPatch('/spec/template/spec', templateInitIndex(pod, name), c, daemon, change);
      const rollout =
        owner.resource === 'replicaset' || owner.resource === 'replicationcontroller'
          ? ` A ${owner.kind} does not replace running pods: delete ${podName} afterwards so that it is re-created from the new template.`
          : '';
      return {
        description:
          `${description}${rollout} For ${owner.kind} ${owner.name}` +
          (i === 0 ? ` (the patch's test operation makes it fail, rather than change another container, if the template orders its init containers differently):` : ':'),
        command: sh`kubectl patch ${workloadRef(owner)} -n ${ns} --type json -p ${patch}`,
      };
    }
    const index = (pod.spec?.initContainers ?? []).findIndex((x) => x.name === name);
    if (owner?.resource === 'job') {
      return {
        description:
          `${description} Job ${owner.name}'s pod template cannot be changed: make the change at spec.template.spec.initContainers[${index}] in its manifest ` +
          `(or in the jobTemplate of the CronJob that creates it) and re-create the Job.`,
      };
    }
    if (owner) {
      return { description: `${description} Make the change in the manifest of ${owner.kind} ${owner.name}, which owns the pod.` };
    }
    // A bare pod: its init containers cannot be changed in place, so the pod is re-created with the change.
    return {
      description: `${description} Pod ${podName} has no controller and a pod's init containers cannot be changed in place, so this re-creates it with the change (delete, then create):`,
      command: sh`kubectl get pod ${podName} -n ${ns} -o json | kubectl patch --local -f - --type json -p ${jsonPatch('/spec', index, c, daemon, change)} -o json | kubectl replace --force -f -`,
    };
  });
}

/** `chown: /x: Operation not permitted` (busybox), `chown: changing ownership of '/x': Permission denied` (coreutils), and chmod's. */
const OWNERSHIP_REFUSED = /^(?:\S*\/)?(chown|chmod): .*(?:Operation not permitted|Permission denied)$/;

/**
 * An init container that fixes a volume's ownership or mode and is refused: it does not run as root with
 * CAP_CHOWN/CAP_FOWNER (a securityContext or policy that sets runAsNonRoot or drops capabilities), or the
 * volume refuses root (NFS or CephFS with root_squash, a read-only ConfigMap/Secret mount).
 */
export function ownershipFixes(lines: string[]): Fix[] {
  const tool = lines.map((l) => OWNERSHIP_REFUSED.exec(l.trim())?.[1]).find((t) => t !== undefined);
  if (!tool) return [];
  return [
    {
      description:
        `${tool} was refused: the init container needs root with ${tool === 'chown' ? 'CAP_CHOWN' : 'CAP_FOWNER'} (a securityContext or pod security policy with runAsNonRoot, a non-zero runAsUser or dropped capabilities takes it away), and the volume must let root change it (NFS or CephFS exports with root_squash, and ConfigMap/Secret mounts, do not). ` +
        'Often the init container is not needed: set spec.securityContext.fsGroup so the kubelet gives the volume to the app\'s group, or run the init container as runAsUser: 0 where policy allows it.',
    },
  ];
}
