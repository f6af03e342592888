// The name shapes the paste reader matches (objectNames.ts), and the kubelet's `<name>_<namespace>(<uid>)`
// read once for every message that carries it. Messages are the kubelet's (shared/reference k8s-failure-signals.md).
import { strict as assert } from 'node:assert';
import { isDnsLabel, isObjectName, podNamedInMessage } from '../../lib/source/paste/objectNames.ts';
import { parseStatusWithReason } from '../../lib/source/paste/statusWithReason.ts';

describe('paste object names', () => {
  it('tells a subdomain (a pod or node name, dots allowed) from a label (a namespace or container)', () => {
    assert.equal(isObjectName('ip-10-0-1-23.eu-west-1.compute.internal'), true);
    assert.equal(isDnsLabel('ip-10-0-1-23.eu-west-1.compute.internal'), false);
    assert.equal(isDnsLabel('kube-system'), true);
    for (const bad of ['Web-1', 'web-', '-web', 'web_1', '']) {
      assert.equal(isObjectName(bad), false, bad);
      assert.equal(isDnsLabel(bad), false, bad);
    }
  });

  it('reads the pod a kubelet message names in each of its shapes', () => {
    const uid = '4c1e2d3f-5a6b-7c8d-9e0f-1a2b3c4d5e6f';
    assert.deepEqual(podNamedInMessage(`Back-off 5m0s restarting failed container=worker pod=worker-7d9f8c6b5-x2k4q_jobs(${uid})`), {
      name: 'worker-7d9f8c6b5-x2k4q',
      namespace: 'jobs',
    });
    assert.deepEqual(podNamedInMessage(`Error syncing pod, skipping: failed to "StartContainer" for "web" with CrashLoopBackOff: "back-off 10s restarting failed container=web pod=web.v2-0_shop(${uid})"`), {
      name: 'web.v2-0',
      namespace: 'shop',
    });
    assert.deepEqual(podNamedInMessage('failed to "SetupNetwork" for "api-0_prod" with SetupNetworkError: "failed to set up pod network"'), { name: 'api-0', namespace: 'prod' });
    assert.equal(podNamedInMessage('Back-off restarting failed container web in pod web-1_shop'), undefined);
  });

  it('takes the container and the pod of a back-off STATUS from its message, the pod parsed like any kubelet message', () => {
    const read = parseStatusWithReason('CrashLoopBackOff: back-off 5m0s restarting failed container=log-shipper pod=web-1_shop(1f2e3d4c-aaaa-bbbb-cccc-1234567890ab)');
    assert.equal(read?.container, 'log-shipper');
    assert.deepEqual(read?.pod, { name: 'web-1', namespace: 'shop' });
    // Kubernetes names are lower-case: an upper-case `pod=` is nobody's.
    assert.equal(parseStatusWithReason('CrashLoopBackOff: back-off 5m0s restarting failed container=WEB pod=Web-1_SHOP(abc)')?.pod, undefined);
  });
});
