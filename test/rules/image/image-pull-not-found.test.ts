import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import type { Bundle } from '../../../lib/bundle/types.ts';
import type { Pod } from '../../../lib/bundle/k8s.ts';

/** A pod whose one container waits in ErrImagePull with `message` (a standalone pod, no events). */
function errImagePull(image: string, message: string): Bundle {
  const pod = {
    metadata: { name: 'api-1', namespace: 'shop', uid: 'u1' },
    spec: { containers: [{ name: 'api', image, imagePullPolicy: 'IfNotPresent' }], nodeName: 'n1' },
    status: { phase: 'Pending', containerStatuses: [{ name: 'api', ready: false, restartCount: 0, image, imageID: '', state: { waiting: { reason: 'ErrImagePull', message } } }] },
  } as Pod;
  return { now: '2026-11-25T10:00:00Z', pod, logs: {}, related: {}, notes: [] };
}

const FAMILY = ['image-pull-not-found', 'image-pull-unauthorized', 'image-pull-unreachable', 'image-pull-rate-limited', 'image-pull-invalid-name', 'image-never-pull', 'image-pull-failed'];

describe('image-pull-not-found', () => {
  it('reads the pull error from a kubelet ≥1.32 ImagePullBackOff message (containerd NotFound)', () => {
    const d = diagnoseFixture('image-pull-not-found');
    const [f, ...rest] = d.findings;
    assert.equal(f?.rule, 'image-pull-not-found');
    assert.equal(rest.length, 0, 'one finding, no advice and no other family rule');
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'web');
    assert.equal(f.summary, 'Container web cannot start: image "nginx:1.99-does-not-exist" does not exist (no tag 1.99-does-not-exist in docker.io/library/nginx).');
    const evidence = evidenceText(f);
    assert.match(evidence, /\[status\] status\.containerStatuses\{web\}\.state\.waiting: ImagePullBackOff: Back-off pulling image "nginx:1\.99-does-not-exist": ErrImagePull: rpc error: code = NotFound/);
    assert.match(evidence, /\[event\] Warning Failed: Failed to pull image "nginx:1\.99-does-not-exist": the same error as the status \(x7\)/);
    assert.match(evidence, /\[event\] Normal BackOff: Back-off pulling image "nginx:1\.99-does-not-exist" \(x71\)/);
    assert.match(evidence, /\[spec\] spec\.containers\[0\]\.image: nginx:1\.99-does-not-exist \(the runtime reads it as docker\.io\/library\/nginx:1\.99-does-not-exist\)/);
    assert.match(evidence, /\[spec\] spec\.containers\[0\]\.imagePullPolicy: IfNotPresent/);
    assert.match(evidence, /\[spec\] spec\.imagePullSecrets: none/);
    assert.equal(f.fixes[0]?.command, 'crane ls docker.io/library/nginx');
    assert.equal(f.fixes[1]?.command, 'kubectl set image deployment/web web=docker.io/library/nginx:TAG -n shop');
  });

  it('recognises CRI-O\'s old "Error reading manifest … manifest unknown" in ErrImagePull', () => {
    const [f] = findingsOf('image-pull-not-found--crio-old-wording', 'image-pull-not-found');
    assert.ok(f);
    assert.equal(f.container, 'dnsutils');
    assert.match(f.summary, /no tag latest in docker\.io\/e2eteam\/dnsutils/);
    assert.match(f.explanation, /The spec gives no tag, so the runtime asked for "latest"/);
    assert.equal(f.fixes[1]?.command, 'kubectl set image pod/dnsutils dnsutils=docker.io/e2eteam/dnsutils:TAG -n e2e-dns-4410');
  });

  it('recognises CRI-O\'s new "reading manifest sha256:… manifest unknown" from the last Failed event (old back-off message)', () => {
    const [f] = findingsOf('image-pull-not-found--crio-new-wording', 'image-pull-not-found');
    assert.ok(f);
    assert.match(f.summary, /no digest sha256:6371f2a5\S+ in quay\.io\/okd\/scos-content/);
    const evidence = evidenceText(f);
    assert.match(evidence, /\[status\] [^\n]*waiting: ImagePullBackOff: Back-off pulling image "quay\.io\/okd\/scos-content@sha256:6371f2a5\w+"\n/);
    assert.match(evidence, /\[event\] Warning Failed: Failed to pull image "quay\.io[^"]+": rpc error: code = Unknown desc = initializing source docker:\/\/[^\n]*manifest unknown \(x34\)/);
    assert.match(f.fixes[0]!.command!, /^crane manifest quay\.io\/okd\/scos-content@sha256:6371f2a5/);
    assert.match(f.fixes[1]!.description, /The Job's template cannot be changed/);
  });

  it('fires for an init container; the main container waiting in PodInitializing gets no finding', () => {
    const d = diagnoseFixture('image-pull-not-found--init-container');
    assert.equal(d.pod.status, 'Init:ImagePullBackOff');
    assert.deepEqual(d.findings.map((f) => [f.rule, f.container]), [['image-pull-not-found', 'migrate']]);
    const f = d.findings[0]!;
    assert.match(f.summary, /^Init container migrate cannot start/);
    assert.match(evidenceText(f), /\[status\] status\.initContainerStatuses\{migrate\}\.state\.waiting: ImagePullBackOff/);
    assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[0\]\.image: ghcr\.io\/acme\/orders-migrations:v2\.4\.0/);
    assert.match(evidenceText(f), /\[spec\] spec\.imagePullSecrets: ghcr-pull/);
    assert.equal(f.fixes[1]?.command, 'kubectl set image deployment/orders migrate=ghcr.io/acme/orders-migrations:TAG -n shop');
  });

  it('Docker Hub\'s insufficient_scope for a bare name that is no official image: the repository does not exist (kind, image never loaded)', () => {
    const d = diagnoseFixture('image-pull-not-found--local-image-not-loaded');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-not-found'], ':latest advice is superseded by the pull failure');
    const f = d.findings[0]!;
    assert.equal(f.container, 'manager');
    assert.equal(f.summary, 'Container manager cannot start: image "controller:latest" does not exist (no repository library/controller on docker.io: controller is not an official image).');
    assert.match(f.explanation, /^Docker Hub answered "access denied" \(pull access denied \/ authentication required\), which is how it answers for a repository that does not exist as well as for a private one\./);
    assert.match(f.explanation, /library\/ namespace holds only Docker's official images/);
    assert.match(f.explanation, /Less likely: a private repository was meant; then its name needs your account, USER\/controller, and a pull secret/, 'unauthorized stays the alternative');
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{manager\}\.state\.waiting: ErrImagePull: [^\n]*pull access denied, repository does not exist or may require authorization: server message: insufficient_scope/);
    assert.equal(f.fixes[0]?.command, 'kubectl set image deployment/controller-manager manager=REGISTRY/NAMESPACE/controller:latest -n memcached-operator-system');
    assert.equal(f.fixes[1]?.command, 'kind load docker-image controller:latest');
    assert.equal(f.fixes[2]?.command, 'minikube image load controller:latest');
    assert.equal(f.fixes[3]?.command, 'kubectl create secret docker-registry regcred --docker-server=https://index.docker.io/v1/ --docker-username=USER --docker-password=PASSWORD -n memcached-operator-system');
  });

  it('CRI-O\'s "errors: denied … authentication required" for a bare name that is no official image', () => {
    const [f, ...rest] = diagnoseFixture('image-pull-not-found--bare-name-denied-crio').findings;
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'image-pull-not-found');
    assert.equal(f.container, 'renderer');
    assert.equal(f.summary, 'Container renderer cannot start: image "report-renderer" does not exist (no repository library/report-renderer on docker.io: report-renderer is not an official image).');
    assert.match(evidenceText(f), /\[status\] [^\n]*waiting: ErrImagePull: rpc error: code = Unknown desc = Error reading manifest latest in docker\.io\/library\/report-renderer: errors: denied: requested access to the resource is denied unauthorized: authentication required/);
  });

  it('an ImagePullBackOff whose error has expired: a bare name that is no official image cannot exist (said as an inference)', () => {
    const [f, ...rest] = diagnoseFixture('image-pull-not-found--bare-name-backoff-only').findings;
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'image-pull-not-found');
    assert.equal(f.container, 'worker');
    assert.match(f.summary, /image "orders-worker:1\.4\.2" does not exist \(no repository library\/orders-worker on docker\.io: orders-worker is not an official image\) \(inferred from the name alone; the pull error is no longer recorded\)\.$/);
    assert.match(f.explanation, /^The pull error itself is no longer recorded \(the status shows only ImagePullBackOff\), so this rests on the name alone/);
    assert.match(evidenceText(f), /\[event\] Normal BackOff: Back-off pulling image "orders-worker:1\.4\.2"/);
  });

  it('a manifest error that ends after the tag: "does not exist" marked as an inference, without claiming the message was longer', () => {
    const [f, ...rest] = diagnose(errImagePull('ghcr.io/acme/api:8.4.1', 'rpc error: code = Unknown desc = Error reading manifest 8.4.1')).findings;
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'image-pull-not-found');
    assert.equal(f.summary, 'Container api cannot start: image "ghcr.io/acme/api:8.4.1" does not exist (no tag 8.4.1 in ghcr.io/acme/api) (inferred: the registry\'s reason is missing from the message).');
    assert.doesNotMatch(f.explanation, /Read the whole Failed event/);
    assert.match(f.explanation, /or the runtime may have printed nothing more/);
  });

  it('quotes the image in the load commands it offers for a bare name', () => {
    const f = diagnose(errImagePull("my app:1", 'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/my app:1": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed')).findings[0];
    assert.ok(f);
    assert.ok(f.fixes.some((x) => x.command === "kind load docker-image 'my app:1'"), JSON.stringify(f.fixes.map((x) => x.command)));
  });

  it('does not guess for an official image whose pull error has expired', () => {
    const d = diagnoseFixture('image-pull-failed--official-name-backoff-only');
    assert.deepEqual(d.findings.map((f) => [f.rule, f.container]), [['image-pull-failed', 'redis']]);
    assert.match(d.findings[0]!.summary, /the pull error is no longer recorded/);
  });

  it('an official image with a missing tag is not found on the registry\'s word, not by the name rule', () => {
    const [f] = findingsOf('image-pull-not-found', 'image-pull-not-found');
    assert.match(f!.explanation, /^The registry docker\.io answered that docker\.io\/library\/nginx:1\.99-does-not-exist does not exist/);
  });

  it('does not fire on a platform mismatch that containerd reports as NotFound', () => {
    assert.deepEqual(findingsOf('image-pull-failed--no-matching-platform', 'image-pull-not-found'), []);
  });

  it('fires exactly one family rule per failing container in every image fixture', () => {
    for (const name of ['image-pull-not-found', 'image-pull-not-found--crio-old-wording', 'image-pull-not-found--crio-new-wording', 'image-pull-not-found--local-image-not-loaded', 'image-pull-not-found--bare-name-backoff-only', 'image-pull-unauthorized', 'image-pull-unreachable--crio-503', 'image-pull-failed']) {
      const hits = diagnoseFixture(name).findings.filter((f) => FAMILY.includes(f.rule));
      assert.equal(hits.length, 1, name);
    }
  });

  // review2 #6: the old kubelet's FailedSync lists the crashing sidecar first and the pull error of web after it.
  it('a FailedSync listing a sidecar crash and web\'s pull error: web\'s image does not exist, the sidecar crashes', () => {
    const d = diagnoseFixture('image-pull-not-found--failedsync-beside-crashing-sidecar');
    assert.deepEqual(d.findings.filter((f) => f.severity === 'critical').map((f) => [f.rule, f.container]), [
      ['image-pull-not-found', 'web'],
      ['container-exit-error', 'sidecar'],
    ]);
    assert.match(evidenceText(d.findings[0]!), /failed to "StartContainer" for "web" with ErrImagePull: "rpc error: code = 2 desc = manifest for registry\.example\.com\/web:9\.9 not found"/);
    assert.doesNotMatch(evidenceText(d.findings[0]!), /for "sidecar"/);
  });
});
