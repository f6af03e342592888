import { strict as assert } from 'node:assert';
import { assembleBundle, redactSecret } from '../../lib/bundle/assemble.ts';
import type { Secret } from '../../lib/bundle/k8s.ts';

// A Secret as `kubectl get secret -o json` prints it after `kubectl apply`: values in data, and a
// second copy of them in the last-applied annotation.
const APPLIED: Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  type: 'Opaque',
  metadata: {
    name: 'db-credentials',
    namespace: 'shop',
    annotations: {
      'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","data":{"password":"aHVudGVyMg=="},"kind":"Secret"}',
      team: 'payments',
    },
  },
  data: { username: 'c2hvcA==', password: 'aHVudGVyMg==' },
};

describe('Secret values never enter a bundle', () => {
  it('redactSecret keeps metadata, type and key names, with empty values', () => {
    const r = redactSecret(structuredClone(APPLIED));
    assert.deepEqual(r, {
      apiVersion: 'v1',
      kind: 'Secret',
      type: 'Opaque',
      metadata: { name: 'db-credentials', namespace: 'shop', annotations: { team: 'payments' } },
      data: { password: '', username: '' },
    });
  });

  it('stringData keys count as keys, their values are dropped', () => {
    const withStringData = { ...structuredClone(APPLIED), stringData: { 'api-token': 'tok_live_123' } } as Secret;
    const r = redactSecret(withStringData);
    assert.deepEqual(r.data, { 'api-token': '', password: '', username: '' });
    assert.doesNotMatch(JSON.stringify(r), /tok_live_123|aHVudGVyMg|c2hvcA/);
  });

  it('assembleBundle redacts the secrets of every source', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-0', namespace: 'shop', uid: 'u1' } };
    const bundle = assembleBundle({ now: '2026-11-25T10:00:00Z', pod, related: { secrets: [structuredClone(APPLIED)] }, notes: [] });
    assert.deepEqual(bundle.related.secrets?.[0]?.data, { password: '', username: '' });
    assert.doesNotMatch(JSON.stringify(bundle), /aHVudGVyMg|c2hvcA|last-applied/);
  });
});
