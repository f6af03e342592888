// Pastes that show no pod, or a pod only in part: a controller's FailedCreate (the API server refused the pod),
// an app container that only its failed pull names, `Init:0/1` while a volume is missing, an old events table
// whose columns drift, an event after a Pod's YAML, a container named only inside a message.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';
import { NOW, onlyPod } from './readPaste.ts';

function refusal(text: string): string {
  try {
    loadPaste(text, 'paste', { fallbackNow: NOW });
  } catch (err) {
    assert.ok(isUserError(err));
    return (err as Error).message;
  }
  assert.fail('the paste was read as a pod');
}

function problems(text: string): { rule: string; container?: string }[] {
  return diagnose(onlyPod(text)).findings.filter((f) => f.severity !== 'info').map((f) => ({ rule: f.rule, ...(f.container ? { container: f.container } : {}) }));
}

describe('paste: pods the API server refused to create', () => {
  it('`get events` rows of a ReplicaSet over quota: no pod was created, the quota named with its command', () => {
    const message = refusal(
      '$ kubectl get events -n team-a\nLAST SEEN   TYPE      REASON             OBJECT                           MESSAGE\n2m          Warning   FailedCreate       replicaset/web-5d8f7c9b6         Error creating: pods "web-5d8f7c9b6-xk2pl" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n40s         Warning   FailedCreate       replicaset/web-5d8f7c9b6         (combined from similar events): Error creating: pods "web-5d8f7c9b6-q8z4r" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n',
    );
    assert.match(message, /^paste: no pod was created: the API server refused the pods replicaset\/web-5d8f7c9b6 tried to create: pods "web-5d8f7c9b6-q8z4r" is forbidden: exceeded quota: compute-quota/);
    assert.match(message, /ResourceQuota compute-quota is used up: kubectl describe resourcequota compute-quota -n team-a;/);
    assert.ok(!message.includes('\n'));
  });

  it('a describe-style row of a quota that requires limits: the resources it requires, no pod "POD"', () => {
    const message = refusal(
      '  Warning  FailedCreate  12s (x15 over 94s)  replicaset-controller  Error creating: pods "api-7f9b8c6d5-" is forbidden: failed quota: team-quota: must specify limits.cpu for: api; limits.memory for: api; requests.cpu for: api; requests.memory for: api\n',
    );
    assert.match(message, /refused the pods replicaset\/api-7f9b8c6d5 tried to create/);
    assert.match(message, /ResourceQuota team-quota covers limits\.cpu, limits\.memory, requests\.cpu, requests\.memory/);
    assert.doesNotMatch(message, /\bPOD\b/);
  });

  it('a LimitRange\'s maximum: its bound and the pod\'s limit', () => {
    const message = refusal('Warning  FailedCreate  3s (x12 over 23s)  replicaset-controller  Error creating: pods "etl-6c5d4b3a2-" is forbidden: maximum memory usage per Container is 1Gi, but limit is 4Gi\n');
    assert.match(message, /a LimitRange sets the maximum memory per Container to 1Gi and the pod's limit is 4Gi/);
  });

  it('look-alike: a pod beside its ReplicaSet\'s refusal is still diagnosed', () => {
    const b = onlyPod(
      '$ kubectl get events -n team-a\nLAST SEEN   TYPE      REASON             OBJECT                           MESSAGE\n2m          Warning   FailedCreate       replicaset/web-5d8f7c9b6         Error creating: pods "web-5d8f7c9b6-xk2pl" is forbidden: exceeded quota: compute-quota, requested: limits.memory=512Mi, used: limits.memory=1792Mi, limited: limits.memory=2Gi\n1m          Warning   BackOff            pod/web-5d8f7c9b6-abcde          Back-off restarting failed container web in pod web-5d8f7c9b6-abcde_team-a(0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0)\n',
    );
    assert.equal(b.pod.metadata?.name, 'web-5d8f7c9b6-abcde');
    assert.deepEqual((b.events ?? []).map((e) => e.reason), ['BackOff']);
  });
});
