// A pull failure shared with the image name redacted (`xxxx`, `<image>`, `***`, `xxx.xxx/xxx:xxx`) and the
// message copied by hand (`Failed to pull image "xxxx" x509: …`, the colon lost): the error still decides the
// rule, the registry comes from the error (or is REGISTRY), and no conclusion rests on the placeholder name.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { isRedactedImage, isValidReference } from '../../../lib/rules/image/imageReference.ts';
import { registryHostInError } from '../../../lib/rules/image/imagePull.ts';
import type { Finding } from '../../../lib/rules/types.ts';

function diagnosePull(image: string, eventMessage: string | undefined, waitingReason = 'ImagePullBackOff'): Finding | undefined {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-6f7c9d5b8-k2p4q', namespace: 'payments', uid: '0b7e3c1a-5d2f-4e8b-9a6c-3f1d2e4b5a69', creationTimestamp: '2026-11-25T09:00:00Z' },
    spec: { nodeName: 'worker-2', containers: [{ name: 'api', image }] },
    status: { phase: 'Pending', containerStatuses: [{ name: 'api', ready: false, restartCount: 0, image, imageID: '', state: { waiting: { reason: waitingReason, message: `Back-off pulling image "${image}"` } } }] },
  };
  const events: RawEvent[] = eventMessage
    ? [{
        kind: 'Event',
        metadata: { name: 'api-6f7c9d5b8-k2p4q.1', namespace: 'payments' },
        involvedObject: { kind: 'Pod', namespace: 'payments', name: 'api-6f7c9d5b8-k2p4q', uid: '0b7e3c1a-5d2f-4e8b-9a6c-3f1d2e4b5a69', fieldPath: 'spec.containers{api}' },
        reason: 'Failed',
        message: eventMessage,
        type: 'Warning',
        source: { component: 'kubelet', host: 'worker-2' },
        count: 3,
        firstTimestamp: '2026-11-25T09:01:00Z',
        lastTimestamp: '2026-11-25T09:04:00Z',
      }]
    : [];
  return diagnose(assembleBundle({ now: '2026-11-25T09:05:00Z', pod, events })).findings[0];
}

describe('image pull errors under a redacted image name', () => {
  it('`Failed to pull image "xxxx" x509: certificate signed by unknown authority` is TLS trust, not a missing image', () => {
    const f = diagnosePull('xxxx', 'Failed to pull image "xxxx" x509: certificate signed by unknown authority');
    assert.equal(f?.rule, 'image-pull-unreachable');
    assert.equal(f?.container, 'api');
    assert.match(f!.summary, /does not trust REGISTRY's TLS certificate/);
    assert.ok(f!.evidence.some((e) => e.source === 'event' && e.text.includes('x509: certificate signed by unknown authority')));
    assert.doesNotMatch(f!.explanation, /official image|docker\.io/);
  });

  it('the registry is read from the error when it names one', () => {
    const err =
      'Failed to pull image "<image>": rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp.local/<image>:latest": failed to resolve reference "harbor.corp.local/<image>:latest": failed to do request: Head "https://harbor.corp.local/v2/<image>/manifests/latest": tls: failed to verify certificate: x509: certificate is valid for ingress.local, not harbor.corp.local';
    const f = diagnosePull('<image>', err);
    assert.equal(f?.rule, 'image-pull-unreachable');
    assert.match(f!.summary, /does not trust harbor\.corp\.local's TLS certificate/);
    assert.ok(f!.fixes.some((x) => x.description.includes('/etc/containerd/certs.d/harbor.corp.local/ca.crt')));
  });

  it('plain HTTP from an insecure registry under a redacted name', () => {
    const f = diagnosePull('xxx.xxx/xxx:xxx', 'Failed to pull image "xxx.xxx/xxx:xxx": rpc error: code = Unknown desc = Error response from daemon: Get https://10.20.0.15:5000/v2/: http: server gave HTTP response to HTTPS client');
    assert.equal(f?.rule, 'image-pull-unreachable');
    assert.match(f!.summary, /10\.20\.0\.15:5000 speaks plain HTTP/);
  });

  it('only the registry redacted (`<registry>/payments/api:2.4.1`): the repository and tag still count, the host comes from the error', () => {
    const notFound = diagnosePull('<registry>/payments/api:2.4.1', 'Failed to pull image "<registry>/payments/api:2.4.1": rpc error: code = NotFound desc = failed to pull and unpack image "<registry>/payments/api:2.4.1": failed to resolve reference "<registry>/payments/api:2.4.1": <registry>/payments/api:2.4.1: not found');
    assert.equal(notFound?.rule, 'image-pull-not-found');
    assert.match(notFound!.summary, /no tag 2\.4\.1 in REGISTRY\/payments\/api/);
    const tls = diagnosePull('xxx.xxx.com/payments/api:2.4.1', 'Failed to pull image "xxx.xxx.com/payments/api:2.4.1": rpc error: code = Unknown desc = Error response from daemon: Get https://xxx.xxx.com/v2/: x509: certificate has expired or is not yet valid');
    assert.equal(tls?.rule, 'image-pull-unreachable');
  });

  it('a back-off alone under a redacted name is not called "not an official image": nothing is known', () => {
    const f = diagnosePull('xxxx', undefined);
    assert.equal(f?.rule, 'image-pull-failed');
  });

  it('look-alike: a real bare name with no error left is still inferred missing from Docker Hub library/', () => {
    assert.equal(diagnosePull('payments-api', undefined)?.rule, 'image-pull-not-found');
  });

  it('isRedactedImage: placeholders yes, real names that merely contain x or stars no', () => {
    for (const name of ['xxxx', 'XXXXX', '***', '<image>', '<your-image>', '[REDACTED]', 'xxx.xxx/xxx:xxx', 'xxxx/xxxx:xxx']) assert.ok(isRedactedImage(name), name);
    for (const name of ['<registry>/payments/api:2.4.1', 'xxl-job-admin:2.3.0', 'nginx', 'x', 'xx', 'registry.example.com/x/y:1', 'quay.io/xx/xxx:v1']) assert.ok(!isRedactedImage(name), name);
  });

  it('registryHostInError: the URL host, the pinged registry, the looked-up name', () => {
    assert.equal(registryHostInError('Get "https://harbor.corp:8443/v2/": x509: certificate signed by unknown authority'), 'harbor.corp:8443');
    assert.equal(registryHostInError('initializing source docker://quay.io/xxx/xxx:xxx: pinging container registry quay.io: dial tcp: i/o timeout'), 'quay.io');
    assert.equal(registryHostInError('dial tcp: lookup registry.corp.local on 10.96.0.10:53: no such host'), 'registry.corp.local');
    assert.equal(registryHostInError('x509: certificate signed by unknown authority'), undefined);
  });

  // review2 #7: a redacted reference keeps its tag once; Docker Hub's token service is Docker Hub.
  it('`xxxx/xxxx:xxxx` failing TLS with harbor: crictl pull gets harbor.corp.example:8443/xxxx/xxxx:xxxx (one tag)', () => {
    const f = diagnosePull('xxxx/xxxx:xxxx', 'Failed to pull image "xxxx/xxxx:xxxx": rpc error: code = Unknown desc = failed to pull and unpack image "xxxx/xxxx:xxxx": failed to resolve reference "xxxx/xxxx:xxxx": failed to do request: Head "https://harbor.corp.example:8443/v2/xxxx/manifests/xxxx": tls: failed to verify certificate: x509: certificate signed by unknown authority');
    assert.equal(f?.rule, 'image-pull-unreachable');
    assert.deepEqual(crictlPulls(f!), ['harbor.corp.example:8443/xxxx/xxxx:xxxx']);
  });

  it("Docker Hub's anonymous token refused (auth.docker.io 401): the registry is Docker Hub, its secret server https://index.docker.io/v1/", () => {
    const f = diagnosePull('xxxxx/xxxxx:xxx', 'Failed to pull image "xxxxx/xxxxx:xxx": failed to pull and unpack image "docker.io/xxxxx/xxxxx:xxx": failed to resolve reference "docker.io/xxxxx/xxxxx:xxx": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://auth.docker.io/token?scope=repository%3Axxxxx%2Fxxxxx%3Apull&service=registry.docker.io: 401 Unauthorized');
    assert.equal(f?.rule, 'image-pull-unauthorized');
    assert.match(f!.summary, /Docker Hub \(docker\.io\)/);
    const commands = f!.fixes.map((x) => x.command ?? '').join('\n');
    assert.match(commands, /--docker-server=https:\/\/index\.docker\.io\/v1\//);
    assert.doesNotMatch(commands, /auth\.docker\.io/);
  });

  it('every redacted or odd name gives crictl pull a reference the runtime accepts, or IMAGE to replace', () => {
    const names = ['xxxx', '<image>', '***', '[REDACTED]', 'xxx.xxx/xxx:xxx', 'xxxx/xxxx:xxxx', '<registry>/team/app:1.4', 'xxxx@sha256:xxxx', 'Team/App:1'];
    const errors = [
      (i: string) => `Failed to pull image "${i}": rpc error: code = Unknown desc = failed to do request: Head "https://harbor.corp:8443/v2/x/manifests/y": dial tcp 10.0.0.9:8443: i/o timeout`,
      (i: string) => `Failed to pull image "${i}": rpc error: code = NotFound desc = failed to pull and unpack image "${i}": not found`,
      (i: string) => `Failed to pull image "${i}" x509: certificate signed by unknown authority`,
    ];
    let checked = 0;
    for (const name of names) {
      for (const error of errors) {
        const f = diagnosePull(name, error(name));
        assert.ok(f, `${name}: no finding for ${error(name)}`);
        // REGISTRY is a placeholder host the fix says to replace.
        for (const ref of crictlPulls(f)) {
          assert.ok(ref === 'IMAGE' || isValidReference(ref.replace(/^REGISTRY\//, 'registry.invalid/')), `${name}: crictl pull ${ref}`);
          checked += 1;
        }
      }
    }
    assert.ok(checked >= names.length, `only ${checked} crictl pull references checked`);
    const f = diagnosePull('<image>', 'Failed to pull image "<image>" x509: certificate signed by unknown authority');
    assert.deepEqual(crictlPulls(f!), ['IMAGE']);
    assert.ok(f!.fixes.some((x) => /replacing IMAGE with the full image name \(the input shows "<image>", which is not one\)/.test(x.description)));
  });

  it('isValidReference: the runtime grammar (host[:port], lowercase path, one tag, a digest)', () => {
    for (const ok of ['nginx', 'docker.io/library/nginx:1.27', 'harbor.corp:8443/team/app:v1.2-rc_3', 'localhost/app', 'registry.example.com/xxxx/xxxx:xxxx', `quay.io/a/b@sha256:${'a'.repeat(64)}`]) assert.ok(isValidReference(ok), ok);
    for (const bad of ['REGISTRY/<image>:latest', 'REGISTRY/xxxx:latest', 'harbor/xxxx/xxxx:xxxx:xxxx', 'Team/App:1', 'docker.io/[REDACTED]:latest', 'app:', 'a//b', 'x@sha256:xxxx']) assert.ok(!isValidReference(bad), bad);
  });
});

/** The references the fixes run `crictl pull` on. */
function crictlPulls(f: Finding): string[] {
  return f.fixes.flatMap((x) => [...(x.command ?? '').matchAll(/crictl pull '?([^'\s]+)'?/g)].map((m) => m[1]!));
}
