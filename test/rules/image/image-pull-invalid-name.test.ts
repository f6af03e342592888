import { strict as assert } from 'node:assert';
import { checkWith, diagnoseFixture, evidenceText } from '../../support/fixtures.ts';
import { rule } from '../../../lib/rules/image/imagePullInvalidName.ts';

describe('image-pull-invalid-name', () => {
  it('uppercase repository: quotes the parse error and gives the lowercase reference', () => {
    const d = diagnoseFixture('image-pull-invalid-name');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-invalid-name']);
    const f = d.findings[0]!;
    assert.equal(f.container, 'webapp');
    assert.equal(f.summary, 'Container webapp has an invalid image reference "Acme/Web-App:1.0.3": invalid reference format: repository name (Acme/Web-App) must be lowercase.');
    assert.match(f.explanation, /The corrected reference is "acme\/web-app:1\.0\.3"/);
    const evidence = evidenceText(f);
    assert.match(evidence, /\[status\] [^\n]*waiting: InvalidImageName: Failed to apply default image tag "Acme\/Web-App:1\.0\.3": couldn't parse image name/);
    assert.match(evidence, /\[event\] Warning InspectFailed: the same message as the status \(x92\)/);
    assert.match(evidence, /\[spec\] spec\.containers\[0\]\.image: Acme\/Web-App:1\.0\.3\n/);
    assert.equal(f.fixes[0]?.command, 'kubectl set image deployment/webapp webapp=acme/web-app:1.0.3 -n default');
  });

  it('only the status is known (a pasted get pods row): says the image is not shown, never quotes an empty reference', () => {
    const [f] = checkWith('image-pull-invalid-name', rule, (b) => {
      const c = b.pod.spec!.containers![0]!;
      c.image = '';
      delete c.imagePullPolicy;
      b.events = [];
      b.pod.status!.containerStatuses![0]!.state = { waiting: { reason: 'InvalidImageName' } };
      b.pod.status!.containerStatuses![0]!.image = '';
    });
    assert.ok(f);
    assert.doesNotMatch(f.summary, /""/);
    assert.match(f.summary, /the input does not show the image/);
    const evidence = evidenceText(f);
    assert.match(evidence, /\[absent\] spec\.containers\[0\]\.image: not shown in the input/);
    assert.doesNotMatch(evidence, /default for this tag/);
    assert.match(f.fixes[0]?.command ?? '', /^kubectl get pod \S+ -n default -o jsonpath='\{\.spec\.containers\[0\]\.image\}'$/);
  });
});
