// A log that ends inside a wait loop (lib/bundle/logWaitLoop.ts), in the wordings real tools print, and the
// look-alikes that are not a wait still going on: a wait that ended, a node's own log, a server idling.
import { strict as assert } from 'node:assert';
import { fatalLogEnding } from '../../lib/bundle/fatalLogEnding.ts';
import { lastLookupFailure, logWaitLoop, type LogWait, missingTool, repeatsInLoop, waitedText } from '../../lib/bundle/logWaitLoop.ts';

const loop = (text: string): LogWait | undefined => logWaitLoop(text.split('\n'));
const brief = (w: LogWait | undefined) => w && { failure: w.failure, awaited: w.awaited };

describe('a log that ends inside a wait loop', () => {
  it('busybox 1.28 nslookup, its resolver lines after the failure: the name that does not resolve, namespace part kept', () => {
    const w = loop(
      "waiting for firmamentservice\nnslookup: can't resolve 'firmament-service.kube-system'\nServer:    10.0.0.10\nAddress 1: 10.0.0.10 kube-dns.kube-system.svc.cluster.local",
    );
    assert.deepEqual(brief(w), { failure: 'dns', awaited: { host: 'firmament-service.kube-system' } });
    assert.deepEqual(w?.lines, ['waiting for firmamentservice', "nslookup: can't resolve 'firmament-service.kube-system'"]);
  });

  it('busybox 1.36 and bind nslookup: NXDOMAIN for the full name, between the resolver and the echo', () => {
    const busybox = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find myservice.default.svc.cluster.local: NXDOMAIN\n\n** server can't find myservice.default.svc.cluster.local: NXDOMAIN\n\nwaiting for myservice\n";
    assert.deepEqual(brief(loop(busybox.repeat(2))), { failure: 'dns', awaited: { host: 'myservice.default.svc.cluster.local' } });
    const bind = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\n** server can't find postgres.db.svc.cluster.local: NXDOMAIN\n\nwaiting for postgres\n";
    assert.deepEqual(brief(loop(bind.repeat(2))), { failure: 'dns', awaited: { host: 'postgres.db.svc.cluster.local' } });
  });

  it('nc, curl, wget, Go and dockerize name the host that does not resolve', () => {
    assert.deepEqual(brief(loop("nc: bad address 'mysql'\nwaiting for mysql\nnc: bad address 'mysql'\nwaiting for mysql")), { failure: 'dns', awaited: { host: 'mysql' } });
    assert.deepEqual(brief(loop('curl: (6) Could not resolve host: config-server\nretrying in 5s\ncurl: (6) Could not resolve host: config-server\nretrying in 5s')), {
      failure: 'dns',
      awaited: { host: 'config-server' },
    });
    const gnuWget = '--2024-05-14 08:12:01--  http://api:8080/health\nResolving api (api)... failed: Name or service not known.\nwget: unable to resolve host address ‘api’\n';
    assert.deepEqual(brief(loop(gnuWget.repeat(2))), { failure: 'dns', awaited: { host: 'api' } });
    const go = 'dial tcp: lookup redis on 10.96.0.10:53: no such host\n';
    assert.deepEqual(brief(loop(go.repeat(3))), { failure: 'dns', awaited: { host: 'redis' } });
    const dockerize =
      '2024/05/14 08:12:01 Waiting for: tcp://db:5432\n2024/05/14 08:12:01 Problem with dial: dial tcp: lookup db on 10.96.0.10:53: no such host. Sleeping 1s\n2024/05/14 08:12:02 Problem with dial: dial tcp: lookup db on 10.96.0.10:53: no such host. Sleeping 1s';
    assert.deepEqual(brief(loop(dockerize)), { failure: 'dns', awaited: { host: 'db', port: 5432 } });
    assert.deepEqual(brief(loop('nc: getaddrinfo for host "mysql" port 3306: Name or service not known\nwaiting for mysql\n'.repeat(2))), { failure: 'dns', awaited: { host: 'mysql' } });
  });

  it('a name that resolves and does not answer: refused or timed out, with the host and port', () => {
    const waitForIt = 'wait-for-it.sh: waiting 15 seconds for postgres:5432\nwait-for-it.sh: timeout occurred after waiting 15 seconds for postgres:5432\n';
    assert.deepEqual(brief(loop(waitForIt.repeat(2))), { failure: 'connect', awaited: { host: 'postgres', port: 5432 } });
    const curl8 = "curl: (7) Failed to connect to config-server port 8888 after 2 ms: Couldn't connect to server\nconfig-server not ready, retrying in 5s\n";
    assert.deepEqual(brief(loop(curl8.repeat(2))), { failure: 'connect', awaited: { host: 'config-server', port: 8888 } });
    const openbsdNc = 'nc: connect to db port 5432 (tcp) failed: Connection refused\nwaiting for db\n';
    assert.deepEqual(brief(loop(openbsdNc.repeat(2))), { failure: 'connect', awaited: { host: 'db', port: 5432 } });
    // Go dials the address: the echo's name says more.
    const dockerize = 'Waiting for: tcp://db:5432\nProblem with dial: dial tcp 10.0.0.5:5432: connect: connection refused. Sleeping 1s\nProblem with dial: dial tcp 10.0.0.5:5432: connect: connection refused. Sleeping 1s';
    assert.deepEqual(brief(loop(dockerize)), { failure: 'connect', awaited: { host: 'db', port: 5432 } });
    assert.deepEqual(brief(loop('db:5432 - no response\nwaiting for postgres\n'.repeat(2))), { failure: 'connect', awaited: { host: 'db', port: 5432 } });
  });

  it('a resolver that does not answer is not a missing name', () => {
    const bindTimeout = ';; connection timed out; no servers could be reached\n\nwaiting for myservice\n';
    assert.equal(loop(bindTimeout.repeat(2))?.failure, 'resolver');
  });

  it('only the echo: a wait whose reason the log does not show, named when the echo ends with a name', () => {
    assert.deepEqual(brief(loop('waiting for myservice\nwaiting for myservice\nwaiting for myservice')), { failure: 'unknown', awaited: { host: 'myservice' } });
    assert.deepEqual(brief(loop('Waiting for database connection...\nWaiting for database connection...')), { failure: 'unknown', awaited: undefined });
    const stamped = '2024-05-14T08:12:01Z waiting for postgres\n2024-05-14T08:12:03Z waiting for postgres';
    assert.deepEqual(brief(loop(stamped)), { failure: 'unknown', awaited: { host: 'postgres' } });
  });

  it('look-alikes: a wait that ended, a first try, a node log, a server idling, an app that logs on', () => {
    const resolved =
      "waiting for myservice\nnslookup: can't resolve 'myservice'\nServer:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      myservice\nAddress 1: 10.100.23.7 myservice.default.svc.cluster.local";
    assert.equal(loop(resolved), undefined);
    assert.equal(loop('wait-for-it.sh: waiting 15 seconds for db:5432\nwait-for-it.sh: db:5432 is available after 3 seconds'), undefined);
    assert.equal(loop("nslookup: can't resolve 'myservice'"), undefined, 'one failure alone may be a first try');
    assert.equal(loop("nslookup: can't resolve 'myservice'\nnslookup: can't resolve 'myservice'"), undefined, 'two failures without an echo');
    const kubelet = 'E1125 10:00:00.000000    1234 reflector.go:123] Failed to list *v1.Node: Get https://master:6443/api/v1/nodes: dial tcp: lookup master on 10.0.0.2:53: no such host\n';
    assert.equal(loop(kubelet.repeat(4)), undefined);
    assert.equal(loop('Starting server\nWaiting for connections on port 8080\nWaiting for connections on port 8080'), undefined);
    assert.equal(loop('waiting for postgres\nwaiting for postgres\nMigrations applied: 12'), undefined);
  });

  it('a loop around a tool the image lacks: the shell says it on every turn, the same words each time', () => {
    const nc = loop('sh: nc: not found\nsh: nc: not found\nsh: nc: not found');
    assert.deepEqual(brief(nc), { failure: 'unknown', awaited: undefined });
    assert.equal(nc?.missingTool, 'nc');
    const echoed = loop('/bin/sh: 1: nc: not found\nwaiting for postgres\n/bin/sh: 1: nc: not found\nwaiting for postgres');
    assert.deepEqual(brief(echoed), { failure: 'unknown', awaited: { host: 'postgres' } });
    assert.equal(echoed?.missingTool, 'nc');
    assert.match(waitedText(echoed!), /retrying "nc", which its image does not have/);
    // The tool is the same whatever the shell puts before it (its path, the script's line): one loop, not alternatives tried.
    assert.equal(loop('/bin/sh: 1: nc: not found\nsh: nc: not found\n/bin/sh: 3: nc: not found')?.missingTool, 'nc');
  });

  it('the log ending decides a repeated missing tool with the wait loop: a loop still waiting, never a command that gave up', () => {
    const turns = ['sh: nc: not found', 'sh: nc: not found', 'sh: nc: not found'];
    assert.equal(logWaitLoop(turns)?.missingTool, 'nc');
    assert.equal(fatalLogEnding(turns), undefined);
    assert.equal(missingTool('bash: curl: command not found'), 'curl');
    assert.equal(missingTool('/entrypoint.sh: line 7: /usr/local/bin/migrate: not found'), 'migrate');
    assert.equal(missingTool('warning: config file not found'), undefined);
    assert.equal(repeatsInLoop(turns, turns[0]!), true);
    assert.equal(repeatsInLoop(['sh: nc: not found'], 'sh: nc: not found'), false);
  });

  it('look-alikes: one tool missing once, two turns without an echo, different tools tried one after another', () => {
    assert.equal(loop('sh: nc: not found'), undefined);
    assert.equal(loop('sh: nc: not found\nsh: nc: not found'), undefined);
    assert.equal(loop('sh: curl: not found\nsh: wget: not found\nsh: nc: not found'), undefined);
  });

  it('chown errors on numbered paths are no wait loop: no lookup, no connection, no echo', () => {
    assert.equal(loop([1, 2, 3, 4].map((i) => `chown: /data/shard-${i}: Operation not permitted`).join('\n')), undefined);
  });

  it('lastLookupFailure: one failure naming a name, as the last report (chatter and echoes after it only); not a name resolved after, a failure naming none, a connection refused', () => {
    assert.deepEqual(lastLookupFailure(["nc: bad address 'mysql'"])?.awaited, { host: 'mysql' });
    assert.deepEqual(lastLookupFailure(["Server:    10.96.0.10", "nslookup: can't resolve 'myservice'", '', 'waiting for myservice'])?.awaited, { host: 'myservice' });
    assert.equal(lastLookupFailure(["nc: bad address 'mysql'", 'Connection to mysql 3306 port [tcp/mysql] succeeded!']), undefined);
    assert.equal(lastLookupFailure(['nc: getaddrinfo: Name or service not known']), undefined);
    assert.equal(lastLookupFailure(["nc: can't connect to remote host (10.96.4.2:3306): Connection refused"]), undefined);
    assert.equal(logWaitLoop(["nc: bad address 'mysql'"]), undefined, 'alone, one failure is no wait loop');
  });

  // review4 #9: busybox ≤1.28 nslookup's answer after the failure means the name resolved; a paste reader may cut
  // the log at its `Name:` line, leaving only the next lookup's resolver lines.
  describe("busybox nslookup's answer after a failure", () => {
    const failed = ["nslookup: can't resolve 'mysql'", 'waiting for mysql'];
    const resolver = ['Server:    10.96.0.10', 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local'];
    it('an Address line after the resolver\'s own, at another address, is the name resolving: no wait', () => {
      const answered = [...failed, ...resolver, '', 'Name:      mysql', 'Address 1: 10.96.3.4 mysql.shop.svc.cluster.local'];
      assert.equal(logWaitLoop(answered), undefined);
      assert.equal(lastLookupFailure(answered), undefined);
      const nameCut = [...failed, ...resolver, 'Address 1: 10.96.3.4 mysql.shop.svc.cluster.local'];
      assert.equal(logWaitLoop(nameCut), undefined);
      assert.equal(lastLookupFailure(nameCut), undefined);
    });
    it('a new lookup\'s resolver lines after the echo, with no failure after them: one failure no longer shows a wait', () => {
      assert.equal(logWaitLoop([...failed, ...resolver]), undefined);
      assert.equal(lastLookupFailure([...failed, ...resolver]), undefined);
      // Two failures before it are still a loop (the answer, if any, is not shown), and 1.28's interleaved turn
      // (the failure between Server and the resolver's Address) is a failing turn.
      assert.equal(logWaitLoop([...failed, ...failed, ...resolver])?.failure, 'dns');
      const interleaved = ['Server:    10.96.0.10', "nslookup: can't resolve 'mysql'", 'Address 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local', 'waiting for mysql'];
      assert.deepEqual(brief(logWaitLoop([...interleaved, ...interleaved, ...interleaved])), { failure: 'dns', awaited: { host: 'mysql' } });
    });
  });

  // Round 8 case 39's class: the loop's check fails on its own arguments, the same words on every turn.
  describe('a check failing the same way on every turn, in words no lookup or connection has', () => {
    it("busybox nc given a port it cannot read, curl given a malformed URL: a wait whose check always fails", () => {
      const nc = loop("nc: bad port '${DB_PORT}'\nwaiting for postgres\nnc: bad port '${DB_PORT}'\nwaiting for postgres\nnc: bad port '${DB_PORT}'\nwaiting for postgres");
      assert.deepEqual(brief(nc), { failure: 'unknown', awaited: { host: 'postgres' } });
      assert.equal(nc?.failedCheck, "nc: bad port '${DB_PORT}'");
      assert.match(waitedText(nc!), /its check failing the same way on every turn \("nc: bad port '\$\{DB_PORT\}'"\)/);
      const curl = loop('curl: (3) URL using bad/illegal format or missing URL\nwaiting for api\ncurl: (3) URL using bad/illegal format or missing URL\nwaiting for api');
      assert.equal(curl?.failedCheck, 'curl: (3) URL using bad/illegal format or missing URL');
    });
    it('look-alikes: the same line repeating with no echo after it, two different lines each before an echo', () => {
      assert.equal(loop('GET /healthz 200\nGET /healthz 200\nGET /healthz 200'), undefined);
      assert.equal(loop('queue empty\nretrying in 5s\nlock held by worker-b\nretrying in 5s\nqueue empty\nretrying in 5s\nlock held by worker-b\nretrying in 5s'), undefined);
    });
  });
});
