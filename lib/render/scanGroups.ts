// The incident view's grouping (pure): the diagnoses of a scan become one group per workload whose pods
// share a primary cause, or one group per pod. Groups are ordered by severity, then namespace, then name,
// so the worst problem is on top and the same scan always prints in the same order.
import type { Diagnosis } from '../diagnose.ts';
import type { Finding, Severity } from '../rules/types.ts';

export interface ScanGroup<D extends Diagnosis = Diagnosis> {
  namespace: string;
  /** `deploy/web` for a workload whose pods share the cause; otherwise undefined (the group is one pod). */
  workload?: string;
  /** The rule id of the primary finding, or undefined for a pod without a problem finding. */
  cause?: string;
  severity?: Severity;
  /** Its pods, the representative first (the one whose full report is printed). */
  members: D[];
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, warning: 1, info: 2 };

/** kubectl's short resource names, as an on-call engineer types them. */
const SHORT_RESOURCE: Record<string, string> = {
  deployment: 'deploy',
  statefulset: 'sts',
  daemonset: 'ds',
  replicaset: 'rs',
  replicationcontroller: 'rc',
  job: 'job',
};

export function shortWorkload(owner: string): string {
  const slash = owner.indexOf('/');
  const resource = owner.slice(0, slash);
  return `${SHORT_RESOURCE[resource] ?? resource}${owner.slice(slash)}`;
}

/** The finding the diagnosis ranked first, when it is a problem (critical or warning). */
export function primaryProblem(d: Diagnosis): Finding | undefined {
  const first = d.findings[0];
  return first && first.severity !== 'info' ? first : undefined;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function groupName(g: ScanGroup): string {
  return g.workload ?? g.members[0]!.pod.name;
}

/** The pod whose report stands for the group first (the most restarts: the clearest evidence), the others by name. */
function representativeFirst<D extends Diagnosis>(members: D[]): D[] {
  const byName = [...members].sort((a, b) => byText(a.pod.name, b.pod.name));
  const rep = byName.reduce((best, d) => (d.pod.restarts > best.pod.restarts ? d : best));
  return [rep, ...byName.filter((d) => d !== rep)];
}

export function groupDiagnoses<D extends Diagnosis>(diagnoses: readonly D[]): ScanGroup<D>[] {
  const byKey = new Map<string, D[]>();
  const singles: D[] = [];
  for (const d of diagnoses) {
    const cause = primaryProblem(d)?.rule;
    if (!d.pod.owner || !cause) {
      singles.push(d);
      continue;
    }
    const key = `${d.pod.namespace}\u0000${d.pod.owner}\u0000${cause}`;
    const list = byKey.get(key);
    if (list) list.push(d);
    else byKey.set(key, [d]);
  }
  const one = (d: D): ScanGroup<D> => {
    const f = primaryProblem(d);
    return { namespace: d.pod.namespace, ...(f ? { cause: f.rule, severity: f.severity } : {}), members: [d] };
  };
  const groups: ScanGroup<D>[] = singles.map(one);
  for (const members of byKey.values()) {
    if (members.length === 1) {
      groups.push(one(members[0]!));
      continue;
    }
    const ordered = representativeFirst(members);
    const f = primaryProblem(ordered[0]!)!;
    groups.push({ namespace: ordered[0]!.pod.namespace, workload: shortWorkload(ordered[0]!.pod.owner!), cause: f.rule, severity: f.severity, members: ordered });
  }
  const rank = (g: ScanGroup): number => (g.severity === undefined ? 3 : SEVERITY_RANK[g.severity]);
  return groups.sort((a, b) => rank(a) - rank(b) || byText(a.namespace, b.namespace) || byText(groupName(a), groupName(b)) || byText(a.cause ?? '', b.cause ?? ''));
}
