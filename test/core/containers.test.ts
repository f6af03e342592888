import { strict as assert } from 'node:assert';
import { containerLabel, effectivePullPolicy, imageTag, podContainers, restartPolicyOf } from '../../lib/bundle/containers.ts';
import type { Pod } from '../../lib/bundle/k8s.ts';
import { editDistance } from '../../lib/bundle/editDistance.ts';

describe('container helpers', () => {
  const pod = {
    spec: {
      initContainers: [{ name: 'migrate' }, { name: 'log-shipper', restartPolicy: 'Always' }],
      containers: [{ name: 'web' }],
      ephemeralContainers: [{ name: 'debugger' }],
    },
    status: { containerStatuses: [{ name: 'web', restartCount: 2 }] },
  };

  it('lists containers in execution order with their status and kind', () => {
    const all = podContainers(pod);
    assert.deepEqual(all.map((c) => [c.name, c.kind, c.order, c.sidecar]), [
      ['migrate', 'init', 0, false],
      ['log-shipper', 'init', 1, true],
      ['web', 'regular', 2, false],
      ['debugger', 'ephemeral', 3, false],
    ]);
    assert.equal(all[2]?.status?.restartCount, 2);
  });

  it('labels a native sidecar as a sidecar, not an init container', () => {
    assert.deepEqual(podContainers(pod).map(containerLabel), ['init container migrate', 'sidecar container log-shipper', 'container web', 'ephemeral container debugger']);
  });

  for (const [image, tag] of [
    ['nginx', 'latest'], ['nginx:1.27', '1.27'], ['registry:5000/team/app', 'latest'], ['registry:5000/team/app:v2', 'v2'], ['app@sha256:abc', undefined],
  ] as const) {
    it(`tag of ${image} is ${tag ?? 'none (digest)'}`, () => assert.equal(imageTag(image), tag));
  }

  it('applies the kubelet default pull policy', () => {
    assert.equal(effectivePullPolicy({ name: 'a', image: 'nginx' }), 'Always');
    assert.equal(effectivePullPolicy({ name: 'a', image: 'nginx:1.27' }), 'IfNotPresent');
    assert.equal(effectivePullPolicy({ name: 'a', image: 'nginx', imagePullPolicy: 'Never' }), 'Never');
  });

  it('measures edit distance', () => {
    assert.equal(editDistance('myservice', 'my-service'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
  });
});

describe('restartPolicyOf when the input does not show the policy', () => {
  const pod = (metadata: Pod['metadata'], status: Pod['status'], restartPolicy?: string): Pod => ({ metadata, spec: { containers: [{ name: 'c' }], ...(restartPolicy ? { restartPolicy } : {}) }, status });
  const policy = (p: Pod) => restartPolicyOf(p, podContainers(p)[0]!);
  it('a Job owns it, or it Succeeded: OnFailure or Never; else the default Always; a shown policy wins', () => {
    assert.equal(policy(pod({ ownerReferences: [{ kind: 'Job', name: 'j', controller: true }] }, { phase: 'Running' })), 'OnFailure or Never');
    assert.equal(policy(pod({}, { phase: 'Succeeded' })), 'OnFailure or Never');
    assert.equal(policy(pod({ ownerReferences: [{ kind: 'ReplicaSet', name: 'r', controller: true }] }, { phase: 'Running' })), 'Always');
    assert.equal(policy(pod({}, { phase: 'Succeeded' }, 'Never')), 'Never');
  });
});
