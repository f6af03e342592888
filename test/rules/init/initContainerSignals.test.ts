// Unit tests of what the init-* rules read from names, logs and images.
import { strict as assert } from 'node:assert';
import { classifyHost, closestName } from '../../../lib/rules/shared/clusterService.ts';
import { apiForbidden, busyboxImage, dnsFailure, hasNslookupQuirk, missingTools, waitLines } from '../../../lib/rules/init/initContainers.ts';
import { rbacFixes } from '../../../lib/rules/init/initFixes.ts';

describe('classifyHost: names as cluster DNS resolves them', () => {
  const table: [string, string][] = [
    ['myservice', 'service myservice in default (short)'],
    ['mydb.data', 'service mydb in data (qualified)'],
    ['mydb.data.svc', 'service mydb in data (qualified)'],
    ['mydb.data.svc.cluster.local', 'service mydb in data (qualified)'],
    ['mydb.data.svc.cluster.local.', 'service mydb in data (qualified)'],
    ['mydb.data.svc.k8s.example.net', 'service mydb in data (qualified)'],
    ['kafka-0.kafka-headless.data.svc.cluster.local', 'service kafka-headless in data (qualified)'],
    ['MyService', 'service myservice in default (short)'],
    ['10.96.0.10', 'ip'],
    ['fd00::1', 'ip'],
    ['localhost', 'ip'],
    ['google.com', 'external'],
    ['api.github.com', 'external'],
    ['db.internal', 'external'],
    ['db.corp.example.org', 'external'],
    ['$DB_HOST', 'unknown'],
    ['${DB_HOST}', 'unknown'],
    ['$(hostname)', 'unknown'],
  ];
  for (const [host, want] of table) {
    it(`${host} → ${want}`, () => {
      const c = classifyHost(host, 'default');
      const got = c.kind === 'service' ? `service ${c.name.service} in ${c.name.namespace} (${c.name.qualified ? 'qualified' : 'short'})` : c.kind;
      assert.equal(got, want);
    });
  }
  it('a two-label name whose second label is a namespace with Services is a Service, even if it looks like a TLD', () => {
    const c = classifyHost('api.dev', 'default', new Set(['dev']));
    assert.equal(c.kind, 'service');
  });
});

describe('closestName: typo suggestions', () => {
  it('suggests close names and Helm-style names', () => {
    assert.equal(closestName('myservice', ['kubernetes', 'my-service']), 'my-service');
    assert.equal(closestName('mysevice', ['myservice', 'web']), 'myservice');
    assert.equal(closestName('redis', ['kubernetes', 'redis-master', 'redis-headless']), 'redis-master');
    assert.equal(closestName('postgres', ['orders']), undefined);
    assert.equal(closestName('db', ['web']), undefined);
  });
});

describe('dnsFailure: name-resolution errors of the tools init containers use', () => {
  const table: [string, string | undefined][] = [
    ["nslookup: can't resolve 'myservice.default.svc.cluster.local'", 'myservice.default.svc.cluster.local'],
    ["nslookup: can't resolve 'mydb': Name does not resolve", 'mydb'],
    ["** server can't find myservice.default.svc.cluster.local: NXDOMAIN", 'myservice.default.svc.cluster.local'],
    ["** server can't find mydb: SERVFAIL", 'mydb'],
    ["nc: bad address 'mydb'", 'mydb'],
    ["wget: bad address 'api.github.com'", 'api.github.com'],
    ['curl: (6) Could not resolve host: config-server', 'config-server'],
    ['Host mydb not found: 3(NXDOMAIN)', 'mydb'],
    ['nc: getaddrinfo for host "mydb" port 5432: Name or service not known', 'mydb'],
    ['ping: mydb: Name or service not known', 'mydb'],
    ["mysqladmin: connect to server at 'mysql' failed\nerror: 'Unknown MySQL server host 'mysql' (-2)'", 'mysql'],
    ['pg_isready: could not translate host name "postgres" to address: Name or service not known', 'postgres'],
    ['dial tcp: lookup mydb on 10.96.0.10:53: no such host', 'mydb'],
    ['Could not connect to Redis at redis:6379: Name or service not known', 'redis'],
  ];
  for (const [line, name] of table) {
    it(line.split('\n')[0]!, () => assert.equal(dnsFailure(line)?.name, name));
  }
  it('does not take the Server/Address lines or success for failures', () => {
    for (const line of ['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', 'Name:      myservice', 'waiting for myservice']) {
      assert.equal(dnsFailure(line), undefined, line);
    }
  });
});

describe('waitLines / missingTools', () => {
  it('keeps failures naming the service and the loop echo, drops resolver chatter', () => {
    const lines = [
      'Server:    10.96.0.10',
      'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local',
      "nslookup: can't resolve 'myservice.default.svc.cluster.local'",
      'waiting for myservice',
      "nslookup: can't resolve 'other.default.svc.cluster.local'",
    ];
    const w = waitLines(lines, 'myservice');
    assert.deepEqual(w.evidence, [lines[2], lines[3]]);
    assert.equal(w.resolutionFailures, 1);
  });
  it('counts connection failures without a name', () => {
    const w = waitLines(['wget: can\'t connect to remote host (10.96.44.12): Connection refused', 'waiting'], 'orders');
    assert.equal(w.connectFailures, 1);
  });
  it('finds tools missing from the image in ash, dash and bash wording', () => {
    const m = missingTools(['sh: getent: not found', '/bin/sh: nc: not found', 'sh: 1: pg_isready: not found', 'bash: curl: command not found', 'waiting']);
    assert.deepEqual([...m.keys()], ['getent', 'nc', 'pg_isready', 'curl']);
  });
});

describe('busybox nslookup quirk (busybox >= 1.29)', () => {
  const table: [string, boolean | undefined][] = [
    ['busybox:1.28', false],
    ['busybox:1.28.4', false],
    ['busybox:1.29', true],
    ['busybox:1.36.1-musl', true],
    ['docker.io/library/busybox:1.37', true],
    ['busybox', true],
    ['busybox:latest', true],
    ['busybox:stable-glibc', true],
    ['busybox@sha256:141c253bc4c3fd0a201d32dc1f493bcf3fff003b6df416dea4f41046e0f37d47', false],
    ['alpine:3.20', undefined],
  ];
  for (const [image, quirky] of table) {
    it(`${image} → ${quirky}`, () => {
      const b = busyboxImage(image);
      assert.equal(b === undefined ? undefined : hasNslookupQuirk(b), quirky);
    });
  }
});

describe('apiForbidden / rbacFixes: a service account refused by the API server', () => {
  it('reads namespaced and cluster-scoped denials, core and named groups', () => {
    const ns = apiForbidden([
      'waiting',
      'Error from server (Forbidden): pods is forbidden: User "system:serviceaccount:default:default" cannot list resource "pods" in API group "" in the namespace "default"',
    ]);
    assert.deepEqual(
      { sa: ns?.serviceAccount, verb: ns?.verb, resource: ns?.resource, group: ns?.group, namespace: ns?.namespace },
      { sa: { namespace: 'default', name: 'default' }, verb: 'list', resource: 'pods', group: '', namespace: 'default' },
    );
    const cluster = apiForbidden(['nodes is forbidden: User "system:serviceaccount:ops:agent" cannot watch resource "nodes" in API group "" at the cluster scope']);
    assert.equal(cluster?.namespace, undefined);
    assert.equal(
      rbacFixes(cluster!)[0]?.command,
      'kubectl create clusterrole agent-nodes-reader --verb=get,list,watch --resource=nodes && kubectl create clusterrolebinding agent-nodes-reader --clusterrole=agent-nodes-reader --serviceaccount=ops:agent',
    );
    assert.equal(rbacFixes(cluster!)[1]?.command, 'kubectl auth can-i watch nodes --as=system:serviceaccount:ops:agent');
    // A user that is not a service account, or no denial at all, is not read.
    assert.equal(apiForbidden(['pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "x"']), undefined);
    assert.equal(apiForbidden(['connection refused']), undefined);
  });
});
