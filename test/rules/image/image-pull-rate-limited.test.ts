import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText } from '../../support/fixtures.ts';

describe('image-pull-rate-limited', () => {
  it('Docker Hub 429 toomanyrequests on an untagged image', () => {
    const d = diagnoseFixture('image-pull-rate-limited');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-rate-limited']);
    const f = d.findings[0]!;
    assert.equal(f.container, 'uploader');
    assert.equal(f.summary, 'Container uploader cannot pull "busybox": Docker Hub\'s pull rate limit was reached (429 Too Many Requests).');
    assert.match(f.explanation, /Its pull policy is Always, so every restart of this container spends another pull/);
    assert.match(evidenceText(f), /\[status\] [^\n]*ErrImagePull: [^\n]*429 Too Many Requests - Server message: toomanyrequests/);
    assert.match(evidenceText(f), /imagePullPolicy: Always\n/);
    assert.equal(f.fixes[0]?.command, 'kubectl create secret docker-registry regcred --docker-server=https://index.docker.io/v1/ --docker-username=USER --docker-password=ACCESS_TOKEN -n ci');
    assert.equal(f.fixes[1]?.command, `kubectl patch serviceaccount default -n ci -p '{"imagePullSecrets":[{"name":"regcred"}]}'`);
    assert.equal(f.fixes[2]?.command, 'kubectl set image deployment/uploader uploader=mirror.gcr.io/library/busybox:latest -n ci');
    assert.match(f.fixes[3]!.command!, /"path":"\/spec\/template\/spec\/containers\/0\/imagePullPolicy","value":"IfNotPresent"/);
  });
});
