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
});
