import { strict as assert } from 'node:assert';
import { connectFailure, connectTarget } from '../../lib/bundle/lookupFailures.ts';

describe('lookupFailures: a connection failing', () => {
  it('timeouts as tools and runtimes report them', () => {
    assert.ok(connectFailure('nc: connect to postgres port 5432 (tcp) timed out: Operation now in progress'));
    assert.ok(connectFailure('wait-for-it.sh: timeout occurred after waiting 15 seconds for db:5432'));
    assert.ok(connectFailure('dial tcp 10.96.0.20:5432: connect: connection timed out'));
    assert.ok(connectFailure('wget: download timed out'));
  });

  it('a timeout setting in a request line, or a word that merely contains "timeout", is no failure', () => {
    assert.equal(connectFailure('GET /v1/templates 200 timeout=30s 12ms'), false);
    assert.equal(connectFailure('config: readTimeoutSeconds=5 writetimeout=10'), false);
  });

  it("Node's connect errors, with the address they dialled", () => {
    assert.ok(connectFailure('Error: connect ECONNREFUSED 10.96.45.12:5432'));
    assert.deepEqual(connectTarget('Database not ready: connect ECONNREFUSED 10.96.45.12:5432'), { host: '10.96.45.12', port: 5432 });
  });

  // review2 style: a fallback said "something its log does not name" although the app's line names it.
  it("an app's own line: the address right before the failure", () => {
    assert.deepEqual(connectTarget('WARN cannot reach postgres.data.svc.cluster.local:5432: connect: connection refused, retrying in 5s'), { host: 'postgres.data.svc.cluster.local', port: 5432 });
    assert.deepEqual(connectTarget('error: redis "cache:6379" i/o timeout'), undefined);
    assert.deepEqual(connectTarget('failed to connect (broker kafka-0.kafka:9092 no route to host)'), { host: 'kafka-0.kafka', port: 9092 });
    assert.deepEqual(connectTarget('upstream api.shop:8080 connection refused'), { host: 'api.shop', port: 8080 });
    // Look-alikes: a time or a version before the failure is no address.
    assert.equal(connectTarget('10:00:16: connection refused'), undefined);
    assert.equal(connectTarget('java.net.ConnectException: Connection refused'), undefined);
  });

  // review3 c1: Go's log.Lshortfile prefix read as service "main" in namespace "go".
  it("a logger's source-file location (file.ext:line) is no address", () => {
    assert.equal(connectTarget('2024/05/01 10:00:00 main.go:52: connection refused, retrying in 5s'), undefined);
    assert.equal(connectTarget('2024-05-01 10:00:00,123 WARNING db.py:118: connection refused'), undefined);
    assert.equal(connectTarget('[main] Client.java:87: connect: connection refused'), undefined);
    // Look-alikes: a Service whose name merely contains such a word still counts.
    assert.deepEqual(connectTarget('2024/05/01 10:00:00 main.go:52: dial postgres.go-apps:5432: connect: connection refused'), { host: 'postgres.go-apps', port: 5432 });
    assert.deepEqual(connectTarget('cannot reach go:8080 connection refused'), { host: 'go', port: 8080 });
  });
});
