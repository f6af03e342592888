import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../support/fixtures.ts';

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
});
