// Table-driven tests of the image-pull classifier on every real pull error in the reference
// (containerd, CRI-O, Docker; with and without the `rpc error: code = … desc =` prefix), plus look-alikes.
import { strict as assert } from 'node:assert';
import type { Bundle, PodEvent } from '../../../lib/bundle/types.ts';
import type { Pod } from '../../../lib/bundle/k8s.ts';
import {
  classifyPullError,
  eventImage,
  failedLookupHost,
  failedPullError,
  imageInPullError,
  imagePullProblems,
  neverPullLacksAuth,
  otherRegistryHost,
  parseBackOffMessage,
  proxyTarget,
  referenceParseError,
  type PullErrorClass,
} from '../../../lib/rules/image/imagePull.ts';
import { fullReference, parseImageReference, sameImage } from '../../../lib/rules/image/imageReference.ts';
import { isUnofficialLibraryImage } from '../../../lib/rules/image/officialImages.ts';
import { stripRpcPrefix } from '../../../lib/rules/shared/runtimeErrors.ts';
import { correctedReference } from '../../../lib/rules/image/imagePullInvalidName.ts';

/** Real bodies of `Failed to pull image "<img>": <body>` (reference §2.3 and realistic-examples A2–A9). */
const REAL: [string, PullErrorClass][] = [
  // containerd
  ['rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/salesforce/salesforcedx:latest": failed to resolve reference "docker.io/salesforce/salesforcedx:latest": docker.io/salesforce/salesforcedx:latest: not found', { kind: 'not-found' }],
  ['rpc error: code = NotFound desc = failed to pull and unpack image "registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b": failed to resolve reference "registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b": registry.k8s.io/kube-apiserver-amd64:v1.30.0-alpha.1.107_052bce26f4f48b: not found', { kind: 'not-found' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/controller:latest": failed to resolve reference "docker.io/library/controller:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', { kind: 'unauthorized', mayNotExist: true }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/busybox:latest": failed to copy: httpReadSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/busybox/manifests/sha256:50aa4698fa6262977cff89181b2664b99d8a56dbca847bf62f2ef04854597cf8: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit', { kind: 'rate-limited' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.25": failed to copy: httpReaderSeeker: failed open: unexpected status code https://registry-1.docker.io/v2/library/nginx/manifests/sha256:1f6e: 429 Too Many Requests - Server message: toomanyrequests: You have reached your pull rate limit.', { kind: 'rate-limited' }],
  ['rpc error: code = DeadlineExceeded desc = failed to pull and unpack image "k8s.gcr.io/conformance:v1.28.5": failed to resolve reference "k8s.gcr.io/conformance:v1.28.5": failed to do request: Head "https://k8s.gcr.io/v2/conformance/manifests/v1.28.5": dial tcp 64.233.189.82:443: i/o timeout', { kind: 'unreachable', cause: 'timeout' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.k8s.io/kube-proxy:v1.28.2": failed to resolve reference "registry.k8s.io/kube-proxy:v1.28.2": failed to do request: Head "https://registry.k8s.io/v2/kube-proxy/manifests/v1.28.2": dial tcp 34.96.108.209:443: connect: connection timed out', { kind: 'unreachable', cause: 'timeout' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/siderolabs/kubelet:v1.33.0": failed to resolve reference "ghcr.io/siderolabs/kubelet:v1.33.0": failed to do request: Head "https://ghcr.io/v2/siderolabs/kubelet/manifests/v1.33.0": dial tcp: lookup ghcr.io on 8.8.8.8:53: read udp 10.128.152.4:41986->8.8.8.8:53: i/o timeout', { kind: 'unreachable', cause: 'dns' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/rancher/k3s:v1.2": failed to resolve reference "docker.io/rancher/k3s:v1.2": failed to do request: Head "https://registry-1.docker.io/v2/rancher/k3s/manifests/v1.2": dial tcp: lookup registry-1.docker.io: Try again', { kind: 'unreachable', cause: 'dns' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "registry.exmaple.com/shop/api:2.3.1": failed to resolve reference "registry.exmaple.com/shop/api:2.3.1": failed to do request: Head "https://registry.exmaple.com/v2/shop/api/manifests/2.3.1": dial tcp: lookup registry.exmaple.com on 10.0.0.2:53: no such host', { kind: 'unreachable', cause: 'dns' }],
  ['rpc error: code = Canceled desc = failed to pull and unpack image "docker.io/pytorch/pytorch:2.3.0-cuda12.1-cudnn8-devel": context canceled', { kind: 'unreachable', cause: 'stalled' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "quay.io/x/y:1": failed to resolve reference "quay.io/x/y:1": failed to do request: Head "https://quay.io/v2/x/y/manifests/1": net/http: TLS handshake timeout', { kind: 'unreachable', cause: 'timeout' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "harbor.corp.internal/platform/billing:1.4.0": failed to resolve reference "harbor.corp.internal/platform/billing:1.4.0": failed to do request: Head "https://harbor.corp.internal/v2/platform/billing/manifests/1.4.0": tls: failed to verify certificate: x509: certificate signed by unknown authority', { kind: 'unreachable', cause: 'tls' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/private:1.0": failed to resolve reference "ghcr.io/acme/private:1.0": failed to authorize: failed to fetch anonymous token: unexpected status from GET request to https://ghcr.io/token?scope=repository%3Aacme%2Fprivate%3Apull&service=ghcr.io: 401 Unauthorized', { kind: 'unauthorized', mayNotExist: false, anonymous: true }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "europe-docker.pkg.dev/p/r/app:1": failed to resolve reference "europe-docker.pkg.dev/p/r/app:1": failed to authorize: failed to fetch oauth token: unexpected status from GET request to https://europe-docker.pkg.dev/v2/token?scope=repository%3Ap%2Fr%2Fapp%3Apull&service=europe-docker.pkg.dev: 403 Forbidden', { kind: 'unauthorized', mayNotExist: false }],
  // CRI-O
  ['rpc error: code = Unknown desc = Error reading manifest latest in docker.io/library/si-bandit: errors: denied: requested access to the resource is denied unauthorized: authentication required', { kind: 'unauthorized', mayNotExist: true }],
  ['rpc error: code = Unknown desc = Error reading manifest latest in docker.io/e2eteam/dnsutils: manifest unknown: manifest unknown', { kind: 'not-found' }],
  ['rpc error: code = Unknown desc = initializing source docker://quay.io/okd/scos-content@sha256:6371: reading manifest sha256:6371 in quay.io/okd/scos-content: manifest unknown', { kind: 'not-found' }],
  ['Error reading manifest 1.0.0-SNAPSHOT-2021-01-05-21-58-27 in quay.io/open-cluster-management/multiclusterhub-operator-index: unauthorized: access to the requested resource is not authorized', { kind: 'unauthorized', mayNotExist: false }],
  ['initializing source docker://registry.access.redhat.com/ubi8:latest: reading manifest latest in registry.access.redhat.com/ubi8: received unexpected HTTP status: 503 Service Unavailable', { kind: 'unreachable', cause: 'server-error' }],
  ['rpc error: code = Unknown desc = error pinging docker registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp: lookup http: Temporary failure in name resolution', { kind: 'unreachable', cause: 'proxy' }],
  ['rpc error: code = Unknown desc = pinging container registry 10.0.0.5:5000: Get "https://10.0.0.5:5000/v2/": http: server gave HTTP response to HTTPS client', { kind: 'unreachable', cause: 'tls' }],
  // Docker (dockershim / cri-dockerd)
  ["rpc error: code = Unknown desc = Error response from daemon: pull access denied for tutum/curl, repository does not exist or may require 'docker login'", { kind: 'unauthorized', mayNotExist: true }],
  ["Error response from daemon: pull access denied for headscale-api-key, repository does not exist or may require 'docker login': denied: requested access to the resource is denied", { kind: 'unauthorized', mayNotExist: true }],
  ['rpc error: code = Unknown desc = Error response from daemon: manifest for lachlanevenson/k8s-kubectl:v1.18.20 not found: manifest unknown: manifest unknown', { kind: 'not-found' }],
  ['rpc error: code = Unknown desc = Error response from daemon: Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 10.0.0.2:53: server misbehaving', { kind: 'unreachable', cause: 'dns' }],
  ['rpc error: code = Unknown desc = Error response from daemon: Get "https://registry.example.com/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)', { kind: 'unreachable', cause: 'timeout' }],
  ['rpc error: code = Unknown desc = Error response from daemon: Get https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/v2/app/manifests/1.2: no basic auth credentials', { kind: 'unauthorized', mayNotExist: false, anonymous: true }],
  // Older Docker and kubelet wordings (docs/reference/wordings.md): a missing tag named as such
  // kubernetes-retired/heapster#393 (2015, dockershim)
  ['Tag v0.16.0 not found in repository kubernetes/heapster', { kind: 'not-found' }],
  // hjacobs/kube-job-cleaner#7 (2017, body of `Failed to pull image "hjacobs/kube-job-cleaner": …`)
  ['Tag latest not found in repository docker.io/hjacobs/kube-job-cleaner', { kind: 'not-found' }],
  // kubernetes/kubernetes#23584 (1.2 kubelet wrapper; "no credentials" is a guess, the tag is missing)
  ['image pull failed for gcr.io/google_containers/guestbook:v2, this may be because there are no credentials on this request.  details: (Tag v2 not found in repository gcr.io/google_containers/guestbook)', { kind: 'not-found' }],
  // rancher/rancher#31144 (Docker 20.10)
  ['rpc error: code = Unknown desc = Error response from daemon: manifest for rancher/fluentd:v0.1.24 not found: manifest unknown: manifest unknown', { kind: 'not-found' }],
  // moby/moby#30498, kubernetes/kubernetes#50086 (Docker ≈17.03–17.06): as ambiguous as today's "pull access denied"
  ['Error response from daemon: repository myDockerHubUsername/myDockerHubRepo not found: does not exist or no pull access', { kind: 'unauthorized', mayNotExist: true }],
  // kubernetes/website#14257 (2019, dockershim)
  ["rpc error: code = Unknown desc = Error response from daemon: pull access denied for rmeuser-auth, repository does not exist or may require 'docker login'", { kind: 'unauthorized', mayNotExist: true }],
  // Artifact Registry, ACR, proxies, cut connections, CRI-O short names, node-side unpack failures
  ['rpc error: code = Unknown desc = failed to pull and unpack image "europe-west1-docker.pkg.dev/acme-prod/apps/api:2.4.1": failed to resolve reference "europe-west1-docker.pkg.dev/acme-prod/apps/api:2.4.1": pulling from host europe-west1-docker.pkg.dev failed with status code [manifests 2.4.1]: 403 Forbidden: denied: Permission "artifactregistry.repositories.downloadArtifacts" denied on resource "projects/acme-prod/locations/europe-west1/repositories/apps" (or it may not exist)', { kind: 'unauthorized', mayNotExist: true }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "acmeprod.azurecr.io/shop/web:3.1.0": failed to resolve reference "acmeprod.azurecr.io/shop/web:3.1.0": unexpected status from HEAD request to https://acmeprod.azurecr.io/v2/shop/web/manifests/3.1.0: 401 Unauthorized: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information.', { kind: 'unauthorized', mayNotExist: false }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.27": proxyconnect tcp: dial tcp 10.0.0.5:3128: connect: connection refused', { kind: 'unreachable', cause: 'proxy' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to copy: read tcp 10.0.1.22:53210->104.16.101.215:443: read: connection reset by peer', { kind: 'unreachable', cause: 'dropped' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to copy: httpReadSeeker: failed open: failed to do request: Get "https://production.cloudflare.docker.com/registry-v2/docker/registry/v2/blobs/sha256/ab/abcd/data": EOF', { kind: 'unreachable', cause: 'dropped' }],
  ['rpc error: code = DeadlineExceeded desc = context deadline exceeded', { kind: 'unreachable', cause: 'timeout' }],
  ['rpc error: code = Unknown desc = short-name "nginx" did not resolve to an alias and no unqualified-search registries are defined in "/etc/containers/registries.conf"', { kind: 'failed' }],
  ['rpc error: code = Unknown desc = short-name resolution enforced but cannot prompt without a TTY', { kind: 'failed' }],
  ['image pull failed for quay.io/acme/app:2.0 because the signature validation failed: Source image rejected: A signature was required, but no signature exists', { kind: 'failed' }],
  // kubelet's own texts
  ['Container image "myapp:dev" is not present with pull policy of Never', { kind: 'never-pull' }],
  ['Container image "quay.io/acme/app:2.0" is present with pull policy of Never but does not have the proper auth (image secret) that was used to pull the image', { kind: 'never-pull' }],
  ['Failed to apply default image tag "Acme/Web-App:1.0.3": couldn\'t parse image name "Acme/Web-App:1.0.3": invalid reference format: repository name (Acme/Web-App) must be lowercase', { kind: 'invalid-name' }],
  ['Failed to apply default image tag "MyImage": couldn\'t parse image reference "MyImage": invalid reference format: repository name must be lowercase', { kind: 'invalid-name' }],  // Docker ≤1.13 wraps its error in JSON; a 1.6-era FailedSync escapes it once more (istio/istio#417)
  ['rpc error: code = 2 desc = Error response from daemon: {"message":"Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 10.192.29.8:53: read udp 10.192.29.204:38103->10.192.29.8:53: i/o timeout"}', { kind: 'unreachable', cause: 'dns' }],
  ['rpc error: code = 2 desc = Error response from daemon: {\\"message\\":\\"Get https://registry-1.docker.io/v2/: dial tcp: lookup registry-1.docker.io on 10.192.29.8:53: read udp 10.192.29.204:38103->10.192.29.8:53: i/o timeout\\"}', { kind: 'unreachable', cause: 'dns' }],
  // Docker 1.x v1-registry wording
  ['Error: image library/webapp:v3 not found', { kind: 'not-found' }],
  // CRI-O's manifest error with its ` in <repo>: <reason>` cut off (concourse/concourse-chart#30)
  ['rpc error: code = Unknown desc = Error reading manifest 8.4.1', { kind: 'not-found', cutOff: true }],
];

/** Look-alikes: words that must not decide the class. */
const LOOK_ALIKES: [string, PullErrorClass][] = [
  // containerd reports a missing platform as NotFound, but the tag exists
  ['rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/acme/legacy-exporter:0.9.1": no match for platform in manifest: not found', { kind: 'failed' }],
  // a DNS failure while fetching the auth token is not an auth problem
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": failed to authorize: failed to fetch anonymous token: Get "https://auth.docker.io/token?scope=repository%3Alibrary%2Fnginx%3Apull&service=registry.docker.io": dial tcp: lookup auth.docker.io: no such host', { kind: 'unreachable', cause: 'dns' }],
  // a 503 from the token endpoint is an outage, not a credential problem
  ['failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": failed to authorize: failed to fetch anonymous token: unexpected status: 503 Service Unavailable', { kind: 'unreachable', cause: 'server-error' }],
  // words inside quoted image names do not count
  ['rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/access-denied-page:1.0": failed to resolve reference "ghcr.io/acme/access-denied-page:1.0": failed to do request: Head "https://ghcr.io/v2/acme/access-denied-page/manifests/1.0": dial tcp 140.82.121.33:443: connect: connection refused', { kind: 'unreachable', cause: 'refused' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/postgres:16": failed to extract layer sha256:9a1b: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/412/fs/usr/lib/x: no space left on device: unknown', { kind: 'failed' }],
  ['pull QPS exceeded', { kind: 'failed' }],
  // a missing blob in the node's own content store is not a missing tag
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/postgres:16.4": failed to extract layer sha256:4a2f1c1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6: failed to get reader from content store: content digest sha256:4a2f1c1e2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6: not found', { kind: 'failed' }],
  // "name resolution" in a short-name error is not DNS
  ['short-name resolution enforced but cannot prompt without a TTY', { kind: 'failed' }],
  // a proxy asking for credentials is a proxy problem, not the registry's
  ['rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/nginx:1.27": failed to resolve reference "docker.io/library/nginx:1.27": failed to do request: Head "https://registry-1.docker.io/v2/library/nginx/manifests/1.27": proxyconnect tcp: Proxy Authentication Required', { kind: 'unreachable', cause: 'proxy' }],
  ['rpc error: code = Unknown desc = failed to pull and unpack image "x": something nobody has seen before', { kind: 'failed' }],  // the whole manifest error is there: its own reason decides, not the cut-off rule
  ['rpc error: code = Unknown desc = Error reading manifest 1.0.0 in quay.io/acme/api: unauthorized: access to the requested resource is not authorized', { kind: 'unauthorized', mayNotExist: false }],
];

describe('image-pull classifier', () => {
  for (const [message, expected] of [...REAL, ...LOOK_ALIKES]) {
    it(`classifies ${JSON.stringify(message.slice(0, 90))}…`, () => {
      assert.deepEqual(classifyPullError(message), expected);
    });
    const bare = stripRpcPrefix(message);
    if (bare !== message) {
      it(`classifies it the same without the rpc prefix`, () => {
        const got = classifyPullError(bare);
        // A bare containerd NotFound keeps its class through the ": not found" tail.
        assert.deepEqual(got, expected);
      });
    }
  }

  it('strips the rpc prefix, also nested', () => {
    assert.equal(stripRpcPrefix('rpc error: code = Unknown desc = rpc error: code = NotFound desc = x: not found'), 'x: not found');
    assert.equal(stripRpcPrefix('no prefix here'), 'no prefix here');
  });

  it('reads the proxy a proxyconnect error names', () => {
    assert.deepEqual(proxyTarget('Head "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp 10.0.0.5:3128: connect: connection refused'), { address: '10.0.0.5:3128' });
    assert.deepEqual(proxyTarget('Get "https://registry-1.docker.io/v2/": proxyconnect tcp: dial tcp: lookup http: Temporary failure in name resolution'), { lookup: 'http' });
    assert.deepEqual(proxyTarget('dial tcp 10.0.0.5:443: connect: connection refused'), {});
  });

  it('tells the KubeletEnsureSecretPulledImages refusal from an absent image', () => {
    assert.ok(neverPullLacksAuth('Container image "quay.io/acme/app:2.0" is present with pull policy of Never but does not have the proper auth (image secret) that was used to pull the image'));
    assert.ok(!neverPullLacksAuth('Container image "myapp:dev" is not present with pull policy of Never'));
    assert.ok(!neverPullLacksAuth(undefined));
  });

  it('names the host a DNS lookup failed for', () => {
    assert.equal(failedLookupHost('dial tcp: lookup ghcr.io on 8.8.8.8:53: read udp …: i/o timeout'), 'ghcr.io');
    assert.equal(failedLookupHost('dial tcp: lookup registry-1.docker.io: Try again'), 'registry-1.docker.io');
    assert.equal(failedLookupHost('connection refused'), undefined);
  });

  it('reads the parse error of InvalidImageName (old and new wording)', () => {
    assert.equal(
      referenceParseError('Failed to apply default image tag "Acme/Web-App:1.0.3": couldn\'t parse image name "Acme/Web-App:1.0.3": invalid reference format: repository name (Acme/Web-App) must be lowercase'),
      'invalid reference format: repository name (Acme/Web-App) must be lowercase',
    );
    assert.equal(
      referenceParseError('Failed to apply default image tag "MyImage": couldn\'t parse image reference "MyImage": invalid reference format: repository name must be lowercase'),
      'invalid reference format: repository name must be lowercase',
    );
    assert.equal(referenceParseError('Failed to apply default image tag "a::b": couldn\'t parse image reference "a::b": invalid reference format'), 'invalid reference format');
  });

  it('corrects the usual reference mistakes', () => {
    assert.equal(correctedReference('Acme/Web-App:1.0.3'), 'acme/web-app:1.0.3');
    assert.equal(correctedReference('registry.example.com/Team/App:V1'), 'registry.example.com/team/app:V1');
    assert.equal(correctedReference('https://ghcr.io/acme/api:2'), 'ghcr.io/acme/api:2');
    assert.equal(correctedReference('nginx:1.27'), undefined);
  });
});

describe('ImagePullBackOff messages', () => {
  it('reads the previous pull error of kubelet ≥1.32', () => {
    assert.deepEqual(parseBackOffMessage('Back-off pulling image "nginx:1.99-does-not-exist": ErrImagePull: rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99-does-not-exist": not found'), {
      image: 'nginx:1.99-does-not-exist',
      sentinel: 'ErrImagePull',
      error: 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.99-does-not-exist": not found',
    });
  });
  it('accepts the old message without an error', () => {
    assert.deepEqual(parseBackOffMessage('Back-off pulling image "nginx:1.a.b.c"'), { image: 'nginx:1.a.b.c' });
  });
  it('ignores unrelated messages', () => {
    assert.deepEqual(parseBackOffMessage('back-off 5m0s restarting failed container=x pod=y_z(uid)'), {});
  });
});

describe('image references', () => {
  const cases: [string, string, boolean][] = [
    ['nginx', 'docker.io/library/nginx:latest', true],
    ['controller:latest', 'docker.io/library/controller:latest', true],
    ['tutum/curl', 'docker.io/tutum/curl:latest', true],
    ['docker.io/library/busybox:1.36', 'docker.io/library/busybox:1.36', false],
    ['index.docker.io/library/busybox', 'docker.io/library/busybox:latest', false],
    ['ghcr.io/acme/api:1.2', 'ghcr.io/acme/api:1.2', false],
    ['localhost:5000/app', 'localhost:5000/app:latest', false],
    ['quay.io/okd/scos-content@sha256:6371', 'quay.io/okd/scos-content@sha256:6371', false],
    ['nginx:1.27@sha256:abcd', 'docker.io/library/nginx:1.27@sha256:abcd', true],
  ];
  for (const [image, full, implicit] of cases) {
    it(`expands ${image}`, () => {
      const ref = parseImageReference(image);
      assert.equal(fullReference(ref), full);
      assert.equal(ref.registryImplicit, implicit);
    });
  }
  it('knows deprecated official images (adoptopenjdk) as well as current ones; other bare names are not official', () => {
    for (const name of ['adoptopenjdk:11-jre-hotspot', 'nginx', 'hello-seattle', 'nats-streaming:0.25', 'docker.io/library/biicode']) {
      assert.equal(isUnofficialLibraryImage(parseImageReference(name)), false, name);
    }
    for (const name of ['controller:latest', 'orders-worker', 'docker.io/library/report-renderer:1']) {
      assert.equal(isUnofficialLibraryImage(parseImageReference(name)), true, name);
    }
  });

  it('compares spellings of one image', () => {
    assert.ok(sameImage('nginx', 'docker.io/library/nginx:latest'));
    assert.ok(!sameImage('nginx:1.27', 'nginx:1.26'));
  });
});

// ── Detection on small bundles ───────────────────────────────────────────────────────────────────────

function bundle(status: Record<string, unknown> | undefined, events: PodEvent[] | undefined, image = 'ghcr.io/acme/api:1.0'): Bundle {
  const pod = {
    metadata: { name: 'api-1', namespace: 'shop', uid: 'u1' },
    spec: { containers: [{ name: 'api', image, imagePullPolicy: 'IfNotPresent' }], nodeName: 'n1' },
    status: status ? { phase: 'Pending', containerStatuses: [{ name: 'api', ready: false, restartCount: 0, image, imageID: '', ...status }] } : { phase: 'Pending' },
  } as Pod;
  const b: Bundle = { now: '2026-11-25T10:00:00Z', pod, logs: {}, related: {}, notes: [] };
  if (events) b.events = events;
  return b;
}

function ev(reason: string, message: string, lastSeen: string, type = 'Normal', container: string | undefined = 'api'): PodEvent {
  const e: PodEvent = { type, reason, message, count: 1, lastSeen, firstSeen: lastSeen };
  if (container) {
    e.container = container;
    e.fieldPath = `spec.containers{${container}}`;
  }
  return e;
}

const NOT_FOUND = 'rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/api:1.0": failed to resolve reference "ghcr.io/acme/api:1.0": ghcr.io/acme/api:1.0: not found';

describe('image-pull detection', () => {
  it('classifies from events only when the status is not there yet', () => {
    const [p, ...rest] = imagePullProblems(bundle(undefined, [
      ev('Pulling', 'Pulling image "ghcr.io/acme/api:1.0"', '2026-11-25T09:50:00Z'),
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:50:01Z', 'Warning'),
      ev('BackOff', 'Back-off pulling image "ghcr.io/acme/api:1.0"', '2026-11-25T09:50:30Z'),
    ]));
    assert.equal(rest.length, 0);
    assert.equal(p?.kind, 'not-found');
    assert.equal(p?.errorFrom, 'event');
  });

  it('sees a retry in progress (ContainerCreating, Pulling newer than the failure) as no problem', () => {
    assert.deepEqual(imagePullProblems(bundle({ state: { waiting: { reason: 'ContainerCreating' } } }, [
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:50:01Z', 'Warning'),
      ev('Pulling', 'Pulling image "ghcr.io/acme/api:1.0"', '2026-11-25T09:55:00Z'),
    ])), []);
  });

  it('ignores an old failure of a container that runs now', () => {
    assert.deepEqual(imagePullProblems(bundle({ state: { running: { startedAt: '2026-11-25T09:51:00Z' } }, ready: true }, [
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:50:01Z', 'Warning'),
    ])), []);
  });

  it('ignores failures about an image the container no longer uses', () => {
    const b = bundle({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/acme/api:1.1"' } } }, [
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:50:01Z', 'Warning'),
    ], 'ghcr.io/acme/api:1.1');
    const [p] = imagePullProblems(b);
    assert.equal(p?.kind, 'failed');
    assert.equal(p?.error, undefined, 'the 1.0 error says nothing about 1.1');
  });

  it('prefers the waiting message over an older event with another error', () => {
    const b = bundle({ state: { waiting: { reason: 'ErrImagePull', message: 'rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/api:1.0": failed to resolve reference "ghcr.io/acme/api:1.0": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized' } } }, [
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:40:01Z', 'Warning'),
    ]);
    const [p] = imagePullProblems(b);
    assert.equal(p?.kind, 'unauthorized');
    assert.equal(p?.errorFrom, 'waiting');
  });

  it('takes the newest Failed event when the old back-off message carries no error', () => {
    const b = bundle({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "ghcr.io/acme/api:1.0"' } } }, [
      ev('Failed', `Failed to pull image "ghcr.io/acme/api:1.0": ${NOT_FOUND}`, '2026-11-25T09:40:01Z', 'Warning'),
      ev('Failed', 'Failed to pull image "ghcr.io/acme/api:1.0": rpc error: code = Unknown desc = failed to pull and unpack image "ghcr.io/acme/api:1.0": failed to copy: httpReadSeeker: failed open: unexpected status code https://ghcr.io/v2/acme/api/manifests/sha256:1: 429 Too Many Requests', '2026-11-25T09:55:01Z', 'Warning'),
    ]);
    assert.equal(imagePullProblems(b)[0]?.kind, 'rate-limited');
  });

  it('maps RegistryUnavailable to unreachable and SignatureValidationFailed to failed', () => {
    const unavailable = bundle({ state: { waiting: { reason: 'RegistryUnavailable', message: 'image pull failed for ghcr.io/acme/api:1.0 because the registry is unavailable: a more detailed explanation' } } }, []);
    assert.equal(imagePullProblems(unavailable)[0]?.kind, 'unreachable');
    const signature = bundle({ state: { waiting: { reason: 'SignatureValidationFailed', message: 'image pull failed for ghcr.io/acme/api:1.0 because the signature validation failed: Source image rejected: A signature was required, but no signature exists' } } }, []);
    assert.equal(imagePullProblems(signature)[0]?.kind, 'failed');
  });

  it('guesses "does not exist" from a bare unofficial name only for a plain back-off, not after a signature or inspect failure', () => {
    const backOff = imagePullProblems(bundle({ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "orders-worker:1.4.2"' } } }, [], 'orders-worker:1.4.2'))[0];
    assert.equal(backOff?.kind, 'not-found');
    assert.equal(backOff?.notFoundInference, 'unofficial-library');
    for (const reason of ['SignatureValidationFailed', 'ImageInspectError']) {
      const [p] = imagePullProblems(bundle({ state: { waiting: { reason } } }, [], 'orders-worker:1.4.2'));
      assert.equal(p?.kind, 'failed', reason);
      assert.equal(p?.notFoundInference, undefined, reason);
    }
  });

  it('tells Docker Hub\'s own hosts (its R2 layer bucket included) from a mirror answering for docker.io', () => {
    const r2 =
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/mysql:8.4": failed to copy: httpReadSeeker: failed open: unexpected status code ' +
      'https://docker-images-prod.6aa30f8b08e16409b46e0173d6de2f56.r2.cloudflarestorage.com/registry-v2/docker/registry/v2/blobs/sha256/9c/9c1f0e1b/data: 403 Forbidden';
    assert.equal(otherRegistryHost(r2), undefined);
    assert.equal(otherRegistryHost('unexpected status code https://production.cloudflare.docker.com/registry-v2/x: 403 Forbidden'), undefined);
    assert.equal(otherRegistryHost('failed to fetch anonymous token: unexpected status from GET request to https://harbor.corp.example/service/token?scope=x: 401 Unauthorized'), 'harbor.corp.example');
  });

  it('reads a pull error whose "Failed to pull image" prefix was lost (k9s copy, kube-scan#72)', () => {
    const mangled =
      '![Screenshot from 2024-04-04 10-51-31](https://github.com/octarinesec/kube-scan/assets/28822999/4c8fbf59-94f1-4ef8-ae79-b6b7da36670f) "octarinesec/kubescan-scanner-ui:20.5": rpc error: code = Unknown desc = Error response from daemon: pull access denied for octarinesec/kubescan-scanner-ui, repository does not exist or may require \'docker login\': denied: requested access to the r';
    const e = ev('Failed', mangled, '2026-11-25T09:50:01Z', 'Warning', undefined);
    assert.equal(eventImage(e), 'octarinesec/kubescan-scanner-ui:20.5');
    assert.match(failedPullError(e) ?? '', /^rpc error: code = Unknown desc = Error response from daemon: pull access denied for/);
    const [p] = imagePullProblems(bundle({ state: { waiting: { reason: 'ErrImagePull' } } }, [e], 'octarinesec/kubescan-scanner-ui:20.5'));
    assert.equal(p?.kind, 'unauthorized');
    assert.equal(p?.mayNotExist, true);
    assert.equal(p?.errorFrom, 'event');
  });

  it('attributes a bare pull error without fieldPath by the image it names', () => {
    const bare = ev('Failed', 'Tag 1.0 not found in repository ghcr.io/acme/api', '2026-11-25T09:50:01Z', 'Warning', undefined);
    assert.equal(imagePullProblems(bundle({ state: { waiting: { reason: 'ErrImagePull' } } }, [bare]))[0]?.kind, 'not-found');
    // the same error about another image is not this container's
    const other = ev('Failed', 'Tag 1.0 not found in repository ghcr.io/acme/worker', '2026-11-25T09:50:01Z', 'Warning', undefined);
    assert.equal(imagePullProblems(bundle({ state: { waiting: { reason: 'ErrImagePull' } } }, [other]))[0]?.kind, 'failed');
  });

  it('names the image inside bare pull errors of each runtime', () => {
    assert.equal(imageInPullError('failed to pull and unpack image "docker.io/library/x:1": failed to resolve reference "docker.io/library/x:1": docker.io/library/x:1: not found'), 'docker.io/library/x:1');
    assert.equal(imageInPullError("Error response from daemon: pull access denied for tutum/curl, repository does not exist or may require 'docker login'"), 'tutum/curl');
    assert.equal(imageInPullError('Error response from daemon: manifest for rancher/fluentd:v0.1.24 not found: manifest unknown: manifest unknown'), 'rancher/fluentd:v0.1.24');
    assert.equal(imageInPullError('Tag v1.2.4-fake not found in repository docker.io/rancher/k8s'), 'docker.io/rancher/k8s:v1.2.4-fake');
    assert.equal(imageInPullError('Error reading manifest latest in docker.io/e2eteam/dnsutils: manifest unknown: manifest unknown'), 'docker.io/e2eteam/dnsutils:latest');
  });

  it('does not take other Failed events for pull errors', () => {
    for (const message of [
      'Error: ErrImagePull',
      'Error: failed to start container "place-scripts": Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"sh\\": executable file not found in $PATH": unknown',
      'Error: secret "regcred" not found',
    ]) {
      const e = ev('Failed', message, '2026-11-25T09:50:01Z', 'Warning');
      assert.equal(failedPullError(e), undefined, message);
    }
  });

  it('does not treat CrashLoopBackOff or a normal ContainerCreating as a pull failure', () => {
    assert.deepEqual(imagePullProblems(bundle({ state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 10s restarting failed container=api pod=api-1_shop(u1)' } } }, [])), []);
    assert.deepEqual(imagePullProblems(bundle({ state: { waiting: { reason: 'ContainerCreating' } } }, [ev('Pulling', 'Pulling image "ghcr.io/acme/api:1.0"', '2026-11-25T09:59:30Z')])), []);
    assert.deepEqual(imagePullProblems(bundle({ state: { waiting: { reason: 'ContainerCreating' } } }, undefined)), []);
  });
});
