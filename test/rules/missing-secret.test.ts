import { strict as assert } from 'node:assert';
import { rule } from '../../lib/rules/missingSecret.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../support/fixtures.ts';
import { ev, secret, testBundle, testPod, waiting } from './configTestSupport.ts';

const ID = 'missing-secret';

describe(ID, () => {
  it('envFrom secretRef missing, no Secret list: the kubelet message is the evidence, existence not checked', () => {
    const [f, ...rest] = findingsOf('missing-secret', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'billing-api');
    assert.equal(f.summary, 'Container billing-api cannot start: Secret "billing-api-credentials" does not exist in namespace payments (envFrom).');
    const e = evidenceText(f);
    assert.match(e, /\[status\] status\.containerStatuses\{billing-api\}\.state\.waiting: CreateContainerConfigError: secret "billing-api-credentials" not found/);
    assert.match(e, /\[event\] Warning Failed: Error: secret "billing-api-credentials" not found \(x27\)/);
    assert.match(e, /\[spec\] spec\.containers\[0\]\.envFrom\[1\]\.secretRef: envFrom → Secret name: billing-api-credentials/);
    assert.doesNotMatch(e, /\[absent\]/, 'no Secret list: absence is not claimed from a list');
    assert.match(f.explanation, /podwhy was not given the Secrets of namespace payments, so it could not confirm the absence itself/);
    assert.equal(f.fixes[0]!.command, 'kubectl create secret generic billing-api-credentials -n payments --from-literal=key=value');
    assert.match(f.fixes[1]!.command ?? '', /"op":"add","path":"\/spec\/template\/spec\/containers\/0\/envFrom\/1\/secretRef\/optional","value":true/);
  });

  it('the running envoy sidecar is not blamed; the configMapRef (no ConfigMap list) is not reported', () => {
    const d = diagnoseFixture('missing-secret');
    assert.deepEqual(d.findings.map((f) => `${f.rule}/${f.container}`), ['missing-secret/billing-api']);
  });

  it('secret volume: FailedMount `secret "x" not found`, list confirms, close name offered', () => {
    const pod = testPod({ volumes: [{ name: 'tls', secret: { secretName: 'web-tsl' } }] });
    const [f] = rule.check(
      testBundle(pod, {
        events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "tls" : secret "web-tsl" not found', { count: 12 })],
        related: { secrets: [secret('web-tls', ['tls.crt', 'tls.key'])] },
      }),
    );
    assert.ok(f);
    assert.equal(f.container, undefined);
    assert.match(evidenceText(f), /\[absent\] Secret\/web-tsl: not found in namespace prod \(Secrets here: web-tls\)/);
    assert.equal(f.fixes[0]!.command, `kubectl patch deployment app -n prod -p '{"spec":{"template":{"spec":{"volumes":[{"name":"tls","secret":{"secretName":"web-tls"}}]}}}}'`);
  });

  it('init container secretKeyRef: the finding names the init container', () => {
    const pod = testPod({ containers: [{ name: 'app' }] });
    pod.spec!.initContainers = [{ name: 'migrate', env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }];
    pod.status!.initContainerStatuses = [waiting('migrate', 'CreateContainerConfigError', 'secret "db" not found')];
    pod.status!.containerStatuses = [waiting('app', 'PodInitializing')];
    const [f] = rule.check(testBundle(pod));
    assert.ok(f);
    assert.equal(f.container, 'migrate');
    assert.match(f.fixes.at(-1)!.command ?? '', /"initContainers":\[\{"name":"migrate","env":\[\{"name":"DB_PASSWORD"/);
  });

  it('does not fire for a missing Secret referenced optionally', () => {
    const pod = testPod({ containers: [{ name: 'app', envFrom: [{ secretRef: { name: 'extra', optional: true } }] }] });
    assert.deepEqual(rule.check(testBundle(pod, { related: { secrets: [] } })), []);
  });
});
