import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/init/initWaitingOnMissingService.ts';
import { rule as hanging } from '../../../lib/rules/init/initContainerHanging.ts';
import type { Bundle } from '../../../lib/bundle/types.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

const ID = 'init-waiting-on-missing-service';

const only = (fixture: string) => onlyFinding(fixture, ID);

describe(ID, () => {
  it('the Kubernetes docs myapp-pod: init-myservice waits for a Service that does not exist (busybox 1.28)', () => {
    const f = only(ID);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'init-myservice');
    assert.equal(f.summary, 'Init container init-myservice waits for Service "myservice", which does not exist in namespace default.');
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.initContainers\[0\]\.command: sh -c 'until nslookup myservice\.\$\(cat \/var\/run\/secrets\/kubernetes\.io\/serviceaccount\/namespace\)\.svc\.cluster\.local;/);
    assert.match(ev, /\[status\] status\.initContainerStatuses\{init-myservice\}\.state\.running: running since 2026-11-25T10:00:29Z \(12m\), init container 1 of 2/);
    assert.match(ev, /\[log\] init-myservice: nslookup: can't resolve 'myservice\.default\.svc\.cluster\.local' \(x40\)\nwaiting for myservice \(x40\)/);
    assert.match(ev, /\[absent\] Service\/myservice: not found in namespace default \(Services here: kubernetes\)/);
    assert.doesNotMatch(ev, /Server:|Address 1:/, 'resolver chatter is not evidence');
    assert.equal(f.fixes[0]?.command, 'kubectl create service clusterip myservice --tcp=80:80 -n default');
    assert.match(f.explanation, /running for 12m/);
  });

  it('looks ahead: init-mydb will block next on mydb, with its evidence and fix', () => {
    const f = only(ID);
    assert.match(f.explanation, /After that, init-mydb will block next: it waits for Service "mydb", which does not exist either\./);
    assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[1\]\.command: sh -c 'until nslookup mydb\./);
    assert.match(evidenceText(f), /\[absent\] Service\/mydb: not found in namespace default/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl create service clusterip mydb --tcp=80:80 -n default'));
    assert.ok(f.fixes.some((x) => /Or fix the names in the commands of init-myservice and init-mydb/.test(x.description)));
  });

  it('is the primary cause of the classic pod, and nothing else is a problem', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.pod.status, 'Init:0/2');
    assert.equal(d.findings[0]?.rule, ID);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info').map((f) => f.rule), [ID]);
  });

  it('busybox >= 1.29 output (NXDOMAIN), the Service really missing: still critical', () => {
    const f = only(`${ID}--busybox-1-36`);
    assert.equal(f.severity, 'critical');
    assert.match(evidenceText(f), /\*\* server can't find myservice\.default\.svc\.cluster\.local: NXDOMAIN \(x50\)/);
  });

  it('short name in namespace shop, with a typo suggestion for the existing "my-service"', () => {
    const f = only(`${ID}--short-name`);
    assert.equal(f.summary, 'Init container wait-for-backend waits for Service "myservice", which does not exist in namespace shop.');
    assert.match(f.explanation, /A Service with a close name exists: "my-service"/);
    assert.equal(f.fixes[0]?.command, 'kubectl create service clusterip myservice --tcp=80:80 -n shop');
    assert.match(f.fixes[1]!.description, /did you mean the existing Service "my-service"\?/);
  });

  it('nc -z: the port goes into the create command; the log shows bad address', () => {
    const f = only(`${ID}--nc`);
    assert.match(evidenceText(f), /\[log\] wait-for-db: nc: bad address 'mydb' \(x100\)/);
    assert.equal(f.fixes[0]?.command, 'kubectl create service clusterip mydb --tcp=5432:5432 -n default');
  });

  it('a short name cannot reach a Service in another namespace: says so and gives the qualified name', () => {
    const f = only(`${ID}--other-namespace`);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /waits for Service "postgres" in namespace shop, but that Service exists only in namespace databases/);
    assert.match(f.explanation, /cluster DNS never tries other namespaces/);
    assert.match(evidenceText(f), /\[cluster\] Service\/postgres: exists in namespace databases/);
    assert.match(f.fixes[0]!.description, /until nc -z postgres\.databases 5432; do echo "postgres is unavailable - sleeping"/);
  });

  it('a Service without ready endpoints: selector matches no ready pod', () => {
    const f = only(`${ID}--no-ready-endpoints`);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /waits for Service "ledger-api", which exists but has no ready endpoints/);
    assert.match(f.explanation, /its selector app=ledger-api matches no ready pod/);
    assert.match(evidenceText(f), /\[cluster\] Endpoints\/ledger-api: no ready addresses \(1 not ready\)/);
    assert.equal(f.fixes[0]?.command, 'kubectl get pods -n payments -l app=ledger-api -o wide');
  });

  it('Init:1/2: the second init container blocks after the first one finished', () => {
    const f = only(`${ID}--second-init`);
    assert.equal(f.container, 'init-mydb');
    assert.match(evidenceText(f), /init container 2 of 2/);
    assert.match(evidenceText(f), /Services here: kubernetes, myservice/);
    assert.equal(diagnoseFixture(`${ID}--second-init`).pod.status, 'Init:1/2');
  });

  it('no Service list: still reported from the log, and says what could not be checked', () => {
    const f = only(`${ID}--no-service-list`);
    assert.equal(f.severity, 'critical', 'busybox 1.28 "can\'t resolve" is proof the name does not resolve');
    assert.match(f.summary, /whether it exists in namespace default could not be checked/);
    assert.match(f.explanation, /could not check whether "myservice" exists/);
    assert.ok(!evidenceText(f).includes('[absent]'), 'not provided is never "does not exist"');
    assert.equal(f.fixes[0]?.command, 'kubectl get service myservice -n default');
  });

  it('Init:CrashLoopBackOff: a bounded wait that gives up; supersedes init-container-failed', () => {
    const f = only(`${ID}--crashloop`);
    assert.equal(f.container, 'wait-for-redis');
    assert.match(evidenceText(f), /\[log\] wait-for-redis \(previous\): nc: bad address 'redis' \(x30\)/);
    assert.match(evidenceText(f), /lastState\.terminated: exit code 1 \(Error\)/);
    assert.match(f.fixes[1]!.description, /did you mean the existing Service "redis-master"\?/);
    assert.deepEqual(findingsOf(`${ID}--crashloop`, 'init-container-failed'), []);
  });

  it('with busybox >= 1.29 and no Service list, NXDOMAIN alone is only a warning and the quirk is named', () => {
    const [f] = checkWith(`${ID}--busybox-1-36`, rule, (b) => delete b.related.services);
    assert.equal(f?.severity, 'warning');
    assert.match(f!.explanation, /nslookup can fail even for names that exist/);
  });

  it('a qualified name in a namespace the Service list does not cover is not called missing', () => {
    const [f] = checkWith(`${ID}--nc`, rule, (b) => {
      b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nc -z mydb.data 5432; do sleep 2; done'];
    });
    assert.ok(f);
    assert.ok(!evidenceText(f).includes('[absent]'));
    assert.match(f.summary, /could not be checked/);
  });

  it('restartPolicy Never: the pod failed for good and must be re-created', () => {
    const [f] = checkWith(`${ID}--crashloop`, rule, (b) => {
      b.pod.spec!.restartPolicy = 'Never';
      b.pod.status!.phase = 'Failed';
      const s = b.pod.status!.initContainerStatuses![0]!;
      s.state = { terminated: s.lastState!.terminated! };
      s.lastState = {};
      b.logs['wait-for-redis'] = { current: b.logs['wait-for-redis']!.previous! };
    });
    assert.ok(f);
    assert.match(f.explanation, /failed for good and must be re-created/);
    assert.match(f.fixes.at(-1)!.command!, /^kubectl get pod worker-84d6f9c7d5-2jx9w -n default -o yaml \| kubectl replace --force -f -$/);
  });

  it('a connect check on a port the Service does not expose', () => {
    const [f] = checkWith(`${ID}--no-ready-endpoints`, rule, (b) => {
      b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nc -z ledger-api 9090; do sleep 2; done'];
      b.logs = {};
    });
    assert.ok(f);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /connects to Service "ledger-api" on port 9090, which the Service does not expose \(its ports: 8080\)/);
  });

  it('a Service that exists when endpoints were not provided: warning, says what could not be checked', () => {
    const [f] = checkWith(`${ID}--no-ready-endpoints`, rule, (b) => delete b.related.endpoints);
    assert.ok(f);
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /which exists; whether a ready pod backs it could not be checked/);
    assert.equal(f.fixes[0]?.command, 'kubectl get endpoints ledger-api -n payments');
  });

  describe('does not fire', () => {
    it('when the Service exists with ready endpoints (busybox 1.28)', () => {
      assert.deepEqual(findingsOf(`${ID}--not-service-ready`, ID), []);
    });
    it('when the init containers are done, even though their old logs show the wait', () => {
      assert.deepEqual(findingsOf(`${ID}--not-init-done`, ID), []);
      assert.equal(diagnoseFixture(`${ID}--not-init-done`).healthy, true);
    });
    it('on an external host (api.github.com): init-container-hanging speaks instead', () => {
      assert.deepEqual(findingsOf(`${ID}--not-external-host`, ID), []);
      assert.deepEqual(findingsOf(`${ID}--not-external-host`, 'init-container-hanging').map((f) => [f.container, f.severity]), [['wait-for-egress', 'warning']]);
    });
    it('on an IP address', () => {
      assert.deepEqual(
        checkWith(`${ID}--nc`, rule, (b) => {
          b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nc -z 10.96.12.34 5432; do sleep 2; done'];
        }),
        [],
      );
    });
    it('when the init container already exited 0', () => {
      assert.deepEqual(
        checkWith(ID, rule, (b) => {
          const s = b.pod.status!.initContainerStatuses!;
          s[0]!.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-11-25T10:00:29Z', finishedAt: '2026-11-25T10:01:00Z' } };
          s[1]!.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: '2026-11-25T10:01:01Z', finishedAt: '2026-11-25T10:01:02Z' } };
        }),
        [],
      );
    });
    it('when an unchecked wait has just started and its log proves nothing', () => {
      assert.deepEqual(
        checkWith(`${ID}--no-service-list`, rule, (b) => {
          b.logs = {};
          b.now = '2026-11-25T10:00:59Z';
        }),
        [],
      );
    });
    it('on a ClusterIP Service that exists when the loop only looks the name up (endpoints do not matter to DNS)', () => {
      assert.deepEqual(
        checkWith(`${ID}--no-ready-endpoints`, rule, (b) => {
          b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nslookup ledger-api; do sleep 2; done'];
          b.logs = {};
        }),
        [],
      );
    });
  });

  describe('checks written in other shapes', () => {
    it('a dockerize image given only args: the entrypoint is the wait tool', () => {
      const [f] = findingsOf(`${ID}--dockerize-args`, ID);
      assert.equal(f?.severity, 'critical');
      assert.equal(f!.summary, 'Init container wait-for-db waits for Service "postgres", which does not exist in namespace default.');
      assert.match(f!.explanation, /retrying "dockerize -wait tcp:\/\/postgres:5432 -timeout 600s"/);
      // Timestamped repeats collapse into one line with a count.
      assert.match(evidenceText(f!), /Problem with dial: dial tcp: lookup postgres on 10\.96\.0\.10:53: no such host\. Sleeping 1s \(x40\)/);
      assert.equal(f!.fixes[0]?.command, 'kubectl create service clusterip postgres --tcp=5432:5432 -n default');
      assert.match(f!.fixes[1]!.description, /did you mean the existing Service "postgresql"\?/);
    });

    it('psql -h "$PGHOST" with PGHOST from env', () => {
      const [f] = findingsOf(`${ID}--psql`, ID);
      assert.equal(f?.container, 'wait-for-postgres');
      assert.match(f!.summary, /waits for Service "app-db", which does not exist in namespace default/);
      assert.match(evidenceText(f!), /\[absent\] Service\/app-db: not found in namespace default \(Services here: app-db-rw, kubernetes\)/);
      assert.equal(f!.fixes[0]?.command, 'kubectl create service clusterip app-db --tcp=5432:5432 -n default');
    });

    it('a host composed by the kubelet from env vars ($(REDIS_HOST) = cache-redis-master.$(POD_NAMESPACE).svc.cluster.local)', () => {
      const [f] = findingsOf(`${ID}--env-var-host`, ID);
      assert.match(f!.summary, /waits for Service "cache-redis-master", which does not exist in namespace checkout/);
      assert.equal(f!.fixes[0]?.command, 'kubectl create service clusterip cache-redis-master --tcp=6379:6379 -n checkout');
    });

    it('the pod port (targetPort) instead of the Service port: says which port to use and rewrites the command', () => {
      const [f] = findingsOf(`${ID}--target-port`, ID);
      assert.equal(f?.severity, 'critical');
      assert.match(f!.explanation, /8080 is the pod port its port 80 forwards to \(targetPort\); through the Service, connect to 80/);
      assert.match(f!.fixes[0]!.description, /until nc -z -w 2 inventory 80; do echo "inventory not up yet"; sleep 2; done/);
      assert.equal(f!.fixes[0]?.command, 'kubectl edit service inventory -n default');
    });

    it('a name lookup names no port: the create command says 80 is a placeholder', () => {
      const [f] = findingsOf(ID, ID);
      assert.match(f!.fixes[0]!.description, /nslookup checks only the name, so use the port the app really serves instead of 80/);
    });

    it('numbers the init container as kubectl does, native sidecars included', () => {
      const [f] = checkWith(`${ID}--nc`, rule, (b) => {
        b.pod.spec!.initContainers!.unshift({ name: 'proxy', image: 'envoyproxy/envoy:v1.29', restartPolicy: 'Always' });
      });
      assert.match(f!.explanation, /\(init container 2 of 2\)/);
    });
  });
});

// A still-running init container whose command does not show what it checks (a script file, a host in a
// variable, a paste without the command), and whose log's newest line is a lookup of a cluster name failing.
describe('init-waiting-on-missing-service: one lookup failure in a still-running init container', () => {
  const RUNNING = `${ID}--running-one-lookup-failure`;

  it('busybox nc\'s "bad address" as the last line of a running init container with a script command: the name it names', () => {
    const f = onlyFinding(RUNNING, ID);
    assert.equal(f.container, 'wait-for-db');
    assert.match(f.summary, /waits for Service "mysql", whose name does not resolve/);
    assert.match(f.explanation, /its command does not show it; its log names it/);
    assert.match(f.explanation, /failing once/);
    assert.match(evidenceText(f), /\[log\] wait-for-db: nc: bad address 'mysql'/);
    assert.deepEqual(findingsOf(RUNNING, 'init-container-hanging'), []);
  });

  it('a get pods row at Init:0/N and busybox 1.28 nslookup\'s one failure, its resolver lines around it', () => {
    assert.match(onlyFinding(`${ID}--get-pods-one-lookup-failure`, ID).summary, /Init container init-myservice waits for Service "myservice"/);
  });

  it('other wordings of one failure: wget, Go, curl, getaddrinfo of netcat-openbsd, and a Service qualified with its namespace', () => {
    for (const [line, service] of [
      ["wget: bad address 'mysql'", 'mysql'],
      ['dial tcp: lookup mysql on 10.96.0.10:53: no such host', 'mysql'],
      ['curl: (6) Could not resolve host: mysql.data', 'mysql'],
      ['nc: getaddrinfo for host "mysql.data.svc.cluster.local" port 3306: Name or service not known', 'mysql'],
    ] as const) {
      const [f] = checkWith(RUNNING, rule, (b) => (b.logs['wait-for-db'] = { current: { text: `${line}\n` } }));
      assert.match(f?.summary ?? '', new RegExp(`waits for Service "${service}"`), line);
    }
  });

  it('a host the command reads from a variable: the log names the one it got', () => {
    const [f] = checkWith(RUNNING, rule, (b) => {
      b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nc -z -w 2 "$DB_HOST" 3306; do sleep 2; done'];
    });
    assert.match(f?.summary ?? '', /waits for Service "mysql"/);
  });

  /** The running init container's log, and its start `ranMs` before the bundle's moment (undefined: no time known). */
  const withRun = (log: string, ranMs: number | undefined) => (b: Bundle) => {
    b.logs['wait-for-db'] = { current: { text: log } };
    const running = b.pod.status!.initContainerStatuses![0]!.state!.running!;
    if (ranMs === undefined) {
      delete running.startedAt;
      delete b.pod.status!.startTime;
      delete b.pod.metadata!.creationTimestamp;
    } else running.startedAt = new Date(Date.parse(b.now) - ranMs).toISOString().replace('.000', '');
  };

  // review4 #8: one failure a few seconds into the run is a first try.
  it('one failure counts only once the container has run past a first try; with no time known, a paste of a stuck pod counts', () => {
    const once = "nc: bad address 'mysql'\n";
    assert.deepEqual(checkWith(RUNNING, rule, withRun(once, 4_000)), []);
    assert.match(checkWith(RUNNING, rule, withRun(once, 2 * 60_000))[0]?.summary ?? '', /waits for Service "mysql"/);
    assert.match(checkWith(RUNNING, rule, withRun(once, undefined))[0]?.summary ?? '', /waits for Service "mysql"/);
    // A loop's own echo after the failure shows a retry: no first-try grace needed.
    assert.match(checkWith(RUNNING, rule, withRun(`${once}waiting for mysql\n`, 4_000))[0]?.summary ?? '', /waits for Service "mysql"/);
  });

  // review4 #11: a tool that gives up on its first failure is no retry.
  it("one failure is not called a retry: git's fatal exits on it, and what the script does next is not shown", () => {
    const [f] = checkWith(RUNNING, rule, withRun("Cloning into '/work'...\nfatal: unable to access 'https://gitea/org/app.git/': Could not resolve host: gitea\n", 11 * 60_000));
    assert.match(f?.summary ?? '', /waits for Service "gitea"/);
    assert.doesNotMatch(f?.explanation ?? '', /retrying/);
    assert.match(f?.explanation ?? '', /the last thing it printed is the failure of its check of "gitea"/);
  });

  // review4 #9: the log as the paste reader hands it over, cut at busybox's `Name:` line.
  it("busybox nslookup's answer after the failure, or the next lookup's resolver lines without a failure: no wait", () => {
    const failed = "nslookup: can't resolve 'mysql'\nwaiting for mysql\nServer:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n";
    assert.deepEqual(checkWith(RUNNING, rule, withRun(failed, 11 * 60_000)), []);
    assert.deepEqual(checkWith(RUNNING, rule, withRun(`${failed}Address 1: 10.96.3.4 mysql.blog.svc.cluster.local\n`, 11 * 60_000)), []);
  });

  // review4 #10: names that are no Service to create, from one failure and from a loop.
  describe('names that are not a missing Service', () => {
    const long = 11 * 60_000;
    it("kubernetes.default is the API server's Service: never \"create Service kubernetes\"; init-container-hanging says the pod's DNS fails", () => {
      for (const log of ["nslookup: can't resolve 'kubernetes.default'\n", "nslookup: can't resolve 'kubernetes.default'\nwaiting for dns\n".repeat(3)]) {
        assert.deepEqual(checkWith(RUNNING, rule, withRun(log, long)), [], log);
        const [h] = checkWith(RUNNING, hanging, withRun(log, long));
        assert.match(h?.explanation ?? '', /kubernetes\.default is the API server's Service, which every cluster has: its lookup failing means the pod's DNS does not work/);
        assert.ok(h?.fixes.some((x) => x.command === 'kubectl get pods -n kube-system -l k8s-app=kube-dns -o wide'));
      }
      const byCommand = checkWith(RUNNING, rule, (b) => {
        withRun("nslookup: can't resolve 'kubernetes.default.svc.cluster.local'\n".repeat(5), long)(b);
        b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nslookup kubernetes.default.svc.cluster.local; do sleep 2; done'];
      });
      assert.deepEqual(byCommand, []);
    });
    it("the pod's own name: no Service; init-container-hanging says cluster DNS does not serve it", () => {
      const own = (b: Bundle) => withRun(`nslookup: can't resolve '${b.pod.metadata!.name}'\n`, long)(b);
      assert.deepEqual(checkWith(RUNNING, rule, own), []);
      assert.match(checkWith(RUNNING, hanging, own)[0]?.explanation ?? '', /is this pod's own name, which cluster DNS does not serve/);
    });
    it('a pod behind a headless Service (mysql-0.mysql): not from one failure; from a loop, the pod and its Service, never "Service mysql-0 in namespace mysql"', () => {
      assert.deepEqual(checkWith(RUNNING, rule, withRun("nslookup: can't resolve 'mysql-0.mysql'\n", long)), []);
      assert.match(checkWith(RUNNING, hanging, withRun("nslookup: can't resolve 'mysql-0.mysql'\n", long))[0]?.explanation ?? '', /mysql-0\.mysql is pod mysql-0 behind the headless Service "mysql"/);
      const [f] = checkWith(RUNNING, rule, withRun("nslookup: can't resolve 'mysql-0.mysql'\nwaiting for mysql\n".repeat(3), long));
      assert.match(f?.summary ?? '', /waits for pod mysql-0 of headless Service "mysql", whose name does not resolve: the Service is missing, or the pod is not running and ready/);
      assert.deepEqual(f?.fixes.map((x) => x.command), ['kubectl get pod/mysql-0 service/mysql -n blog']);
    });
  });

  describe('does not fire', () => {
    it('when the init container exited with the failure: its own failure (init-container-failed)', () => {
      const name = `${ID}--not-terminated-one-lookup-failure`;
      assert.deepEqual(findingsOf(name, ID), []);
      assert.equal(onlyFinding(name, 'init-container-failed').container, 'wait-for-db');
    });
    it('on an external name (plugins.example.org): no Service, so init-container-hanging speaks', () => {
      const name = `${ID}--not-external-one-lookup-failure`;
      assert.deepEqual(findingsOf(name, ID), []);
      assert.equal(onlyFinding(name, 'init-container-hanging').container, 'fetch-plugins');
    });
    it('in an app container, which may log a failed lookup and go on', () => {
      const name = `${ID}--not-app-one-lookup-failure`;
      assert.deepEqual(findingsOf(name, ID), []);
      assert.ok(diagnoseFixture(name).findings.every((f) => f.rule !== ID && f.rule !== 'init-container-hanging'));
    });
    it('when the name resolved after the failure: the wait ended', () => {
      const resolved = "nslookup: can't resolve 'mysql'\nServer:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      mysql\nAddress 1: 10.104.7.21 mysql.blog.svc.cluster.local\n";
      assert.deepEqual(checkWith(RUNNING, rule, (b) => (b.logs['wait-for-db'] = { current: { text: resolved } })), []);
    });
    it('when the command names a host of its own (an IP): the log does not override it', () => {
      assert.deepEqual(checkWith(RUNNING, rule, (b) => (b.pod.spec!.initContainers![0]!.command = ['sh', '-c', 'until nc -z 10.96.12.34 3306; do sleep 2; done'])), []);
    });
    it('when only the previous run printed it (the running one printed nothing yet)', () => {
      assert.deepEqual(
        checkWith(RUNNING, rule, (b) => (b.logs['wait-for-db'] = { previous: b.logs['wait-for-db']!.current! })),
        [],
      );
    });
    it('when the failure names no host (OpenBSD nc, Python): nothing says what it waits for', () => {
      assert.deepEqual(checkWith(RUNNING, rule, (b) => (b.logs['wait-for-db'] = { current: { text: 'nc: getaddrinfo: Name or service not known\n' } })), []);
    });
  });
});
