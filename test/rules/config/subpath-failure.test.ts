import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/config/volumeMountFailed.ts';
import { parseSubPathFailure } from '../../../lib/rules/config/subPathFailure.ts';
import { diagnoseFixture, evidenceText } from '../../support/fixtures.ts';
import { ev, running, testBundle, testPod, waiting } from './configTestSupport.ts';

const ID = 'volume-mount-failed';
// kubelet_pods.go makeMounts, verbatim (the host-side reason goes to the kubelet's log only).
const CREATE = 'failed to create subPath directory for volumeMount "media" of container "app"';
const PREPARE = 'failed to prepare subPath for volumeMount "config" of container "app"';

describe(`${ID}: a subPath the kubelet cannot prepare (CreateContainerConfigError)`, () => {
  it('names the container, the subPath and its NFS volume beside a running Istio sidecar', () => {
    const d = diagnoseFixture('volume-mount-failed--subpath-create-beside-sidecar');
    const [f] = d.findings;
    assert.ok(f);
    assert.equal(f.rule, ID);
    assert.equal(f.container, 'indexer', 'the app container, not istio-proxy');
    assert.equal(f.summary, 'Container indexer cannot start: the kubelet could not create the subPath directory "indexer/cache" in volume media (NFS nas.lan:/export/media).');
    assert.match(f.explanation, /root_squash/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.volumeMounts: media at \/var\/cache\/indexer, subPath indexer\/cache/);
    assert.equal(f.fixes[0]!.command, `kubectl get pod indexer-7d9f8b6c5-r4kzp -n media -o jsonpath='{.spec.containers[?(@.name=="indexer")].volumeMounts}{"\\n"}{.spec.volumes}'`);
    assert.equal(f.fixes[1]!.command, 'kubectl debug node/worker-2 -it --image=busybox:1.36 -- chroot /host journalctl -u kubelet --since -30min --grep subPath');
  });

  it('reads both kubelet wordings, and an old kubelet that put the message in the reason', () => {
    assert.deepEqual(parseSubPathFailure(CREATE), { step: 'create', volumeMount: 'media', container: 'app' });
    assert.deepEqual(parseSubPathFailure(`Error: ${PREPARE}`), { step: 'prepare', volumeMount: 'config', container: 'app' });
    const pod = testPod({ statuses: [waiting('app', PREPARE)] });
    const [f] = rule.check(testBundle(pod, { events: [] }));
    assert.equal(f?.container, 'app');
    assert.match(f!.summary, /could not prepare the subPath in volume config/);
  });

  it('events only: the Failed event of the container the message names', () => {
    const pod = testPod({ containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10' }], statuses: [waiting('app', 'ContainerCreating'), running('linkerd-proxy')] });
    const [f, ...rest] = rule.check(testBundle(pod, { events: [ev('Failed', `Error: ${CREATE}`)] }));
    assert.equal(rest.length, 0);
    assert.equal(f?.container, 'app');
    assert.match(f!.explanation, /could not create it/);
  });

  it('an init container is named as one', () => {
    const pod = testPod({ containers: [{ name: 'web', image: 'nginx:1.27' }], statuses: [waiting('web', 'PodInitializing')] });
    pod.spec!.initContainers = [{ name: 'app', image: 'busybox:1.36' }];
    pod.status!.initContainerStatuses = [waiting('app', 'CreateContainerConfigError', CREATE)];
    const [f] = rule.check(testBundle(pod, { events: [] }));
    assert.match(f!.summary, /^Init container app cannot start/);
  });

  it('look-alikes: an old failure of a container running now, a subPath mount error from the runtime, a missing ConfigMap', () => {
    const recovered = testPod({ statuses: [running('app')], phase: 'Running' });
    assert.deepEqual(rule.check(testBundle(recovered, { events: [ev('Failed', `Error: ${PREPARE}`)] })), []);
    // runc refusing to mount a directory onto a file is the container start failing (container-exit-error), not this.
    const runc = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error mounting "/var/lib/kubelet/pods/5b1d/volume-subpaths/nginx-conf/app/0" to rootfs at "/etc/nginx/nginx.conf": not a directory: unknown';
    const startFailed = testPod({ statuses: [waiting('app', 'RunContainerError', runc)] });
    assert.deepEqual(rule.check(testBundle(startFailed, { events: [ev('Failed', `Error: ${runc}`)] })), []);
    const configMissing = testPod({ statuses: [waiting('app', 'CreateContainerConfigError', 'configmap "app-config" not found')] });
    assert.deepEqual(rule.check(testBundle(configMissing, { events: [] })), []);
  });

  // review2 #4: a start of that container after the subPath failure shows the kubelet got past it.
  it('subPath failure 10m ago, web Created and Started 3m ago (get events, no status): nothing left to report', () => {
    assert.deepEqual(diagnoseFixture('volume-mount-failed--not-subpath-started-after-failure').findings, []);
  });

  it('look-alike: the same failure 15s ago, after web started 3m ago: web cannot start', () => {
    const [f] = diagnoseFixture('volume-mount-failed--subpath-failed-after-start').findings;
    assert.equal(f?.rule, ID);
    assert.equal(f?.container, 'web');
  });
});
