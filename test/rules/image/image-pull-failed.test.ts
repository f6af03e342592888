import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

describe('image-pull-failed', () => {
  it('old back-off message and no events left: cause unknown, says how to see it', () => {
    const d = diagnoseFixture('image-pull-failed');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-failed']);
    const f = d.findings[0]!;
    assert.equal(f.summary, 'Container worker cannot pull "registry.example.com/team/worker:3.1.0" (ImagePullBackOff); the pull error is no longer recorded.');
    assert.match(f.explanation, /the Failed event has expired/);
    assert.match(f.explanation, /The cause is unknown/);
    assert.match(evidenceText(f), /\[status\] [^\n]*waiting: ImagePullBackOff: Back-off pulling image "registry\.example\.com\/team\/worker:3\.1\.0"/);
    assert.equal(f.fixes[0]?.command, 'kubectl describe pod worker-6f9c8d7b5e-lm4x8 -n jobs');
    assert.equal(f.fixes[1]?.command, 'kubectl debug node/worker-4 -it --image=busybox:1.36 -- chroot /host crictl pull registry.example.com/team/worker:3.1.0');
  });

  it('a platform mismatch keeps the raw reason and explains it', () => {
    const [f] = findingsOf('image-pull-failed--no-matching-platform', 'image-pull-failed');
    assert.ok(f);
    assert.equal(f.summary, 'Container exporter cannot pull "docker.io/acme/legacy-exporter:0.9.1": the image has no variant for the CPU architecture/OS of node arm-node-1.');
    assert.match(f.explanation, /no match for platform in manifest: not found/);
    assert.match(f.fixes[0]!.description, /multi-arch image/);
  });

  it('does not fire while an image is still being pulled normally', () => {
    const d = diagnoseFixture('image-pull-failed--not-still-pulling');
    assert.equal(d.pod.status, 'ContainerCreating');
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
    assert.equal(d.healthy, true);
  });

  it('a layer that cannot be extracted on the node is not a missing tag ("content digest …: not found")', () => {
    const d = diagnoseFixture('image-pull-failed--extract-layer');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-failed'], 'image-pull-not-found must not fire');
    const f = d.findings[0]!;
    assert.equal(f.container, 'postgres');
    assert.equal(f.summary, 'Container postgres cannot pull "postgres:16.4": node worker-2 downloaded it but could not unpack it.');
    assert.match(f.explanation, /failed to extract layer sha256:4a2f[0-9a-f]+: failed to get reader from content store/);
    assert.match(f.fixes[0]!.description, /Remove the partial image on the node \(crictl rmi\)/);
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{postgres\}\.state\.waiting: ImagePullBackOff: Back-off pulling image "postgres:16\.4": ErrImagePull: /);
  });

  it('CRI-O short-name resolution: names the fully qualified image and sets it on the Deployment', () => {
    const d = diagnoseFixture('image-pull-failed--crio-short-name');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-failed'], 'neither unreachable (DNS) nor the :latest advice');
    const f = d.findings[0]!;
    assert.equal(f.summary, 'Container nginx cannot pull "nginx": the name has no registry host and the runtime refuses to guess one (short-name resolution).');
    assert.match(f.explanation, /unqualified-search-registries in \/etc\/containers\/registries\.conf/);
    assert.match(f.explanation, /docker\.io\/library\/nginx:latest rather than nginx\)/);
    assert.equal(f.fixes[0]?.command, 'kubectl set image deployment/frontend nginx=docker.io/library/nginx:latest -n web');
  });
});
