// A workload whose pods cannot be created because a ResourceQuota is full: the controller's FailedCreate
// message says "exceeded quota: NAME, requested: …, used: …, limited: …". Name the quota and how to look at it.
const EXCEEDED_QUOTA = /exceeded quota: ([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)/;

export function withQuotaHint(text: string, namespace: string): string {
  const m = EXCEEDED_QUOTA.exec(text);
  if (!m) return text;
  const quota = m[1]!;
  return `${text} (ResourceQuota ${quota} is used up: kubectl describe resourcequota ${quota} -n ${namespace}; free some of it, raise its limits, or lower the pods' requests)`;
}
