import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/config/missingConfigMap.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { configMap, ev, running, testBundle, testPod, waiting } from './configTestSupport.ts';

const ID = 'missing-configmap';

describe(ID, () => {
  it('env configMapKeyRef to a ConfigMap that does not exist, a close name present: absent evidence, typo fix first', () => {
    const [f, ...rest] = findingsOf('missing-configmap', ID);
    assert.ok(f);
    assert.equal(rest.length, 0, 'both env vars name the same ConfigMap: one finding');
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'storefront');
    assert.equal(f.summary, 'Container storefront cannot start: ConfigMap "storefront-confg" does not exist in namespace shop (env vars LOG_LEVEL and CHECKOUT_URL).');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.containerStatuses\{storefront\}\.state\.waiting: CreateContainerConfigError: configmap "storefront-confg" not found/);
    assert.match(ev, /\[event\] Warning Failed: Error: configmap "storefront-confg" not found \(x11\)/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.env\[1\]\.valueFrom\.configMapKeyRef: env LOG_LEVEL → ConfigMap name: storefront-confg, key: LOG_LEVEL, optional unset/);
    assert.match(ev, /\[absent\] ConfigMap\/storefront-confg: not found in namespace shop \(ConfigMaps here: kube-root-ca\.crt, storefront-config, storefront-nginx\)/);
    assert.match(f.explanation, /"storefront-config" is close to "storefront-confg"/);
    assert.match(f.explanation, /LOG_LEVEL and CHECKOUT_URL are left unset/);
    assert.match(f.fixes[0]!.description, /If "storefront-config" is the one meant/);
    assert.equal(
      f.fixes[0]!.command,
      `kubectl patch deployment storefront -n shop -p '{"spec":{"template":{"spec":{"containers":[{"name":"storefront","env":[{"name":"LOG_LEVEL","valueFrom":{"configMapKeyRef":{"name":"storefront-config","key":"LOG_LEVEL"}}},{"name":"CHECKOUT_URL","valueFrom":{"configMapKeyRef":{"name":"storefront-config","key":"CHECKOUT_URL"}}}]}]}}}}'`,
    );
    assert.equal(f.fixes[1]!.command, 'kubectl create configmap storefront-confg -n shop --from-literal=LOG_LEVEL=value --from-literal=CHECKOUT_URL=value');
    assert.match(f.fixes[2]!.command ?? '', /"optional":true/);
  });

  it('ConfigMaps named like Object members (constructor, __proto__) are just names (fuzz seed 20261203 case 46597)', () => {
    const [f] = checkWith('missing-configmap', rule, (b) => {
      const here = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'shop' } });
      b.related.configMaps!.push(here('constructor'), here('__proto__'), { ...here('toString'), data: { LOG_LEVEL: 'info' } });
    });
    assert.ok(f);
    assert.equal(f.summary, 'Container storefront cannot start: ConfigMap "storefront-confg" does not exist in namespace shop (env vars LOG_LEVEL and CHECKOUT_URL).');
    assert.match(f.explanation, /"storefront-config" is close to "storefront-confg"/);
  });

  it('is the primary cause', () => {
    assert.equal(diagnoseFixture('missing-configmap').findings[0]?.rule, ID);
  });

  it('E3: ConfigMap volumes, FailedMount x1856 and the combined timeout mapped back to spec.volumes', () => {
    const d = diagnoseFixture('missing-configmap--volume');
    const found = d.findings.filter((f) => f.rule === ID);
    assert.deepEqual(found.map((f) => f.summary).sort(), [
      'Pod kafka-broker-0 cannot start: ConfigMap "kafka-service-common" does not exist in namespace default (volume service-common).',
      'Pod kafka-broker-0 cannot start: ConfigMap "kafka-service-render" does not exist in namespace default (volume service-render).',
    ]);
    for (const f of found) assert.equal(f.container, undefined, 'a volume stops the whole pod');
    const render = found.find((f) => f.summary.includes('kafka-service-render'))!;
    const ev = evidenceText(render);
    assert.match(ev, /\[event\] Warning FailedMount: MountVolume\.SetUp failed for volume "service-render" : configmap "kafka-service-render" not found \(x1856\)/);
    assert.match(ev, /unmounted volumes=\[service-common service-render\].*\(x2410\)/);
    assert.match(ev, /\[spec\] spec\.volumes\[8\]\.configMap: volume service-render → ConfigMap name: kafka-service-render/);
    assert.match(ev, /\[absent\] ConfigMap\/kafka-service-render: not found in namespace default/);
    assert.doesNotMatch(render.explanation, /is close to/, 'zookeeper-service-render is not a typo of kafka-service-render');
    assert.match(render.explanation, /mount fails \(FailedMount\) and the whole pod stays in ContainerCreating/);
    assert.equal(
      render.fixes.at(-1)!.command,
      `kubectl patch statefulset kafka-broker -n default -p '{"spec":{"template":{"spec":{"volumes":[{"name":"service-render","configMap":{"name":"kafka-service-render","optional":true}}]}}}}'`,
    );
    // the aggregate is explained by the missing ConfigMaps: no generic volume finding
    assert.equal(d.findings.filter((f) => f.rule === 'volume-mount-failed').length, 0);
  });

  it('does not fire for optional references to absent ConfigMaps (pod Running)', () => {
    const d = diagnoseFixture('missing-configmap--not-optional');
    assert.deepEqual(d.findings.filter((f) => f.rule.startsWith('missing-')), []);
    assert.equal(d.healthy, true);
  });

  it('does not fire on an old FailedMount once the ConfigMap exists and the pod runs', () => {
    const d = diagnoseFixture('missing-configmap--not-stale-mount-event');
    assert.deepEqual(d.findings, []);
    assert.equal(d.healthy, true);
  });

  it('optional reference to an absent ConfigMap in a stuck pod: no finding', () => {
    const pod = testPod({
      containers: [{ name: 'app', envFrom: [{ configMapRef: { name: 'flags', optional: true } }] }],
      volumes: [{ name: 'extra', configMap: { name: 'extra', optional: true } }],
    });
    assert.deepEqual(rule.check(testBundle(pod, { related: { configMaps: [configMap('kube-root-ca.crt')] } })), []);
  });

  it('a partial ConfigMap list without kube-root-ca.crt does not make the kube-api-access volume "missing"', () => {
    const pod = testPod({
      volumes: [{ name: 'kube-api-access-x1', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }] } }],
    });
    assert.deepEqual(rule.check(testBundle(pod, { related: { configMaps: [configMap('app-config')] } })), []);
  });

  it('kube-root-ca.crt named missing by the kubelet is still reported', () => {
    const pod = testPod({
      volumes: [{ name: 'kube-api-access-x1', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }] } }],
    });
    const events = [ev('FailedMount', 'MountVolume.SetUp failed for volume "kube-api-access-x1" : configmap "kube-root-ca.crt" not found', { type: 'Warning' })];
    const [f] = rule.check(testBundle(pod, { events }));
    assert.equal(f?.rule, 'missing-configmap');
    assert.match(f?.summary ?? '', /kube-root-ca\.crt/);
  });

  it('stale message: the waiting message says not found but the list shows the ConfigMap: no finding', () => {
    const pod = testPod({
      containers: [{ name: 'app', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'A' } } }] }],
      statuses: [waiting('app', 'CreateContainerConfigError', 'configmap "cfg" not found')],
    });
    assert.deepEqual(rule.check(testBundle(pod, { related: { configMaps: [configMap('cfg', { A: '1' })] } })), []);
  });

  it('from the spec alone: stuck in ContainerCreating, no events, the volume ConfigMap absent from the list', () => {
    const pod = testPod({ volumes: [{ name: 'conf', configMap: { name: 'app-conf' } }] });
    const [f] = rule.check(testBundle(pod, { related: { configMaps: [configMap('app-config', { 'a.yaml': '' })] } }));
    assert.ok(f);
    assert.equal(f.container, undefined);
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{app\}\.state\.waiting: ContainerCreating/);
    assert.match(evidenceText(f), /\[absent\] ConfigMap\/app-conf/);
    assert.match(f.fixes[0]!.command ?? '', /"configMap":\{"name":"app-config"\}/);
  });

  it('projected volume source: named by its path, JSON patch guarded by test operations', () => {
    const pod = testPod({ volumes: [{ name: 'bundle', projected: { sources: [{ configMap: { name: 'ca-bundle' } }] } }] });
    const [f] = rule.check(testBundle(pod, { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "bundle" : configmap "ca-bundle" not found')] }));
    assert.ok(f);
    assert.match(evidenceText(f), /\[spec\] spec\.volumes\[0\]\.projected\.sources\[0\]\.configMap: volume bundle → ConfigMap name: ca-bundle/);
    assert.match(f.explanation, /could not confirm the absence itself/);
    const optional = f.fixes.at(-1)!;
    assert.match(optional.command ?? '', /--type json -p '\[\{"op":"test","path":"\/spec\/template\/spec\/volumes\/0\/name","value":"bundle"\}/);
    assert.match(optional.command ?? '', /"op":"add","path":"\/spec\/template\/spec\/volumes\/0\/projected\/sources\/0\/configMap\/optional","value":true/);
  });

  it('FailedMount events are ignored once a container runs (stale), even without a ConfigMap list', () => {
    const pod = testPod({ volumes: [{ name: 'conf', configMap: { name: 'app-conf' } }], phase: 'Running', statuses: [running('app')] });
    assert.deepEqual(rule.check(testBundle(pod, { events: [ev('FailedMount', 'MountVolume.SetUp failed for volume "conf" : configmap "app-conf" not found')] })), []);
  });

  it('a bare pod: the reference change is given in words (its spec cannot be patched)', () => {
    const pod = testPod({ owner: 'none', containers: [{ name: 'app', env: [{ name: 'A', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'A' } } }] }], statuses: [waiting('app', 'CreateContainerConfigError', 'configmap "cfg" not found')] });
    const [f] = rule.check(testBundle(pod));
    assert.ok(f);
    assert.equal(f.fixes.at(-1)!.command, undefined);
    assert.match(f.fixes.at(-1)!.description, /set optional: true on spec\.containers\[0\]\.env\[0\]\.valueFrom\.configMapKeyRef, in the pod manifest, then recreate the pod/);
  });

  it('waiting message gone: the container\'s newest `Failed` event `Error: configmap "x" not found` is the signal', () => {
    const pod = testPod({ containers: [{ name: 'app', envFrom: [{ configMapRef: { name: 'app-env' } }] }], statuses: [waiting('app', 'CreateContainerConfigError')] });
    const [f] = rule.check(testBundle(pod, { events: [ev('Failed', 'Error: configmap "app-env" not found', { container: 'app', fieldPath: 'spec.containers{app}', count: 6 })] }));
    assert.ok(f);
    assert.equal(f.container, 'app');
    assert.match(evidenceText(f), /\[event\] Warning Failed: Error: configmap "app-env" not found \(x6\)/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.envFrom\[0\]\.configMapRef: envFrom → ConfigMap name: app-env/);
  });

  it('the ConfigMap exists only in another namespace: says so, offers a copy', () => {
    const [f, ...rest] = findingsOf('missing-configmap--other-namespace', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'web');
    assert.equal(f.summary, 'Container web cannot start: ConfigMap "shared-settings" does not exist in namespace staging (envFrom).');
    assert.match(f.explanation, /A ConfigMap "shared-settings" exists in namespace production, but a pod can only use ConfigMaps of its own namespace/);
    assert.match(evidenceText(f), /\[absent\] ConfigMap\/shared-settings: not found in namespace staging \(ConfigMaps here: kube-root-ca\.crt, web-nginx\)/);
    assert.equal(
      f.fixes[0]!.command,
      "kubectl get configmap shared-settings -n production -o json | jq 'del(.metadata.namespace, .metadata.uid, .metadata.resourceVersion, .metadata.creationTimestamp, .metadata.ownerReferences, .metadata.managedFields)' | kubectl apply -n staging -f -",
    );
  });
  it('≈1.3–1.5: RunContainerError and a FailedSync sync result naming the ConfigMap (escaped quotes)', () => {
    const pod = testPod({
      containers: [{ name: 'app', image: 'ghcr.io/acme/app:1.0', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-env', key: 'MODE' } } }] }],
      statuses: [waiting('app', 'RunContainerError', 'GenerateRunContainerOptions: configmaps "app-env" not found')],
    });
    const sync = ev('FailedSync', 'Error syncing pod, skipping: failed to "StartContainer" for "app" with RunContainerError: "GenerateRunContainerOptions: configmaps \\"app-env\\" not found"');
    const [f] = rule.check(testBundle(pod, { events: [sync] }));
    assert.equal(f?.container, 'app');
    assert.match(f?.summary ?? '', /ConfigMap "app-env" does not exist/);
    assert.match(evidenceText(f!), /\[event\] Warning FailedSync/);
    // the same sync result for another container is not this one's
    const other = ev('FailedSync', 'Error syncing pod, skipping: failed to "StartContainer" for "side" with RunContainerError: "GenerateRunContainerOptions: configmaps \\"app-env\\" not found"');
    const [g] = rule.check(testBundle(pod, { events: [other] }));
    assert.doesNotMatch(evidenceText(g!), /FailedSync/);
  });

  it('a RunContainerError about something else is not a missing ConfigMap', () => {
    const pod = testPod({ statuses: [waiting('app', 'RunContainerError', 'GenerateRunContainerOptions: open /var/lib/kubelet/pods/75614521-03c8-11e7-bd9e-0a589ce0155c/etc-hosts: no such file or directory')] });
    assert.deepEqual(rule.check(testBundle(pod)), []);
  });
});
