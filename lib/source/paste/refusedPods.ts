// A controller's FailedCreate event: the API server refused the pod it tried to create (admission: a
// ResourceQuota used up or requiring limits, a LimitRange's bounds, a missing ServiceAccount). It is about
// the ReplicaSet, Job, StatefulSet or DaemonSet, never a pod: with nothing else, the paste shows no pod at all.
import { withQuotaHint } from '../live/quotaHint.ts';
import { withoutCombined } from './eventMessages.ts';
import type { PastedEvent } from './model.ts';
import { NAME_RUN, OBJECT_NAME, POD_SUFFIX } from './objectNames.ts';

export interface RefusedPod {
  /** `replicaset/web-5d8f7c9b6`, when the paste names the controller. */
  controller?: string;
  namespace?: string;
  /** The refusal: `pods "web-…" is forbidden: exceeded quota: …`. */
  message: string;
}

/** The controllers' reason for a pod they could not create (never set on a Pod's own events). */
export function isRefusedCreation(e: Pick<PastedEvent, 'reason'>): boolean {
  return e.reason === 'FailedCreate';
}

export function refusedPod(e: PastedEvent, controller?: string): RefusedPod {
  const kind = e.objectKind && e.objectKind !== 'Pod' ? e.objectKind.toLowerCase() : undefined;
  const message = withoutCombined(e.message).replace(/^Error creating:\s*/, '').replace(/^create Pod \S+ in \S+ \S+ failed error:\s*/, '');
  const owner = controller ?? (kind && e.objectName ? `${kind}/${e.objectName}` : ownerFromGeneratedName(e.from, message));
  return { message, ...(owner ? { controller: owner } : {}), ...(e.namespace ? { namespace: e.namespace } : {}) };
}

/** `pods "api-7f9b8c6d5-" is forbidden` (or with the pod suffix): the shortest name before the `-`, the owner's. */
const GENERATED_NAME_FORBIDDEN = new RegExp(String.raw`^pods "(${NAME_RUN}?)-(?:${POD_SUFFIX})?" is forbidden`);

/** `replicaset-controller` refusing `pods "api-7f9b8c6d5-"`: the generated name is the ReplicaSet's (or Job's) plus `-`. */
function ownerFromGeneratedName(from: string | undefined, message: string): string | undefined {
  const kind = /^(replicaset|job|daemonset)-controller$/.exec(from ?? '')?.[1];
  const name = GENERATED_NAME_FORBIDDEN.exec(message)?.[1];
  return kind && name ? `${kind}/${name}` : undefined;
}

/** `failed quota: team-quota: must specify limits.cpu for: api; …`: the quota requires what the pod does not set. */
const MUST_SPECIFY = new RegExp(String.raw`failed quota: (${OBJECT_NAME}): must specify `);
/** A LimitRange's bounds: `maximum memory usage per Container is 1Gi, but limit is 4Gi`. */
const LIMIT_RANGE = /\b(maximum|minimum) ([\w.\/-]+) usage per (Container|Pod|PersistentVolumeClaim) is (\d[\d.]*[A-Za-z]*),? but (limit|request) is (\d[\d.]*[A-Za-z]*)/;

/** What to do about a refusal, after the refusal itself. */
function hint(r: RefusedPod, namespace: string): string {
  const quota = withQuotaHint(r.message, namespace);
  if (quota !== r.message) return quota.slice(r.message.length);
  const specify = MUST_SPECIFY.exec(r.message);
  if (specify) {
    const resources = [...r.message.slice(specify.index).matchAll(/(?:must specify |; )([\w.\/-]+) for: /g)].map((m) => m[1]!);
    return ` (ResourceQuota ${specify[1]} covers ${resources.join(', ')}, so every container must set them: add them to the pod template's resources, or give the namespace a LimitRange with defaults; kubectl describe resourcequota ${specify[1]} -n ${namespace})`;
  }
  const range = LIMIT_RANGE.exec(r.message);
  if (range) {
    const [, bound, resource, scope, value, field, asked] = range;
    return ` (a LimitRange sets the ${bound} ${resource} per ${scope} to ${value} and the pod's ${field} is ${asked}: change the ${field} in the pod template, or the LimitRange; kubectl describe limitrange -n ${namespace})`;
  }
  return '';
}

/**
 * A note for the pods a paste does show, beside a controller's refused creations: the pods it could not create
 * (a rollout's new ReplicaSet, a Job's next pod) are the trouble, and no rule sees them.
 */
export function refusedBesidePods(refused: RefusedPod[]): string {
  const r = refused.at(-1)!;
  const who = r.controller ?? 'a controller';
  return `the paste also shows that the API server refused the pods ${who} tried to create, so they do not exist and are not diagnosed here: ${r.message}${hint(r, r.namespace ?? 'NAMESPACE')}`;
}

/** One line saying that no pod was created, and why: the newest refusal, with what to do about it. */
export function noPodCreated(refused: RefusedPod[]): string {
  const r = refused.at(-1)!;
  const namespace = r.namespace ?? 'NAMESPACE';
  const who = r.controller ?? 'its controller';
  return `no pod was created: the API server refused the pods ${who} tried to create: ${r.message}${hint(r, namespace)}`;
}
