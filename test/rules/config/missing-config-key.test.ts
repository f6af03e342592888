import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/config/missingConfigKey.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { configMap, ev, secret, testBundle, testPod, waiting } from './configTestSupport.ts';

const ID = 'missing-config-key';

describe(ID, () => {
  it('secretKeyRef to a key the Secret does not have: lists its keys, suggests the close one', () => {
    const [f, ...rest] = findingsOf('missing-config-key', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'music-api');
    assert.equal(f.summary, 'Container music-api cannot start: Secret "music-db-postgresql" has no key "postgresql-password" (env var DB_PASSWORD).');
    const e = evidenceText(f);
    assert.match(e, /CreateContainerConfigError: couldn't find key postgresql-password in Secret default\/music-db-postgresql/);
    assert.match(e, /\[absent\] Secret\/music-db-postgresql: has no key postgresql-password \(its keys: password, postgres-password\)/);
    assert.match(f.explanation, /"postgres-password" is close to "postgresql-password"/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment music-api -n default -p '{"spec":{"template":{"spec":{"containers":[{"name":"music-api","env":[{"name":"DB_PASSWORD","valueFrom":{"secretKeyRef":{"name":"music-db-postgresql","key":"postgres-password"}}}]}]}}}}'`,
    );
    assert.equal(f.fixes[1]!.command, `kubectl patch secret music-db-postgresql -n default --type merge -p '{"stringData":{"postgresql-password":"value"}}'`);
  });

  it('no other rule claims the pod', () => {
    assert.deepEqual(diagnoseFixture('missing-config-key').findings.map((f) => f.rule), [ID]);
  });

  it('ConfigMap volume items naming a key that is not there (FailedMount `configmap references non-existent config key`)', () => {
    const d = diagnoseFixture('missing-config-key--volume-items');
    const [f, ...rest] = d.findings;
    assert.ok(f);
    assert.equal(rest.length, 0, 'volume-mount-failed does not repeat it');
    assert.equal(f.rule, ID);
    assert.equal(f.container, undefined);
    assert.equal(f.summary, 'Pod nginx-proxy-84c6f9d7b5-2xv9r cannot start: ConfigMap "nginx-proxy-conf" has no key "nginx.conf" (volume nginx-conf).');
    const e = evidenceText(f);
    assert.match(e, /\[event\] Warning FailedMount: MountVolume\.SetUp failed for volume "nginx-conf" : configmap references non-existent config key: nginx\.conf \(x17\)/);
    assert.match(e, /\[spec\] spec\.volumes\[0\]\.configMap: volume nginx-conf → ConfigMap name: nginx-proxy-conf, items: nginx\.conf/);
    assert.match(e, /\[absent\] ConfigMap\/nginx-proxy-conf: has no key nginx\.conf \(its keys: default\.conf, proxy_params\)/);
    assert.equal(f.fixes[0]!.command, `kubectl patch configmap nginx-proxy-conf -n web --type merge -p '{"data":{"nginx.conf":"value"}}'`);
  });

  it('secret volume key message names no Secret: it is found through the volume', () => {
    const pod = testPod({ volumes: [{ name: 'creds', secret: { secretName: 'mariadb', items: [{ key: 'mariadb-metrics-password', path: 'metrics' }] } }] });
    const [f] = rule.check(testBundle(pod, { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "creds" : references non-existent secret key: mariadb-metrics-password')] }));
    assert.ok(f);
    assert.match(f.summary, /Secret "mariadb" has no key "mariadb-metrics-password" \(volume creds\)/);
    assert.match(f.explanation, /could not list the keys mariadb does have/);
  });

  it('volume items key with a close key present: JSON patch replaces the item key, guarded by tests', () => {
    const pod = testPod({ volumes: [{ name: 'cfg', configMap: { name: 'app', items: [{ key: 'config.yamll', path: 'config.yaml' }] } }] });
    const [f] = rule.check(testBundle(pod, { related: { configMaps: [configMap('app', { 'config.yaml': 'a: 1' })] } }));
    assert.ok(f);
    assert.match(f.fixes[0]!.description, /If key "config\.yaml" is the one meant/);
    assert.match(f.fixes[0]!.command ?? '', /\{"op":"test","path":"\/spec\/template\/spec\/volumes\/0\/configMap\/items\/0\/key","value":"config\.yamll"\},\{"op":"replace","path":"\/spec\/template\/spec\/volumes\/0\/configMap\/items\/0\/key","value":"config\.yaml"\}/);
  });

  it('a missing object is reported as missing-configmap, never as a missing key', () => {
    const pod = testPod({ containers: [{ name: 'app', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'A' } } }] }], statuses: [waiting('app', 'CreateContainerConfigError', "couldn't find key A in ConfigMap prod/cfg")] });
    assert.deepEqual(rule.check(testBundle(pod, { related: { configMaps: [] } })), []);
  });

  it('the key exists now (stale message): no finding', () => {
    const pod = testPod({ containers: [{ name: 'app', env: [{ name: 'P', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } }] }], statuses: [waiting('app', 'CreateContainerConfigError', "couldn't find key password in Secret prod/db")] });
    assert.deepEqual(rule.check(testBundle(pod, { related: { secrets: [secret('db', ['password'])] } })), []);
  });

  // The 1.5–1.7 kubelet wrote `with: references non-existent config key` (kubernetes#41573), naming neither the key nor the ConfigMap.
  it('the old wording without the key, with the ConfigMap list: the key named from the volume items the ConfigMap lacks', () => {
    const d = diagnoseFixture('missing-config-key--old-wording-volume-items');
    assert.deepEqual(d.findings.map((f) => f.rule), [ID]);
    const f = d.findings[0]!;
    assert.equal(f.summary, 'Pod nginx-proxy-84c6f9d7b5-2xv9r cannot start: ConfigMap "nginx-proxy-conf" has no key "nginx.conf" (volume nginx-conf).');
    assert.match(evidenceText(f), /with: references non-existent config key \(x17\)/);
    assert.match(evidenceText(f), /\[absent\] ConfigMap\/nginx-proxy-conf: has no key nginx\.conf \(its keys: default\.conf, proxy_params\)/);
  });

  it('the old wording without the key and no ConfigMap list: a key of the volume items is missing, which one is not claimed', () => {
    const d = diagnoseFixture('missing-config-key--old-wording-no-lists');
    assert.deepEqual(d.findings.map((f) => f.rule), [ID]);
    const f = d.findings[0]!;
    assert.equal(f.summary, 'Pod nginx-proxy-84c6f9d7b5-2xv9r cannot start: ConfigMap "nginx-proxy-conf" lacks a key the volume\'s items ask for (volume nginx-conf).');
    assert.match(f.explanation, /this kubelet's message does not name it/);
    assert.doesNotMatch(f.summary + f.explanation, /"nginx\.conf"|"proxy_params"/);
    assert.equal(f.fixes[0]!.command, 'kubectl describe configmap nginx-proxy-conf -n web');
  });

  it('the old wording pasted alone: the ConfigMap the volume mounts lacks a key, named by neither', () => {
    const bundle = testBundle(testPod({ containers: [{ name: 'app', image: 'nginx:1.13' }], statuses: [waiting('app', 'ContainerCreating')] }), {
      events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "kubernetes.io/secret/b690cfd1-certs" (spec.Name: "certs") pod "b690cfd1" (UID: "b690cfd1") with: references non-existent secret key', { count: 4 })],
    });
    const [f, ...rest] = rule.check(bundle);
    assert.equal(rest.length, 0);
    assert.match(f!.summary, /the Secret that volume "certs" mounts lacks a key the volume's items ask for\.$/);
  });
});
