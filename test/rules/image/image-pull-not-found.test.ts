import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

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

  it('does not fire on a platform mismatch that containerd reports as NotFound', () => {
    assert.deepEqual(findingsOf('image-pull-failed--no-matching-platform', 'image-pull-not-found'), []);
  });

  it('fires exactly one family rule per failing container in every image fixture', () => {
    for (const name of ['image-pull-not-found', 'image-pull-not-found--crio-old-wording', 'image-pull-not-found--crio-new-wording', 'image-pull-unauthorized', 'image-pull-unreachable--crio-503', 'image-pull-failed']) {
      const hits = diagnoseFixture(name).findings.filter((f) => FAMILY.includes(f.rule));
      assert.equal(hits.length, 1, name);
    }
  });
});
