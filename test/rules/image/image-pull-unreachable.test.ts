import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

describe('image-pull-unreachable', () => {
  it('containerd DeadlineExceeded / i/o timeout to k8s.gcr.io', () => {
    const [f] = findingsOf('image-pull-unreachable', 'image-pull-unreachable');
    assert.ok(f);
    assert.equal(f.container, 'e2e');
    assert.equal(f.summary, 'Container e2e cannot pull "k8s.gcr.io/conformance:v1.28.5": connections from node node-a to k8s.gcr.io time out.');
    assert.match(f.explanation, /k8s\.gcr\.io is frozen/);
    assert.equal(f.fixes[0]?.command, 'kubectl debug node/node-a -it --image=busybox:1.36 -- chroot /host crictl pull k8s.gcr.io/conformance:v1.28.5');
    assert.equal(f.fixes.at(-1)?.command, 'kubectl set image pod/e2e-conformance-test e2e=registry.k8s.io/conformance:v1.28.5 -n sonobuoy');
  });

  it('DNS: no such host names the host that does not resolve', () => {
    const [f] = findingsOf('image-pull-unreachable--dns', 'image-pull-unreachable');
    assert.ok(f);
    assert.equal(f.summary, 'Container api cannot pull "registry.exmaple.com/shop/api:2.3.1": node worker-3 cannot resolve registry.exmaple.com.');
    assert.match(evidenceText(f), /\[spec\] spec\.imagePullSecrets: registry-creds/);
  });

  it('TLS: x509 unknown authority points at the runtime\'s certificate directory', () => {
    const [f] = findingsOf('image-pull-unreachable--x509', 'image-pull-unreachable');
    assert.ok(f);
    assert.match(f.summary, /node worker-5 does not trust harbor\.corp\.internal's TLS certificate/);
    assert.ok(f.fixes.some((x) => x.description.includes('/etc/containerd/certs.d/harbor.corp.internal/ca.crt')));
  });

  it('CRI-O 503 without the rpc prefix, old back-off message: the cause comes from the Failed event', () => {
    const [f] = findingsOf('image-pull-unreachable--crio-503', 'image-pull-unreachable');
    assert.ok(f);
    assert.equal(f.summary, 'Container test cannot pull "registry.access.redhat.com/ubi8": registry.access.redhat.com answers 503 Service Unavailable.');
    const evidence = evidenceText(f);
    assert.match(evidence, /\[event\] Warning Failed: Failed to pull image "registry\.access\.redhat\.com\/ubi8": initializing source [^\n]*503 Service Unavailable \(x4\)/);
    assert.match(evidence, /\[event\] Normal BackOff: Back-off pulling image "registry\.access\.redhat\.com\/ubi8" \(x240\)/);
    assert.match(evidence, /imagePullPolicy: Always\n/);
  });

  it('does not fire on a pull that is still in progress', () => {
    assert.deepEqual(findingsOf('image-pull-failed--not-still-pulling', 'image-pull-unreachable'), []);
  });

  it('proxyconnect: blames the runtime\'s proxy, not the registry, and names its address', () => {
    const [f, ...rest] = findingsOf('image-pull-unreachable--proxy', 'image-pull-unreachable');
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.summary, 'Container nginx cannot pull "nginx:1.27": node worker-2 cannot reach docker.io through its proxy 10.0.0.5:3128.');
    assert.match(f.explanation, /HTTP_PROXY \/ HTTPS_PROXY of the containerd or CRI-O service/);
    assert.match(f.fixes[1]!.description, /systemctl show containerd --property=Environment/);
    assert.ok(!f.fixes.some((x) => /crane copy/.test(x.description)), 'copying the image elsewhere does not fix a proxy setting');
  });

  it('connection reset by peer mid-download: a cut connection, not a refused one', () => {
    const [f] = findingsOf('image-pull-unreachable--connection-reset', 'image-pull-unreachable');
    assert.ok(f);
    assert.equal(f.summary, 'Container trainer cannot pull "pytorch/pytorch:2.3.0-cuda12.1-cudnn8-runtime": the connection from node worker-2 to docker.io was cut during the pull.');
    assert.doesNotMatch(f.summary, /refused/);
    assert.match(evidenceText(f), /read: connection reset by peer/);
  });

  it('a registry on its own port: the egress check names that port, not host:port:443', () => {
    const [f] = findingsOf('image-pull-unreachable--registry-port', 'image-pull-unreachable');
    assert.ok(f);
    assert.match(f.summary, /connections from node worker-2 to registry\.internal\.acme\.io:5000 time out/);
    const egress = f.fixes.find((x) => /Check egress/.test(x.description));
    assert.match(egress!.description, /Check egress from the node to registry\.internal\.acme\.io:5000: firewall/);
    assert.doesNotMatch(egress!.description, /:5000:443/);
  });
  it('reads the DNS timeout inside Docker\'s JSON error body (dockershim, Kubernetes ≤1.9)', () => {
    const [f, ...rest] = diagnoseFixture('image-pull-unreachable--daemon-json-dns').findings;
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'image-pull-unreachable');
    assert.equal(f.container, 'tail');
    assert.equal(f.summary, 'Container tail cannot pull "alpine:3.6": node worker-2 cannot resolve registry-1.docker.io.');
    assert.match(evidenceText(f), /\[event\] Warning Failed: Failed to pull image "alpine:3\.6": rpc error: code = 2 desc = Error response from daemon: \{"message":"Get https:\/\/registry-1\.docker\.io\/v2\/: dial tcp: lookup registry-1\.docker\.io on 10\.0\.0\.2:53: [^\n]*i\/o timeout"\}/);
  });
});
