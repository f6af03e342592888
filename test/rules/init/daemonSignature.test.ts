import { strict as assert } from 'node:assert';
import { daemonImage, servingLines } from '../../../lib/rules/init/daemonSignature.ts';

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
});
