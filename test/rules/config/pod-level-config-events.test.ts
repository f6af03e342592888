// A config `Failed` event the bundle could not tie to one container (no fieldPath, several containers in
// CreateContainerConfigError): kubelet 1.8's `Error: Couldn't find key contiv_etcd in ConfigMap
// kube-system/contiv-config` in a contiv-netmaster pod. The containers whose references name the key claim
// it; when the spec is not shown, every container waiting on its config does.
import { strict as assert } from 'node:assert';
import type { Container } from '../../../lib/bundle/k8s.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { configMap, ev, testBundle, testPod, waiting, running } from './configTestSupport.ts';
import { diagnoseFixture } from '../../support/fixtures.ts';

const KEY_EVENT = "Error: Couldn't find key contiv_etcd in ConfigMap kube-system/contiv-config";

function envFromKey(name: string, key: string): NonNullable<Container['env']>[number] {
  return { name, valueFrom: { configMapKeyRef: { name: 'contiv-config', key } } };
}

const NETMASTER: Container = { name: 'contiv-netmaster', image: 'contiv/netplugin:1.1.7', env: [envFromKey('CONTIV_ETCD', 'contiv_etcd'), envFromKey('CONTIV_ROLE', 'contiv_role')] };
const API_PROXY: Container = { name: 'contiv-api-proxy', image: 'contiv/auth_proxy:1.1.7', env: [envFromKey('CONTIV_ROLE', 'contiv_role'), envFromKey('CONTIV_TLS', 'contiv_tls')] };

function primary(containers: Container[], statuses = containers.map((c) => waiting(c.name, 'CreateContainerConfigError')), events = [ev('Failed', KEY_EVENT, { count: 8 })]) {
  const bundle = testBundle(testPod({ containers, statuses }), { events });
  return diagnose(bundle).findings[0];
}

/** Every finding's rule: a rule that must not fire is absent from all of them, not only from the first. */
function rulesOf(...args: Parameters<typeof primary>): string[] {
  const [containers, statuses = containers.map((c) => waiting(c.name, 'CreateContainerConfigError')), events = [ev('Failed', KEY_EVENT, { count: 8 })]] = args;
  return diagnose(testBundle(testPod({ containers, statuses }), { events })).findings.map((f) => f.rule);
}

describe('config Failed events without a container', () => {
  it('the container whose env names the key claims the event (the other waits on a key of its own)', () => {
    const f = primary([NETMASTER, API_PROXY], undefined, [ev('Failed', KEY_EVENT, { count: 8 }), ev('Failed', "Error: Couldn't find key contiv_tls in ConfigMap kube-system/contiv-config", { count: 8 })]);
    assert.equal(f?.rule, 'missing-config-key');
    assert.equal(f?.container, 'contiv-netmaster');
    assert.match(f!.summary, /ConfigMap "contiv-config" has no key "contiv_etcd" \(env var CONTIV_ETCD\)/);
    assert.ok(f!.evidence.some((e) => e.source === 'event' && e.text.includes('Couldn\'t find key contiv_etcd')), 'the kubelet event is the evidence');
    assert.ok(f!.evidence.some((e) => e.source === 'spec' && e.ref === 'spec.containers[0].env[0].valueFrom.configMapKeyRef'));
  });

  it('a spec that shows no references: the finding names every container waiting on its config', () => {
    const bare = [{ name: 'contiv-netmaster', image: 'contiv/netplugin:1.1.7' }, { name: 'contiv-api-proxy', image: 'contiv/auth_proxy:1.1.7' }];
    const f = primary(bare);
    assert.equal(f?.rule, 'missing-config-key');
    assert.equal(f?.container, undefined, 'no evidence says which one');
    assert.match(f!.summary, /\(containers contiv-netmaster and contiv-api-proxy\) cannot start: ConfigMap "contiv-config" has no key "contiv_etcd"/);
  });

  it('old plural wordings inside `Error: ` name the object: configmaps "x" / secrets "x" not found', () => {
    const bare = [{ name: 'web', image: 'shop/web:1.2' }, { name: 'log-shipper', image: 'shop/log-shipper:3.1' }];
    assert.equal(primary(bare, undefined, [ev('Failed', 'Error: configmaps "web-config" not found')])?.rule, 'missing-configmap');
    assert.equal(primary(bare, undefined, [ev('Failed', 'Error: secrets "web-db" not found')])?.rule, 'missing-secret');
  });

  it('not claimed by running containers: a stale event after the key was added is no finding', () => {
    const statuses = [running('contiv-netmaster'), running('contiv-api-proxy')];
    assert.ok(!rulesOf([NETMASTER, API_PROXY], statuses).includes('missing-config-key'));
  });

  it('not claimed when the ConfigMap list shows the key now exists (stale)', () => {
    const bundle = testBundle(testPod({ containers: [NETMASTER, API_PROXY], statuses: [waiting('contiv-netmaster', 'CreateContainerConfigError'), waiting('contiv-api-proxy', 'CreateContainerConfigError')] }), {
      events: [ev('Failed', KEY_EVENT)],
      related: { configMaps: [configMap('contiv-config', { contiv_etcd: 'etcd://10.0.0.10:2379', contiv_role: 'netmaster', contiv_tls: '' }, 'prod')] },
    });
    assert.ok(!diagnose(bundle).findings.some((f) => f.rule === 'missing-config-key'));
  });

  it('look-alikes of a missing object are not one: a cache sync timeout, an unregistered object', () => {
    const bare = [{ name: 'web', image: 'shop/web:1.2' }, { name: 'log-shipper', image: 'shop/log-shipper:3.1' }];
    for (const text of ['Error: failed to sync configmap cache: timed out waiting for the condition', 'Error: object "prod"/"kube-root-ca.crt" not registered']) {
      const f = primary(bare, undefined, [ev('Failed', text)]);
      assert.ok(f && !/^missing-/.test(f.rule), `${text} → ${f?.rule}`);
    }
  });

  describe('containers whose state is not shown yet (ContainerCreating by default, an events-only input)', () => {
    const bare = [{ name: 'contiv-netplugin', image: 'contiv/netplugin:1.2.0' }, { name: 'contiv-stats', image: 'contiv/stats' }];
    const creating = bare.map((c) => waiting(c.name, 'ContainerCreating'));
    const at = (t: string) => ({ firstSeen: t, lastSeen: t });

    it('the config error, newest warning of the pod, is what keeps them from being created', () => {
      const f = primary(bare, creating, [ev('Failed', KEY_EVENT, { count: 2, ...at('2026-11-25T09:06:00Z') }), ev('FailedSync', 'Error syncing pod', at('2026-11-25T09:06:30Z'))]);
      assert.equal(f?.rule, 'missing-config-key');
      assert.match(f!.summary, /\(containers contiv-netplugin and contiv-stats\) cannot start: ConfigMap "contiv-config" has no key "contiv_etcd"/);
    });

    it('look-alike: a newer sandbox failure stands in the way now; the old config error does not explain the pod', () => {
      const events = [
        ev('Failed', KEY_EVENT, at('2026-11-25T09:02:00Z')),
        ev('FailedCreatePodSandBox', 'Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "3f1c0a": plugin type="calico" failed (add): stat /var/lib/calico/nodename: no such file or directory: check that the calico/node container is running and has mounted /var/lib/calico/', at('2026-11-25T09:06:00Z')),
      ];
      const f = primary(bare, creating, events);
      assert.notEqual(f?.rule, 'missing-config-key');
      assert.equal(f?.rule, 'sandbox-creation-failed');
    });

    it('look-alike: a container that has run (restarts) got its config; the event is history', () => {
      const restarted = creating.map((s) => ({ ...s, restartCount: 2 }));
      assert.ok(!rulesOf(bare, restarted).includes('missing-config-key'));
    });
  });

  // review3 rules 7: the kubelet starts containers in spec order in one sync; the sidecar started after the
  // app's config error is not the app getting past it.
  describe('a pod-level config error and the start of another container right after it', () => {
    const bare = [{ name: 'web', image: 'shop/web:1.4' }, { name: 'envoy', image: 'envoyproxy/envoy:v1.29.0' }];
    const secretMissing = ev('Failed', 'Error: secret "db-creds" not found', { firstSeen: '2026-11-25T09:05:00Z', lastSeen: '2026-11-25T09:05:00Z' });
    const started = (container: string, t: string) => ev('Started', `Started container ${container}`, { type: 'Normal', container, firstSeen: t, lastSeen: t });

    it('envoy Started a second after it: web still cannot start', () => {
      const f = primary(bare, [waiting('web', 'ContainerCreating'), running('envoy')], [secretMissing, started('envoy', '2026-11-25T09:05:01Z')]);
      assert.equal(f?.rule, 'missing-secret');
      assert.equal(f?.container, 'web');
      assert.match(f!.summary, /Secret "db-creds" does not exist/);
    });

    it('events only (no status): the kubelet went on to envoy in the same sync; web is the one still failing', () => {
      const pod = testPod({ containers: bare });
      delete pod.status;
      const events = [
        ev('Pulled', 'Container image "shop/web:1.4" already present on machine', { type: 'Normal', container: 'web' }),
        secretMissing,
        ev('Pulled', 'Container image "envoyproxy/envoy:v1.29.0" already present on machine', { type: 'Normal', container: 'envoy' }),
        ev('Created', 'Created container envoy', { type: 'Normal', container: 'envoy', firstSeen: '2026-11-25T09:05:01Z', lastSeen: '2026-11-25T09:05:01Z' }),
        started('envoy', '2026-11-25T09:05:01Z'),
      ];
      const f = diagnose(testBundle(pod, { events })).findings[0];
      assert.equal(f?.rule, 'missing-secret');
      assert.equal(f?.container, 'web');
      const later = diagnose(testBundle(pod, { events: [...events, started('web', '2026-11-25T09:07:00Z')] })).findings;
      assert.ok(!later.some((x) => x.rule === 'missing-secret'), 'a later start of web answers it');
    });

    it('look-alike: a later start of web itself answers it', () => {
      const rules = rulesOf(bare, [waiting('web', 'ContainerCreating'), running('envoy')], [secretMissing, started('envoy', '2026-11-25T09:05:01Z'), started('web', '2026-11-25T09:07:00Z')]);
      assert.ok(!rules.includes('missing-secret'), rules.join(', '));
    });
  });

  // review2 #3: the kubelet retries a config error at every sync, so a start seen after it means it got past it.
  describe('a start seen after the config error (get events, no status)', () => {
    it('secret not found 8m ago, web Created and Started 2m ago: nothing left to report', () => {
      assert.deepEqual(diagnoseFixture('missing-secret--not-started-after-failure').findings, []);
    });

    it('look-alike: the same secret error 20s ago, after the starts: the pod cannot start', () => {
      const [f] = diagnoseFixture('missing-secret--failed-after-start').findings;
      assert.equal(f?.rule, 'missing-secret');
      assert.equal(f?.severity, 'critical');
      assert.match(f!.summary, /Secret "db-creds" does not exist in namespace shop/);
    });
  });
});
