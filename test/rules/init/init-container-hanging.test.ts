import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/init/initContainerHanging.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, loadFixture, onlyFinding } from '../../support/fixtures.ts';
import { readShell } from '../../support/shellSyntax.ts';

const ID = 'init-container-hanging';

const only = (fixture: string) => onlyFinding(fixture, ID);

describe(ID, () => {
  it('waits 25m for a file on an emptyDir nobody writes: critical, names the volume', () => {
    const f = only(ID);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'wait-for-data');
    assert.equal(f.summary, 'Init container wait-for-data has been waiting 25m for the file /data/ready to appear.');
    assert.match(f.explanation, /emptyDir volume "shared", which starts empty .* nothing will ever create the file/);
    assert.match(evidenceText(f), /\[spec\] spec\.volumes\{shared\}: emptyDir/);
    assert.match(evidenceText(f), /\[log\] wait-for-data: waiting for \/data\/ready \(x200\)/);
    assert.equal(f.fixes[0]?.command, 'kubectl exec reporter-6f8b7d9c5-h2kqs -n default -c wait-for-data -- ls -la /data');
  });

  it('the same file wait on a volume something else may write is only a warning before 30m', () => {
    const [f] = checkWith(ID, rule, (b) => {
      b.pod.spec!.volumes![0] = { name: 'shared', persistentVolumeClaim: { claimName: 'reports' } };
      b.now = '2026-11-25T07:25:00Z';
    });
    assert.equal(f?.severity, 'warning');
    assert.match(f!.explanation, /check that whatever should write it is running/);
  });

  it('a server in initContainers (nginx image, no command): a daemon, made a native sidecar of its Deployment', () => {
    const f = only(`${ID}--daemon`);
    assert.equal(f.severity, 'critical');
    assert.equal(f.summary, "Init container web is a daemon: it runs the nginx image's default command (a server), which does not exit, and init containers must exit before the app containers start.");
    assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[0\]\.image: nginx:1\.27\.3/);
    assert.match(evidenceText(f), /\[log\] web: .*start worker processes/);
    assert.equal(
      f.fixes[0]?.command,
      `kubectl patch deployment/site -n default --type json -p '[{"op":"test","path":"/spec/template/spec/initContainers/0/name","value":"web"},{"op":"add","path":"/spec/template/spec/initContainers/0/restartPolicy","value":"Always"}]'`,
    );
  });

  it('a wait on a raw IP for 41m: clearly stuck, reproduce with kubectl exec', () => {
    const f = only(`${ID}--ip`);
    assert.equal(f.severity, 'critical');
    assert.match(f.explanation, /10\.20\.0\.15:5432 is an IP address, not a Service name/);
    assert.equal(f.fixes[0]?.command, 'kubectl exec billing-7d8c9b6f5-x7p2r -n finance -c wait-for-db -- nc -z -w 3 10.20.0.15 5432');
  });

  it('an external host that does not resolve from the pod: warning, says egress/DNS', () => {
    const f = only('init-waiting-on-missing-service--not-external-host');
    assert.equal(f.severity, 'warning');
    assert.match(f.explanation, /api\.github\.com is a name outside the cluster, and the name api\.github\.com does not resolve from inside the pod/);
  });

  it('busybox (latest) nslookup loops although the Service exists: the >= 1.29 quirk, fix pins 1.28', () => {
    const f = only(`${ID}--busybox-nslookup`);
    assert.equal(f.severity, 'warning');
    assert.match(f.summary, /keeps retrying "nslookup myservice" although Service "myservice" exists/);
    assert.match(evidenceText(f), /\[cluster\] Service\/myservice: exists in namespace default/);
    assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[0\]\.image: busybox$/m);
    assert.match(f.fixes[0]!.description, /Pin busybox 1\.28/);
    assert.match(f.fixes[1]!.description, /busybox has no getent/);
    assert.deepEqual(findingsOf(`${ID}--busybox-nslookup`, 'init-waiting-on-missing-service'), [], 'the Service exists: not "missing"');
  });

  it('getent in a busybox image: the tool is missing, the loop can never end', () => {
    const f = only(`${ID}--tool-missing`);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /loops on "getent hosts mydb", but getent is not installed in its image busybox:1\.36/);
    assert.match(evidenceText(f), /\[log\] wait-for-mydb: sh: getent: not found \(x100\)/);
    assert.match(f.fixes[0]!.description, /nc -z mydb 3306/);
  });

  it('is superseded by init-waiting-on-missing-service on the same container', () => {
    const d = diagnoseFixture('init-waiting-on-missing-service');
    assert.deepEqual(d.findings.filter((f) => f.rule === ID), []);
  });

  describe('does not fire', () => {
    it('on a native sidecar (restartPolicy: Always) running for hours', () => {
      assert.deepEqual(findingsOf(`${ID}--not-native-sidecar`, ID), []);
    });
    it('before 5 minutes for an ordinary wait', () => {
      assert.deepEqual(checkWith(`${ID}--ip`, rule, (b) => (b.now = '2026-11-25T05:04:00Z')), []);
    });
    it('on an init container that is not running (CrashLoopBackOff belongs to init-container-failed)', () => {
      assert.deepEqual(findingsOf('init-container-failed', ID), []);
    });
    it('on a Service that exists with busybox 1.28 shortly after it appeared', () => {
      assert.deepEqual(findingsOf('init-waiting-on-missing-service--not-service-ready', ID), []);
    });
    it('when the running time is unknown (no startedAt)', () => {
      assert.deepEqual(checkWith(`${ID}--daemon`, rule, (b) => delete b.pod.status!.initContainerStatuses![0]!.state!.running!.startedAt), []);
    });
  });

  describe('waits that can never pass while init containers run', () => {
    it('Istio: istio-init redirects the wait to a proxy that starts only after the init containers', () => {
      const f = only(`${ID}--istio-redirect`);
      assert.equal(f.severity, 'critical');
      assert.equal(f.container, 'wait-for-postgres');
      assert.match(f.summary, /cannot reach postgres:5432: istio-init has already redirected the pod's outbound traffic to the Istio proxy/);
      assert.match(f.explanation, /although Service "postgres" exists and has ready endpoints/);
      assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[0\]\.image: docker\.io\/istio\/proxyv2:1\.20\.3 \(istio-init/);
      assert.match(evidenceText(f), /\[log\] wait-for-postgres: nc: can't connect to remote host \(10\.96\.41\.7\): Connection refused \(x30\)/);
      assert.equal(
        f.fixes[0]?.command,
        `kubectl patch deployment/orders-api -n shop -p '{"spec":{"template":{"metadata":{"annotations":{"traffic.sidecar.istio.io/excludeOutboundPorts":"5432"}}}}}'`,
      );
      assert.match(f.fixes[1]!.description, /runAsUser: 1337/);
      // The Service is fine, so the missing-service rule stays silent and this is the primary cause.
      assert.equal(diagnoseFixture(`${ID}--istio-redirect`).findings[0]?.rule, ID);
    });

    it('Istio: not when the init container runs as the proxy user, whose traffic is not redirected', () => {
      const found = checkWith(`${ID}--istio-redirect`, rule, (b) => {
        b.pod.spec!.initContainers![1]!.securityContext = { runAsUser: 1337 };
      });
      assert.doesNotMatch(found[0]?.summary ?? '', /redirected/);
    });

    it('Istio: not when the proxy is a native sidecar that runs during the init phase', () => {
      const found = checkWith(`${ID}--istio-redirect`, rule, (b) => {
        b.pod.spec!.initContainers!.unshift({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.20.3', restartPolicy: 'Always' });
      });
      assert.doesNotMatch(found[0]?.summary ?? '', /redirected/);
    });

    it('localhost: nothing in the pod listens while init containers run', () => {
      const f = only(`${ID}--localhost`);
      assert.equal(f.severity, 'critical');
      assert.equal(f.summary, 'Init container wait-for-sidecar waits for localhost:15021, but while init containers run nothing else in the pod is started to listen there.');
      assert.match(f.explanation, /the pod declares no native sidecar before wait-for-sidecar/);
      assert.match(f.fixes[1]!.description, /restartPolicy: Always placed before wait-for-sidecar/);
    });

    it('localhost: with a native sidecar declared before it, the wait may pass and is not called impossible', () => {
      const [f] = checkWith(`${ID}--localhost`, rule, (b) => {
        b.pod.spec!.initContainers!.unshift({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.22.0', restartPolicy: 'Always' });
      });
      assert.equal(f?.severity, 'warning');
      assert.match(f!.explanation, /localhost:15021 is inside the pod, where only the native sidecar istio-proxy can serve it/);
    });

    it('RBAC: an API wait (k8s-wait-for) that the API server answers Forbidden', () => {
      const f = only(`${ID}--rbac-forbidden`);
      assert.equal(f.severity, 'critical');
      assert.match(f.summary, /service account default\/myrel-api may not get them \(Forbidden\)/);
      assert.match(evidenceText(f), /\[log\] wait-for-migrations: Error from server \(Forbidden\): jobs\.batch "myrel-migrate" is forbidden/);
      assert.equal(
        f.fixes[0]?.command,
        'kubectl create role myrel-api-jobs-reader --verb=get,list,watch --resource=jobs.batch -n default && kubectl create rolebinding myrel-api-jobs-reader --role=myrel-api-jobs-reader --serviceaccount=default:myrel-api -n default',
      );
      assert.equal(f.fixes[1]?.command, 'kubectl auth can-i get jobs.batch --as=system:serviceaccount:default:myrel-api -n default');
    });
  });

  describe('daemons in initContainers', () => {
    /** The JSON patch of a `kubectl patch … -p '…'` command, checked as a paste-able shell line and as RFC 6902 operations. */
    function jsonPatchOf(command: string | undefined): { op: string; path: string; from?: string; value?: unknown }[] {
      assert.ok(command);
      const syntax = readShell(command);
      assert.equal(syntax.unbalanced, false, command);
      for (const words of syntax.commands) assert.equal(words[0], 'kubectl', command);
      const m = / --type json -p '([^']*)'/.exec(command);
      assert.ok(m, `a single-quoted JSON patch in ${command}`);
      const ops = JSON.parse(m[1]!) as { op: string; path: string; from?: string; value?: unknown }[];
      assert.ok(Array.isArray(ops) && ops.length === 2);
      assert.equal(ops[0]!.op, 'test', 'the name is tested before anything changes');
      assert.match(ops[0]!.path, /^\/spec(?:\/template\/spec)?\/initContainers\/\d+\/name$/);
      for (const op of ops) assert.match(op.path, /^\/spec(?:\/template\/spec)?\/(?:initContainers|containers)\/(?:\d+|-)(?:\/\w+(?:\/-)?)?$/);
      return ops;
    }

    it('Cloud SQL proxy (image entrypoint, args only) serving on 127.0.0.1:5432 for 3m: critical, a native-sidecar patch with the right index', () => {
      const f = only(`${ID}--cloud-sql-proxy`);
      assert.equal(f.severity, 'critical');
      assert.equal(f.container, 'cloud-sql-proxy');
      assert.equal(
        f.summary,
        'Init container cloud-sql-proxy is a daemon: it runs cloud-sql-proxy (a Cloud SQL proxy), which does not exit, and init containers must exit before the app containers start.',
      );
      const ev = evidenceText(f);
      assert.match(ev, /\[spec\] spec\.initContainers\[0\]\.args: --port=5432 --private-ip acme-prod:us-central1:orders-db/);
      assert.match(ev, /\[spec\] spec\.initContainers\[0\]\.image: gcr\.io\/cloud-sql-connectors\/cloud-sql-proxy:2\.14\.1/);
      assert.match(ev, /\[spec\] spec\.initContainers\[0\]\.restartPolicy: not set/);
      assert.match(ev, /\[status\] status\.initContainerStatuses\{cloud-sql-proxy\}\.state\.running: running for 3m12s/);
      assert.match(ev, /\[log\] cloud-sql-proxy: .*Listening on 127\.0\.0\.1:5432/);
      assert.match(ev, /ready for new connections!/);
      assert.match(f.explanation, /init container with restartPolicy: Always is a native sidecar \(Kubernetes 1\.29\+\)/);
      assert.match(f.fixes[0]!.description, /Kubernetes 1\.29 or newer/);
      assert.equal(
        f.fixes[0]!.command,
        `kubectl patch deployment/orders-api -n shop --type json -p '[{"op":"test","path":"/spec/template/spec/initContainers/0/name","value":"cloud-sql-proxy"},{"op":"add","path":"/spec/template/spec/initContainers/0/restartPolicy","value":"Always"}]'`,
      );
      assert.deepEqual(jsonPatchOf(f.fixes[0]!.command)[1], { op: 'add', path: '/spec/template/spec/initContainers/0/restartPolicy', value: 'Always' });
      assert.match(f.fixes[1]!.description, /the later init container db-migrate would run without it/);
      assert.deepEqual(jsonPatchOf(f.fixes[1]!.command)[1], { op: 'move', from: '/spec/template/spec/initContainers/0', path: '/spec/template/spec/containers/-' });
      assert.equal(diagnoseFixture(`${ID}--cloud-sql-proxy`).findings[0]?.rule, ID);
    });

    it('the patch index counts the template, not init containers a mesh injected into the pod', () => {
      const [f] = checkWith(`${ID}--cloud-sql-proxy`, rule, (b) => {
        b.pod.metadata!.annotations = { 'sidecar.istio.io/status': '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"]}' };
        b.pod.spec!.initContainers!.unshift({ name: 'istio-init', image: 'docker.io/istio/proxyv2:1.22.3', args: ['istio-iptables', '-p', '15001', '-u', '1337'] });
        b.pod.status!.initContainerStatuses!.unshift({ name: 'istio-init', ready: true, restartCount: 0, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
      });
      assert.match(evidenceText(f!), /\[spec\] spec\.initContainers\[1\]\.args/);
      assert.deepEqual(jsonPatchOf(f!.fixes[0]!.command)[0], { op: 'test', path: '/spec/template/spec/initContainers/0/name', value: 'cloud-sql-proxy' });
    });

    it('a daemon with a serving log is named after a minute; not at 30 s', () => {
      assert.equal(checkWith(`${ID}--cloud-sql-proxy`, rule, (b) => (b.now = '2026-11-25T10:02:10Z')).length, 1);
      assert.deepEqual(checkWith(`${ID}--cloud-sql-proxy`, rule, (b) => (b.now = '2026-11-25T10:01:35Z')), []);
    });

    it('sleep infinity after real work in a bare pod: drop the sleep, by re-creating the pod', () => {
      const f = only(`${ID}--sleep-infinity`);
      assert.equal(f.severity, 'critical');
      assert.equal(f.container, 'hold');
      assert.match(f.summary, /^Init container hold is a daemon: it runs sleep infinity, which does not exit/);
      assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[1\]\.command: sh -c 'cp \/work\/app\.conf \/etc\/app\/ && echo config ready && sleep infinity'/);
      assert.match(f.fixes[0]!.description, /Drop the final sleep infinity from hold's script.*Pod report-debug has no controller/);
      assert.equal(
        f.fixes[0]!.command,
        `kubectl get pod report-debug -n analytics -o json | kubectl patch --local -f - --type json -p '[{"op":"test","path":"/spec/initContainers/1/name","value":"hold"},{"op":"replace","path":"/spec/initContainers/1/command","value":["sh","-c","cp /work/app.conf /etc/app/ && echo config ready"]}]' -o json | kubectl replace --force -f -`,
      );
      assert.deepEqual(jsonPatchOf(f.fixes[0]!.command)[1]!.value, ['sh', '-c', 'cp /work/app.conf /etc/app/ && echo config ready']);
      assert.match(f.fixes[1]!.description, /^Or move hold to containers, if it is kept running on purpose/);
    });

    it('a bare sleep infinity, nothing else: remove it', () => {
      const [f] = checkWith(`${ID}--sleep-infinity`, rule, (b) => (b.pod.spec!.initContainers![1]!.command = ['sleep', 'infinity']));
      assert.deepEqual(jsonPatchOf(f!.fixes[0]!.command)[1], { op: 'remove', path: '/spec/initContainers/1' });
    });

    it('vault agent without -exit-after-auth on a 1.27 node: moving it comes first, then -exit-after-auth, then the sidecar with the version note', () => {
      const f = only(`${ID}--vault-agent`);
      assert.match(f.summary, /it runs vault agent \(an agent that keeps running unless given -exit-after-auth\)/);
      assert.match(evidenceText(f), /\[log\] vault-agent: ==> Vault Agent started!/);
      assert.deepEqual(jsonPatchOf(f.fixes[0]!.command)[1]!.op, 'move');
      assert.deepEqual(jsonPatchOf(f.fixes[1]!.command)[1], { op: 'add', path: '/spec/template/spec/initContainers/0/args/-', value: '-exit-after-auth' });
      assert.match(f.fixes[2]!.description, /Node worker-7 runs kubelet v1\.27\.9, older than 1\.29/);
      assert.match(f.fixes[2]!.command ?? '', /^kubectl patch statefulset\/ledger -n finance --type json -p /);
      const [newer] = checkWith(`${ID}--vault-agent`, rule, (b) => delete b.related.nodes);
      assert.equal(jsonPatchOf(newer!.fixes[0]!.command)[1]!.value, 'Always', 'without a node list the native sidecar comes first');
    });

    it('an unknown command whose log shows it serving, past 5 minutes: a daemon by inference; a Job gets words, and no move to containers', () => {
      const f = only(`${ID}--serving-log`);
      assert.equal(f.severity, 'critical');
      assert.match(f.summary, /^Init container report-api is a daemon: its log shows it serving \('time=.* msg="Listening on :8080"'\) and it has not exited after 14m/);
      assert.match(f.explanation, /this rests on its log and on how long it has run, an inference/);
      assert.equal(f.fixes.length, 1);
      assert.equal(f.fixes[0]!.command, undefined);
      assert.match(f.fixes[0]!.description, /Job nightly-export-29420160's pod template cannot be changed: make the change at spec\.template\.spec\.initContainers\[0\]/);
      assert.match(f.fixes[0]!.description, /would keep the pod from ever completing/);
      assert.deepEqual(checkWith(`${ID}--serving-log`, rule, (b) => (b.now = '2026-11-25T02:04:00Z')), [], 'before 5 minutes a log alone is not enough');
    });

    describe('look-alikes', () => {
      it('the same proxy as a native sidecar (restartPolicy: Always): healthy', () => {
        const d = diagnoseFixture(`${ID}--not-native-sidecar-proxy`);
        assert.equal(d.healthy, true);
        assert.deepEqual(d.findings, []);
      });
      it('a migration that is just slow (4m, not a daemon): nothing; past 5m only the generic finding', () => {
        assert.deepEqual(findingsOf(`${ID}--not-slow-migration`, ID), []);
        const [later] = checkWith(`${ID}--not-slow-migration`, rule, (b) => (b.now = '2026-11-25T09:20:00Z'));
        assert.doesNotMatch(later!.summary, /daemon/);
      });
      it('sleep 5 before seeding a cache: nothing', () => {
        assert.deepEqual(findingsOf(`${ID}--not-short-sleep`, ID), []);
      });
      it('a wait loop (until nslookup / nc -z) is a wait, not a daemon', () => {
        for (const fixture of ['init-waiting-on-missing-service', `${ID}--ip`, `${ID}--localhost`]) {
          for (const f of rule.check(loadFixture(fixture))) assert.doesNotMatch(f.summary, /daemon/, fixture);
        }
      });
    });
  });
});
