import { strict as assert } from 'node:assert';
import { rule } from '../../../lib/rules/init/initContainerHanging.ts';
import { checkWith, diagnoseFixture, evidenceText, findingsOf, onlyFinding } from '../../support/fixtures.ts';

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

  it('a server in initContainers (nginx image, no command) never exits: critical, suggests containers or a native sidecar', () => {
    const f = only(`${ID}--daemon`);
    assert.equal(f.severity, 'critical');
    assert.match(f.summary, /Init container web runs the nginx image's default command \(a server\), which never exits/);
    assert.match(evidenceText(f), /\[spec\] spec\.initContainers\[0\]\.image: nginx:1\.27\.3/);
    assert.match(f.fixes[1]!.description, /restartPolicy: Always/);
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
});
