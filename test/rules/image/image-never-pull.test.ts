import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText } from '../../support/fixtures.ts';

describe('image-never-pull', () => {
  it('ErrImageNeverPull on kind: load the image, or change the pull policy', () => {
    const d = diagnoseFixture('image-never-pull');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-never-pull']);
    const f = d.findings[0]!;
    assert.equal(f.container, 'myapp');
    assert.equal(f.summary, 'Container myapp uses imagePullPolicy Never, but image "myapp:dev" is not present on node kind-worker.');
    const evidence = evidenceText(f);
    assert.match(evidence, /\[status\] [^\n]*waiting: ErrImageNeverPull: Container image "myapp:dev" is not present with pull policy of Never/);
    assert.match(evidence, /\[event\] Warning ErrImageNeverPull: the same message as the status \(x91\)/);
    assert.match(evidence, /imagePullPolicy: Never\n/);
    assert.equal(f.fixes[0]?.command, 'kind load docker-image myapp:dev');
    assert.equal(f.fixes[1]?.command, 'minikube image load myapp:dev');
    assert.equal(f.fixes[3]?.command, `kubectl patch deployment myapp -n default --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/imagePullPolicy","value":"IfNotPresent"}]'`);
  });

  it('KubeletEnsureSecretPulledImages: the image is present but this pod lacks the credentials it was pulled with', () => {
    const d = diagnoseFixture('image-never-pull--present-without-auth');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-never-pull']);
    const f = d.findings[0]!;
    assert.equal(f.summary, 'Container worker may not use image "quay.io/acme/batch-worker:2.0.1": it is on node worker-2, but was pulled with registry credentials this pod does not have (imagePullPolicy Never).');
    assert.doesNotMatch(f.summary + f.explanation, /is not present|kind load/);
    assert.match(evidenceText(f), /\[status\] [^\n]*ErrImageNeverPull: Container image "quay\.io\/acme\/batch-worker:2\.0\.1" is present with pull policy of Never but does not have the proper auth/);
    assert.match(f.fixes[0]!.description, /entry for quay\.io/);
    assert.equal(f.fixes[1]?.command, `kubectl patch deployment batch-worker -n jobs --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/imagePullPolicy","value":"IfNotPresent"}]'`);
  });
});
