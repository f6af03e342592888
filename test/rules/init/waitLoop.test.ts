// Table-driven tests of the init-container command reader: which names/ports a script waits for.
import { strict as assert } from 'node:assert';
import type { Container, Pod } from '../../../lib/bundle/k8s.ts';
import { analyseArgv, analyseContainer, effectiveArgv, imageRepository, knownVars, parseAddress } from '../../../lib/rules/init/waitLoop.ts';
import { parseScript, shellScriptOf } from '../../../lib/rules/init/shellScript.ts';

const NS_FILE = '$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace)';

interface Case {
  name: string;
  argv: string[];
  /** tool host[:port] of every target, in order. */
  targets: string[];
  repeated?: boolean;
  fileWaits?: string[];
  daemon?: RegExp;
  vars?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'the Kubernetes docs example (namespace file expands to the pod namespace)',
    argv: ['sh', '-c', `until nslookup myservice.${NS_FILE}.svc.cluster.local; do echo waiting for myservice; sleep 2; done`],
    targets: ['nslookup myservice.shop.svc.cluster.local'],
    repeated: true,
  },
  {
    name: 'docs example with the namespace file in double quotes and backticks',
    argv: ['sh', '-c', 'until nslookup "mydb.`cat /var/run/secrets/kubernetes.io/serviceaccount/namespace`.svc.cluster.local"; do sleep 2; done'],
    targets: ['nslookup mydb.shop.svc.cluster.local'],
  },
  { name: 'short name', argv: ['sh', '-c', 'until nslookup myservice; do echo waiting; sleep 2; done'], targets: ['nslookup myservice'], repeated: true },
  { name: 'command [sh, -c] + args [script]', argv: ['sh', '-c', 'until nslookup mydb; do sleep 1; done'], targets: ['nslookup mydb'] },
  { name: '/bin/sh -c', argv: ['/bin/sh', '-c', 'until getent hosts mydb; do sleep 2; done'], targets: ['getent mydb'] },
  { name: 'bash -ec with while !', argv: ['/bin/bash', '-ec', 'while ! nc -zv -w 1 mydb 3306 2>&1; do echo waiting; sleep 1; done'], targets: ['nc mydb:3306'] },
  { name: 'bash -o pipefail -c', argv: ['bash', '-o', 'pipefail', '-c', 'until nc -z db 5432; do sleep 1; done'], targets: ['nc db:5432'] },
  { name: 'busybox sh -c', argv: ['busybox', 'sh', '-c', 'until nc -z db 5432; do sleep 1; done'], targets: ['nc db:5432'] },
  { name: 'while true … && break', argv: ['sh', '-c', 'while true; do nc -z redis 6379 && break; sleep 1; done'], targets: ['nc redis:6379'], repeated: true },
  { name: 'nc -w1 glued option', argv: ['sh', '-c', 'until nc -w1 -z mysql 3306; do sleep 1; done'], targets: ['nc mysql:3306'] },
  {
    name: 'for i in $(seq …) with wget --spider',
    argv: ['sh', '-c', 'for i in $(seq 1 30); do wget -q --spider http://api:8080/health && exit 0; sleep 2; done; exit 1'],
    targets: ['wget api:8080'],
    repeated: true,
  },
  {
    name: 'curl inside $(…) inside [ ]',
    argv: ['sh', '-c', `until [ "$(curl -s -o /dev/null -w '%{http_code}' http://web.prod.svc.cluster.local/healthz)" = "200" ]; do sleep 5; done`],
    targets: ['curl web.prod.svc.cluster.local:80'],
    repeated: true,
  },
  { name: 'https URL defaults to 443', argv: ['sh', '-c', 'until curl -fsS https://vault:8200/v1/sys/health; do sleep 2; done'], targets: ['curl vault:8200'] },
  { name: 'https without port', argv: ['sh', '-c', 'until wget -q -O- https://auth/healthz; do sleep 2; done'], targets: ['wget auth:443'] },
  { name: 'wait-for-it host:port (retries by itself)', argv: ['wait-for-it', 'mydb:5432', '-t', '60', '--', 'echo', 'ok'], targets: ['wait-for-it mydb:5432'], repeated: true },
  { name: 'wait-for-it.sh -h -p', argv: ['/wait-for-it.sh', '-h', 'kafka', '-p', '9092', '-t', '0'], targets: ['wait-for-it kafka:9092'], repeated: true },
  { name: 'dockerize -wait tcp://', argv: ['dockerize', '-wait', 'tcp://db:5432', '-timeout', '60s'], targets: ['dockerize db:5432'], repeated: true },
  { name: 'pg_isready -h', argv: ['sh', '-c', 'until pg_isready -h postgres -p 5433 -U app; do sleep 2; done'], targets: ['pg_isready postgres:5433'] },
  { name: 'pg_isready from PGHOST', argv: ['sh', '-c', 'until pg_isready; do sleep 2; done'], vars: { PGHOST: 'pg-main' }, targets: ['pg_isready pg-main:5432'] },
  { name: 'mysqladmin -h"host" glued and quoted', argv: ['sh', '-c', 'until mysqladmin ping -h"mysql" --silent; do sleep 1; done'], targets: ['mysqladmin mysql:3306'] },
  { name: 'mysqladmin --host=', argv: ['sh', '-c', 'until mysqladmin ping --host=mariadb; do sleep 1; done'], targets: ['mysqladmin mariadb:3306'] },
  { name: 'redis-cli -h', argv: ['sh', '-c', 'until redis-cli -h redis-master ping; do sleep 1; done'], targets: ['redis-cli redis-master:6379'] },
  { name: 'bash /dev/tcp', argv: ['bash', '-c', 'until echo > /dev/tcp/mydb/5432; do sleep 1; done'], targets: ['/dev/tcp mydb:5432'] },
  { name: 'dig +short @server name A', argv: ['sh', '-c', 'until dig +short @10.96.0.10 mysvc.ns1.svc.cluster.local A | grep -q .; do sleep 2; done'], targets: ['dig mysvc.ns1.svc.cluster.local'] },
  { name: 'host with a StatefulSet pod name', argv: ['sh', '-c', 'until host kafka-0.kafka-headless.data.svc.cluster.local; do sleep 2; done'], targets: ['host kafka-0.kafka-headless.data.svc.cluster.local'] },
  { name: 'nested timeout sh -c "…"', argv: ['sh', '-c', 'timeout 300 sh -c "until nc -z db 5432; do sleep 1; done"'], targets: ['nc db:5432'], repeated: true },
  { name: 'multi-line script with do/done on their own lines', argv: ['sh', '-c', 'until nslookup mydb\ndo\n  echo waiting\n  sleep 2\ndone'], targets: ['nslookup mydb'], repeated: true },
  { name: 'comments and line continuations', argv: ['sh', '-c', '# wait for db\nuntil nc -z \\\n  db 5432; do\n  sleep 1 # retry\ndone'], targets: ['nc db:5432'] },
  { name: '$VAR from env', argv: ['sh', '-c', 'until nslookup $DB_HOST; do sleep 2; done'], vars: { DB_HOST: 'pg' }, targets: ['nslookup pg'] },
  { name: '${VAR:-default} with unknown VAR', argv: ['sh', '-c', 'until nc -z ${DB_HOST:-mydb} ${DB_PORT:-5432}; do sleep 2; done'], targets: ['nc mydb:5432'] },
  { name: 'unknown $VAR stays unexpanded', argv: ['sh', '-c', 'until nslookup $DB_HOST; do sleep 2; done'], targets: ['nslookup $DB_HOST'] },
  { name: 'kubelet $(VAR) expansion in args', argv: ['sh', '-c', 'until nslookup mydb.$(POD_NAMESPACE); do sleep 2; done'], vars: { POD_NAMESPACE: 'prod' }, targets: ['nslookup mydb.prod'] },
  { name: 'plain argv nslookup (no loop: the restarts repeat it)', argv: ['nslookup', 'mydb'], targets: ['nslookup mydb'], repeated: false },
  { name: 'file wait', argv: ['sh', '-c', 'until [ -f /data/ready ]; do sleep 5; done'], targets: [], fileWaits: ['/data/ready'] },
  { name: 'file wait with test -e and !', argv: ['sh', '-c', 'while ! test -e /shared/done; do sleep 1; done'], targets: [], fileWaits: ['/shared/done'] },
  { name: 'sleep infinity', argv: ['sh', '-c', 'echo start; sleep infinity'], targets: [], daemon: /sleep infinity/ },
  { name: 'tail -f', argv: ['tail', '-f', '/dev/null'], targets: [], daemon: /tail -f/ },
  { name: 'nginx server', argv: ['nginx', '-g', 'daemon off;'], targets: [], daemon: /nginx/ },
  { name: 'endless while true without break', argv: ['sh', '-c', 'while true; do echo hi; sleep 10; done'], targets: [], daemon: /endless/ },
  { name: 'nc -l listens, it does not wait: a daemon', argv: ['sh', '-c', 'nc -lk -p 8080 -e echo ok'], targets: [], daemon: /nc -l \(listens/ },
  { name: 'Cloud SQL proxy v1', argv: ['/cloud_sql_proxy', '-instances=acme-prod:us-central1:orders=tcp:5432', '-credential_file=/secrets/sa.json'], targets: [], daemon: /cloud_sql_proxy \(a Cloud SQL proxy\)/ },
  { name: 'vault agent without -exit-after-auth keeps running', argv: ['vault', 'agent', '-config=/vault/config/agent.hcl'], targets: [], daemon: /vault agent/ },
  { name: 'vault agent -exit-after-auth renders and exits', argv: ['vault', 'agent', '-config=/vault/config/agent.hcl', '-exit-after-auth'], targets: [] },
  { name: 'vault kv get is a client call', argv: ['sh', '-c', 'vault kv get -field=password secret/db > /secrets/db'], targets: [] },
  { name: 'consul-template -once renders and exits', argv: ['consul-template', '-template', 'in.tpl:out.conf', '-once'], targets: [] },
  { name: 'consul-template without -once keeps watching', argv: ['consul-template', '-template', 'in.tpl:out.conf'], targets: [], daemon: /consul-template/ },
  { name: 'pilot-agent proxy sidecar is the Istio proxy', argv: ['pilot-agent', 'proxy', 'sidecar', '--domain', 'shop.svc.cluster.local'], targets: [], daemon: /Istio proxy/ },
  { name: 'pilot-agent istio-iptables sets up rules and exits', argv: ['pilot-agent', 'istio-iptables', '-p', '15001', '-u', '1337'], targets: [] },
  { name: 'kubectl port-forward runs until stopped', argv: ['kubectl', 'port-forward', 'svc/db', '5432:5432'], targets: [], daemon: /kubectl port-forward/ },
  { name: 'crond -f stays in the foreground', argv: ['crond', '-f', '-l', '8'], targets: [], daemon: /crond in the foreground/ },
  { name: 'crond without -f forks and returns', argv: ['crond', '-l', '8'], targets: [] },
  { name: 'nginx without daemon off forks and returns', argv: ['nginx'], targets: [] },
  { name: 'a --foreground flag', argv: ['/usr/bin/gcsfuse', '--foreground', 'acme-assets', '/mnt/assets'], targets: [], daemon: /gcsfuse --foreground/ },
  { name: 'timeout --foreground is a wrapper, not a daemon', argv: ['timeout', '--foreground', '60', 'flyway', 'migrate'], targets: [] },
  { name: 'sleep 5 then a migration', argv: ['sh', '-c', 'sleep 5 && flask db upgrade'], targets: [] },
  { name: 'while true around a sync job: a periodic worker', argv: ['sh', '-c', 'while true; do rsync -a /src/ /dst/; sleep 60; done'], targets: [], daemon: /endless/ },
  { name: 'while true around sleep only', argv: ['sh', '-c', 'while true; do sleep 30; done'], targets: [], daemon: /endless/ },
  { name: 'sleep 3600 sleeps an hour', argv: ['sleep', '3600'], targets: [], daemon: /sleep 3600/ },
  { name: 'short sleep is not a daemon', argv: ['sh', '-c', 'sleep 30'], targets: [] },
  { name: 'nginx -t only tests the config', argv: ['nginx', '-t'], targets: [] },
  { name: 'psql -h with the default port', argv: ['sh', '-c', "until psql -h app-db -U app -c '\\q'; do sleep 1; done"], targets: ['psql app-db:5432'] },
  { name: 'psql with a connection URI', argv: ['sh', '-c', 'until psql postgresql://app@pg-rw:5433/app -c "select 1"; do sleep 1; done'], targets: ['psql pg-rw:5433'] },
  { name: 'psql from PGHOST', argv: ['sh', '-c', "until psql -c '\\q'; do sleep 1; done"], vars: { PGHOST: 'pg' }, targets: ['psql pg:5432'] },
  { name: 'mongosh --host', argv: ['sh', '-c', `until mongosh --host mongodb --eval 'db.adminCommand("ping")'; do sleep 2; done`], targets: ['mongosh mongodb:27017'] },
  { name: 'mongosh with a replica-set URI takes the first host', argv: ['sh', '-c', 'until mongosh "mongodb://mongo-0.mongo:27018,mongo-1.mongo:27018/?replicaSet=rs0" --eval 1; do sleep 2; done'], targets: ['mongosh mongo-0.mongo:27018'] },
  { name: 'mongo --host rs/host:port', argv: ['sh', '-c', 'until mongo --host rs0/mongo-0:27017,mongo-1:27017 --eval 1; do sleep 2; done'], targets: ['mongo mongo-0:27017'] },
  { name: 'sh without -c is not read (another rule)', argv: ['sh', 'until nslookup mydb; do sleep 2; done'], targets: [] },
];

describe('waitLoop: what an init container command waits for', () => {
  for (const c of cases) {
    it(c.name, () => {
      const a = analyseArgv(c.argv, { namespace: 'shop', vars: c.vars ?? {}, useDefaults: true });
      assert.deepEqual(
        a.targets.map((t) => `${t.tool} ${t.host}${t.port !== undefined ? `:${t.port}` : ''}`),
        c.targets,
      );
      if (c.repeated !== undefined) assert.equal(a.targets[0]?.repeated, c.repeated);
      assert.deepEqual(a.fileWaits, c.fileWaits ?? []);
      if (c.daemon) assert.match(a.daemon?.what ?? '', c.daemon);
      else assert.equal(a.daemon, undefined);
    });
  }

  it('keeps the check words for a kubectl exec reproduction', () => {
    const [t] = analyseArgv(['sh', '-c', 'until nc -z -w 2 mydb 5432; do sleep 2; done']).targets;
    assert.deepEqual(t?.words, ['nc', '-z', '-w', '2', 'mydb', '5432']);
  });
});

describe('shellScript', () => {
  it('finds the script of sh -c in its many spellings', () => {
    assert.equal(shellScriptOf(['sh', '-c', 'x']), 'x');
    assert.equal(shellScriptOf(['/bin/bash', '-euxc', 'x']), 'x');
    assert.equal(shellScriptOf(['bash', '--noprofile', '-c', 'x']), 'x');
    assert.equal(shellScriptOf(['bash', '-o', 'errexit', '-c', 'x']), 'x');
    assert.equal(shellScriptOf(['sh', 'x']), undefined);
    assert.equal(shellScriptOf(['python', '-c', 'x']), undefined);
  });

  it('tracks loop nesting: the until condition and body are inside, what follows done is not', () => {
    const cmds = parseScript('until nc -z db 5432; do sleep 1; done; echo ready');
    assert.deepEqual(
      cmds.map((c) => [c.words.join(' '), c.loopDepth]),
      [['nc -z db 5432', 1], ['sleep 1', 1], ['echo ready', 0]],
    );
  });

  it('drops redirections and fd duplications from the words', () => {
    const [c] = parseScript('nc -z db 5432 >/dev/null 2>&1');
    assert.deepEqual(c?.words, ['nc', '-z', 'db', '5432']);
    assert.deepEqual(c?.redirects, ['/dev/null']);
  });

  it('never throws on unbalanced quotes or parentheses', () => {
    for (const s of ['until nc -z "db 5432; do', "echo 'x", 'echo $(foo', 'a && || ;; ((', '${']) {
      assert.doesNotThrow(() => parseScript(s));
    }
  });
});

describe('parseAddress / imageRepository', () => {
  const table: [string, { host: string; port?: number } | undefined][] = [
    ['http://mydb:8080/health', { host: 'mydb', port: 8080 }],
    ['https://vault/v1', { host: 'vault', port: 443 }],
    ['tcp://db:5432', { host: 'db', port: 5432 }],
    ['mydb:5432', { host: 'mydb', port: 5432 }],
    ['http://user@svc.ns:81', { host: 'svc.ns', port: 81 }],
    ['http://[fd00::1]:80/', { host: 'fd00::1', port: 80 }],
  ];
  for (const [text, want] of table) it(`parses ${text}`, () => assert.deepEqual(parseAddress(text), want));

  it('names image repositories without registry and library/', () => {
    assert.equal(imageRepository('docker.io/library/busybox:1.36'), 'busybox');
    assert.equal(imageRepository('busybox'), 'busybox');
    assert.equal(imageRepository('registry.k8s.io/e2e-test-images/busybox:1.29-4'), 'e2e-test-images/busybox');
    assert.equal(imageRepository('localhost:5000/nginx:1.2'), 'nginx');
    assert.equal(imageRepository('bitnami/redis@sha256:abc'), 'bitnami/redis');
  });
});

describe('waitLoop: the container around the command', () => {
  const pod: Pod = { metadata: { name: 'p', namespace: 'checkout' } };
  it('puts a wait-tool image entrypoint back when only args are set', () => {
    assert.deepEqual(effectiveArgv({ name: 'w', image: 'jwilder/dockerize:0.6.1', args: ['-wait', 'tcp://db:5432'] }), ['dockerize', '-wait', 'tcp://db:5432']);
    assert.deepEqual(effectiveArgv({ name: 'w', image: 'ghcr.io/eficode/wait-for:v2.2.4', args: ['db:5432', '--', 'echo'] }), ['wait-for', 'db:5432', '--', 'echo']);
    // An explicit command, or an image that is not a wait tool, is left as written.
    assert.deepEqual(effectiveArgv({ name: 'w', image: 'jwilder/dockerize', command: ['sh'], args: ['-c', 'x'] }), ['sh', '-c', 'x']);
    assert.deepEqual(effectiveArgv({ name: 'w', image: 'busybox', args: ['-wait'] }), ['-wait']);
    const a = analyseContainer(pod, { name: 'w', image: 'jwilder/dockerize:0.6.1', args: ['-wait', 'tcp://db:5432', '-timeout', '60s'] });
    assert.deepEqual(a.targets.map((t) => `${t.tool} ${t.host}:${t.port}`), ['dockerize db:5432']);
  });
  it('expands $(VAR) inside env values with the variables defined before, as the kubelet does', () => {
    const c: Container = {
      name: 'w',
      env: [
        { name: 'NS', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
        { name: 'HOST', value: 'redis.$(NS).svc' },
        { name: 'LATER', value: '$(AFTER)' },
        { name: 'AFTER', value: 'x' },
        { name: 'ESCAPED', value: '$$(NS)' },
      ],
    };
    assert.deepEqual(knownVars(pod, c), { NS: 'checkout', HOST: 'redis.checkout.svc', LATER: '$(AFTER)', AFTER: 'x', ESCAPED: '$(NS)' });
  });
});
