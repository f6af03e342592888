// Between two diagnoses of the same pod (or of a pod and its replacement): which causes went away,
// which are new. A finding is the same finding when its rule, its container and its summary agree;
// numbers in the summary (ages, counts) may move without making it new.
import type { Bundle } from '../bundle/types.ts';
import type { Diagnosis } from '../diagnose.ts';
import type { Finding } from '../rules/types.ts';

export interface FindingChanges {
  resolved: Finding[];
  added: Finding[];
}

function identity(f: Finding): string {
  return `${f.rule}\u0000${f.container ?? ''}\u0000${f.summary.replace(/\d+/g, '#')}`;
}

const problems = (d: Diagnosis): Finding[] => d.findings.filter((f) => f.severity !== 'info');

export function findingChanges(before: Diagnosis | undefined, after: Diagnosis): FindingChanges {
  const old = new Set((before ? problems(before) : []).map(identity));
  const now = new Set(problems(after).map(identity));
  return {
    resolved: (before ? problems(before) : []).filter((f) => !now.has(identity(f))),
    added: problems(after).filter((f) => !old.has(identity(f))),
  };
}

/** Related objects a finding said were absent, by the Kind in its evidence ref ("Service/myservice"). */
const RELATED_BY_KIND: Record<string, (b: Bundle) => { metadata?: { name?: string } }[] | undefined> = {
  Service: (b) => b.related.services,
  ConfigMap: (b) => b.related.configMaps,
  Secret: (b) => b.related.secrets,
  PersistentVolumeClaim: (b) => b.related.pvcs,
  StorageClass: (b) => b.related.storageClasses,
};

/** What a resolved finding's absent objects are now: "Service myservice now exists". */
export function nowExisting(f: Finding, bundle: Bundle): string[] {
  const out: string[] = [];
  for (const e of f.evidence) {
    if (e.source !== 'absent') continue;
    const [kind, name] = e.ref.split('/', 2);
    const objects = kind ? RELATED_BY_KIND[kind]?.(bundle) : undefined;
    if (name && objects?.some((o) => o.metadata?.name === name)) out.push(`${kind} ${name} now exists`);
  }
  return out;
}
