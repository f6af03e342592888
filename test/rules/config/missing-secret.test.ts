import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/config/missingSecret.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
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

  it('TLS Secret mounted as a volume: create secret tls, not generic; a cert-manager private-key Secret is no stand-in', () => {
    const d = diagnoseFixture('missing-secret--tls-volume');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(f.rule, ID);
    assert.equal(rest.length, 0);
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'Pod storefront-7c9d5b6f48-zt8kq cannot start: Secret "shop-example-com-tls" does not exist in namespace shop (volume tls).');
    assert.match(evidenceText(f), /\[absent\] Secret\/shop-example-com-tls: not found in namespace shop \(Secrets here: shop-example-com-tls-xk2p9, storefront-db\)/);
    // shop-example-com-tls-xk2p9 holds only tls.key (cert-manager's temporary key): not suggested.
    assert.doesNotMatch(f.explanation, /probably the one that was meant/);
    assert.ok(!f.fixes.some((x) => /xk2p9/.test(x.command ?? '')));
    assert.equal(f.fixes[0]!.command, 'kubectl create secret tls shop-example-com-tls -n shop --cert=path/to/tls.crt --key=path/to/tls.key');
    assert.match(f.fixes[0]!.description, /cert-manager/);
    assert.ok(!f.fixes.some((x) => /create secret generic/.test(x.command ?? '')));
  });

  it('FailedMount names the volume only: the env var reading the same missing Secret is listed too (no Secret list)', () => {
    const d = diagnoseFixture('missing-secret--helm-env-and-volume');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(f.rule, ID);
    assert.equal(rest.length, 0, d.findings.map((x) => x.rule).join(','));
    assert.equal(f.container, undefined);
    assert.equal(
      f.summary,
      'Pod monitoring-grafana-6c8d7b9f5-q8wzt cannot start: Secret "monitoring-grafana" does not exist in namespace monitoring (env var GF_SECURITY_ADMIN_PASSWORD of container grafana and volume config).',
    );
    const e = evidenceText(f);
    // Without a Secret list the aggregate timeout proves nothing and is not cited.
    assert.doesNotMatch(e, /Unable to attach or mount volumes/);
    assert.match(e, /\[spec\] spec\.containers\[0\]\.env\[1\]\.valueFrom\.secretKeyRef: env GF_SECURITY_ADMIN_PASSWORD → Secret name: monitoring-grafana, key: admin-password/);
    assert.equal(f.fixes[0]!.command, 'kubectl create secret generic monitoring-grafana -n monitoring --from-literal=admin-password=value');
    assert.match(f.fixes[1]!.command ?? '', /^kubectl patch deployment monitoring-grafana -n monitoring -p '.*"secretName":"monitoring-grafana","optional":true.*"key":"admin-password","optional":true/);
  });

  it('a similar name without the needed key is not suggested (the chart\'s TLS Secret for its password Secret)', () => {
    const [f] = findingsOf('missing-secret--helm-with-secret-list', ID);
    assert.ok(f);
    assert.match(f.explanation, /Secrets in namespace monitoring: monitoring-grafana-tls\./);
    assert.doesNotMatch(f.explanation, /probably the one that was meant/);
    assert.ok(!f.fixes.some((x) => /monitoring-grafana-tls/.test(x.command ?? '')));
    const e = evidenceText(f);
    // The Helm release record is not listed as a candidate.
    assert.doesNotMatch(e, /sh\.helm\.release/);
    // The per-volume message (names the Secret) comes before the aggregate timeout (names only volumes).
    assert.ok(e.indexOf('secret "monitoring-grafana" not found (x400)') < e.indexOf('Unable to attach or mount volumes'), e);
  });

  it('a similar name that has the key is still suggested', () => {
    const pod = testPod({ containers: [{ name: 'app', env: [{ name: 'PW', valueFrom: { secretKeyRef: { name: 'db-creds', key: 'password' } } }] }], statuses: [waiting('app', 'CreateContainerConfigError', 'secret "db-creds" not found')] });
    const [f] = rule.check(testBundle(pod, { related: { secrets: [secret('db-creds-tls', ['tls.crt', 'tls.key']), secret('db-creds-v2', ['password'])] } }));
    assert.ok(f);
    assert.match(f.explanation, /"db-creds-v2" is close to "db-creds"/);
  });
});
