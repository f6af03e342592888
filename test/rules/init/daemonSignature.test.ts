import { strict as assert } from 'node:assert';
import { daemonCommand, daemonImage, servingLines } from '../../../lib/rules/init/daemonSignature.ts';
import { analyseArgv, analyseContainer } from '../../../lib/rules/init/waitLoop.ts';

describe('daemonSignature: log lines that show a process serving', () => {
  const serving = [
    '2026/11/25 10:01:06 [acme-prod:us-central1:orders-db] Listening on 127.0.0.1:5432', // Cloud SQL proxy v2
    '2026/11/25 10:01:06 Listening on 127.0.0.1:5432 for acme-prod:us-central1:orders-db', // Cloud SQL proxy v1
    '2026/11/25 10:01:06 Ready for new connections', // Cloud SQL proxy v1
    '2026/11/25 10:01:06 The proxy has started successfully and is ready for new connections!',
    '2026-11-25 10:00:04.512 UTC [1] LOG:  database system is ready to accept connections', // postgres
    "2026-11-25T10:00:05.101Z 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '8.0.40'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.",
    '1:M 25 Nov 2026 10:00:03.771 * Ready to accept connections tcp', // redis 7
    '2026/11/25 13:00:06 [notice] 1#1: start worker processes', // nginx
    '[2026-11-25 10:00:02 +0000] [1] [INFO] Listening at: http://0.0.0.0:8000 (1)', // gunicorn
    'INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)',
    'Serving HTTP on 0.0.0.0 port 8000 (http://0.0.0.0:8000/) ...', // python -m http.server
    '[2026-11-25 10:00:03.118][1][info][main] [source/server/server.cc:932] starting main dispatch loop', // envoy
    '==> Vault Agent started! Log data will stream in below:',
    '2026-11-25T10:00:03.003Z INFO linkerd2_proxy: Admin interface on 0.0.0.0:4191',
    'o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat started on port 8080 (http) with context path \'\'',
  ];
  const notServing = [
    'waiting for database at 10.20.0.15:5432',
    'Waiting for postgres to be ready for connections...',
    'db:5432 - no response',
    'nc: can\'t connect to remote host (10.96.41.7): Connection refused',
    'postgres is not yet accepting connections',
    'Applying orders.0042_backfill_order_totals...',
    'ERROR: failed to start listener: listen tcp :8080: bind: address already in use; listening on :8080 failed',
    'seeding cache: 1200/5000 keys',
  ];
  for (const line of serving) it(`serving: ${line.slice(0, 70)}`, () => assert.deepEqual(servingLines([line]), [line]));
  for (const line of notServing) it(`not serving: ${line.slice(0, 70)}`, () => assert.deepEqual(servingLines([line]), []));

  it('images whose default command is a server, by repository; others not', () => {
    assert.match(daemonImage('nginx')?.what ?? '', /nginx image's default command/);
    assert.equal(daemonImage('hashicorp/vault')?.purpose, 'serves');
    assert.equal(daemonImage('busybox'), undefined);
    assert.equal(daemonImage('acme/migrate'), undefined);
  });

  it('an endless loop that only sleeps idles; one that does work serves (a sidecar candidate)', () => {
    assert.equal(analyseArgv(['sh', '-c', 'while true; do sleep 30; done']).daemon?.purpose, 'idles');
    assert.equal(analyseArgv(['sh', '-c', 'while true; do rsync -a /src/ /dst/; sleep 60; done']).daemon?.purpose, 'serves');
  });

  it('args-only containers are read with the image entrypoint: the Istio proxy is a daemon, istio-init is not', () => {
    const pod = { metadata: { name: 'p', namespace: 'shop' } };
    const proxy = analyseContainer(pod, { name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.3', args: ['proxy', 'sidecar', '--domain', '$(POD_NAMESPACE).svc.cluster.local'] });
    assert.match(proxy.daemon?.what ?? '', /Istio proxy/);
    const init = analyseContainer(pod, { name: 'istio-init', image: 'docker.io/istio/proxyv2:1.22.3', args: ['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337'] });
    assert.equal(init.daemon, undefined);
    const cloudSql = analyseContainer(pod, { name: 'proxy', image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1', args: ['--port=5432', 'p:r:db'] });
    assert.match(cloudSql.daemon?.what ?? '', /Cloud SQL proxy/);
    assert.match(analyseContainer(pod, { name: 'linkerd-proxy', image: 'cr.l5d.io/linkerd/proxy:stable-2.14.10' }).daemon?.what ?? '', /linkerd\/proxy image/);
  });

  it('names from the cluster that are Object members are just names (fuzz seed 20261203 case 13282)', () => {
    const pod = { metadata: { name: 'p', namespace: 'shop' } };
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      assert.equal(analyseContainer(pod, { name: 'c', image: name, args: ['job-wr', 'myrel-migrate'] }).daemon, undefined, name);
      assert.equal(daemonCommand([name, '-f']), undefined, name);
      assert.equal(daemonImage(name), undefined, name);
    }
  });
});
