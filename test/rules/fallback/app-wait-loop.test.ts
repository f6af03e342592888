import { strict as assert } from 'node:assert';
import type { Service } from '../../../lib/bundle/k8s.ts';
import { rule } from '../../../lib/rules/fallback/unexplainedProblem.ts';
import { diagnoseFixture, evidenceText, loadFixture, onlyFinding } from '../../support/fixtures.ts';

const commands = (f: { fixes: { command?: string }[] }): string[] => f.fixes.flatMap((x) => (x.command ? [x.command] : []));

// `kubectl logs` of an app container (not an init container) pasted alone, ending in a wait loop: busybox sh's
// `sh: nc: not found` on every turn of `until nc -z postgres 5432; do echo waiting for postgres; …`, or
// busybox nslookup's `nslookup: can't resolve 'postgres'`. The report names the loop and what it lacks.
describe('an app container whose log ends in a wait loop', () => {
  it('a loop around a tool the image lacks: never ends, critical, the tool and the awaited name named', () => {
    const name = 'unexplained-problem--log-only-app-loop-missing-tool';
    const d = diagnoseFixture(name);
    assert.equal(d.healthy, false);
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'CONTAINER');
    assert.match(f.summary, /keeps waiting for "postgres", retrying "nc", which its image does not have, so the loop can never end/);
    assert.match(evidenceText(f), /^sh: nc: not found \(x3\)$/m);
  });

  it('a loop on a name that does not resolve: a warning (the app may serve what does not need it), the name given', () => {
    const name = 'unexplained-problem--log-only-app-loop-name-unresolved';
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /keeps waiting for "postgres", whose name does not resolve/);
    assert.match(evidenceText(f), /nslookup: can't resolve 'postgres'/);
  });
});

// The same loops in a container whose status IS shown: Running, not Ready, its log ending in the loop. The
// loop names what it waits for; the Service list (when given) says whether that Service exists and has endpoints.
describe('an app container Running but not Ready whose log ends in a wait loop', () => {
  it('a port that refuses (netcat-openbsd): the loop, the awaited Service without ready endpoints, and the svc,endpoints command', () => {
    const name = 'unexplained-problem--app-waits-connection-refused';
    const d = diagnoseFixture(name);
    assert.equal(d.findings[0]?.rule, 'unexplained-problem');
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.container, 'orders-api');
    assert.equal(f.severity, 'critical');
    assert.equal(f.summary, 'Container orders-api has been Running but not Ready for 26m: its log shows it keeps waiting for "orders-db:5432": nothing answers there (refused or timed out).');
    assert.match(f.explanation, /Service "orders-db" exists in namespace shop but has no ready endpoints/);
    assert.doesNotMatch(f.summary, /no rule recognises/);
    assert.match(evidenceText(f), /nc: connect to orders-db port 5432 \(tcp\) failed: Connection refused/);
    assert.equal(commands(f)[0], 'kubectl get svc,endpoints orders-db -n shop');
  });

  it('a name that does not resolve (busybox nslookup), no such Service in the list: said so, and the svc,endpoints command', () => {
    const name = 'unexplained-problem--app-waits-name-unresolved';
    const f = onlyFinding(name, 'unexplained-problem');
    assert.equal(f.container, 'cart');
    assert.match(f.summary, /^Container cart has been Running but not Ready for 26m: its log shows it keeps waiting for "redis-master", whose name does not resolve\.$/);
    assert.match(f.explanation, /No Service "redis-master" exists in namespace shop/);
    assert.equal(commands(f)[0], 'kubectl get svc,endpoints redis-master -n shop');
  });

  it('a wait that ended (the port answered, the app went on): the generic not-Ready report, no loop named', () => {
    const name = 'unexplained-problem--not-app-wait-ended';
    const f = onlyFinding(name, 'unexplained-problem');
    assert.match(f.summary, /no rule recognises the cause/);
    assert.doesNotMatch(f.summary, /waiting for/);
    assert.ok(!commands(f).some((c) => /svc,endpoints/.test(c)));
  });

  it('a readiness probe failing while the log waits on a dependency: the readiness finding names the loop and leads with the Service check', () => {
    const name = 'readiness-probe-failing--app-waits-for-dependency';
    const f = onlyFinding(name, 'readiness-probe-failing');
    assert.match(f.summary, /its readiness probe fails \(connection refused on port 8080\), so it gets no Service traffic; its log shows it keeps waiting for "orders-db:5432"/);
    assert.equal(commands(f)[0], 'kubectl get svc,endpoints orders-db -n shop');
    assert.match(evidenceText(f), /\[log\] orders-api: nc: connect to orders-db port 5432/);
  });

  it('an app that logs "cannot reach HOST:PORT: connect: connection refused": the address is named, not "something its log does not name"', () => {
    const [f] = diagnoseFixture('unexplained-problem--app-wait-loop-names-address').findings;
    assert.match(f!.summary, /keeps waiting for "postgres\.data\.svc\.cluster\.local:5432": nothing answers there/);
    assert.doesNotMatch(f!.explanation, /what it waits for|does not name/);
  });
});

// One turn of a loop is a wait when its echo names what its failure names: the script answered the failed
// lookup of `catalog-api.shop.svc.cluster.local` with "Waiting for catalog-api...". A failure and an echo about
// different names, or a wait that went on to succeed, prove nothing.
describe('an app container whose log ends in one turn of a wait loop', () => {
  const turn = 'unexplained-problem--log-only-app-one-turn-unresolved';

  it('a lookup failure, then the echo naming the same Service: a warning naming it, never healthy', () => {
    const d = diagnoseFixture(turn);
    assert.equal(d.healthy, false);
    const f = onlyFinding(turn, 'unexplained-problem');
    assert.equal(f.severity, 'warning');
    assert.equal(f.summary, 'Container CONTAINER shows in its log that it keeps waiting for "catalog-api", whose name does not resolve; its status was not provided.');
    assert.match(f.explanation, /the lookup failing, then the loop's own "Waiting for catalog-api\.\.\.", with nothing after it/);
    assert.match(f.explanation, /The container does not get past this wait until the dependency answers\./);
    assert.doesNotMatch(f.explanation, /reports itself ready/, 'no status: nothing says it serves');
    assert.equal(commands(f)[0], 'kubectl get svc,endpoints catalog-api -n shop');
  });

  it('with a Service list of the namespace that lacks it: critical, said missing, the other release\'s Service named', () => {
    const bundle = structuredClone(loadFixture(turn));
    const svc = (name: string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'shop' }, spec: { type: 'ClusterIP', clusterIP: '10.96.44.17', ports: [{ port: 8080, protocol: 'TCP' }] } });
    bundle.related.services = [svc('shop-v2-catalog-api'), svc('orders')];
    const [f] = rule.check(bundle);
    assert.equal(f?.severity, 'critical');
    assert.match(f!.explanation, /No Service "catalog-api" exists in namespace shop, so the name never resolves there\. A Service with a close name exists there: "shop-v2-catalog-api"/);
  });

  it('the same log with the Service in the list: still the warning, no "missing"', () => {
    const bundle = structuredClone(loadFixture(turn));
    bundle.related.services = [{ apiVersion: 'v1', kind: 'Service', metadata: { name: 'catalog-api', namespace: 'shop' }, spec: { clusterIP: '10.96.44.17', ports: [{ port: 8080 }] } }];
    const [f] = rule.check(bundle);
    assert.equal(f?.severity, 'warning');
    assert.doesNotMatch(f!.explanation, /No Service/);
  });

  it('look-alikes: a failure about another name than the echo, and a wait that went on: healthy', () => {
    for (const name of ['unexplained-problem--not-log-only-app-one-failure-other-echo', 'unexplained-problem--not-log-only-app-one-turn-then-resolved']) {
      const d = diagnoseFixture(name);
      assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), [], name);
      assert.equal(d.healthy, true, name);
    }
  });
});
