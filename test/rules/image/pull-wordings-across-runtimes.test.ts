// Real pull errors across runtimes and registries → the rule that explains them, read from the waiting
// message (ErrImagePull) and from a `Failed to pull image "<img>": <err>` event (the status in
// ImagePullBackOff without it). Bodies follow containerd (remotes/docker: `failed to resolve reference`,
// `unexpected status from HEAD request`, `failed to fetch anonymous/oauth token`), CRI-O / containers-image
// (`initializing source`, `reading manifest <tag> in <repo>`, `pinging container registry`), Docker
// (`Error response from daemon: …`, dockershim's `rpc error` wrapper, 1.x `Error: image … not found`,
// `Error: Status 403 trying to pull repository`) and the registries' own texts (ECR token expiry,
// GCR/Artifact Registry `denied: Permission …`, ACR `visit https://aka.ms/acr/authorization`, Quay, Harbor
// `unknown: repository … not found`); Go's net/http and crypto/x509 errors as they end those bodies.
import { strict as assert } from 'node:assert';
import { IMAGE, itMapsToRule, primaryRule, type Shape } from '../config/wordingBundles.ts';

const PULL_ERRORS: [string, string][] = [
  ["image-pull-not-found", "rpc error: code = NotFound desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": registry.example.com/shop/web:1.2: not found"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": pulling from host registry.example.com failed with status code [manifests 1.2]: 401 Unauthorized"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": unexpected status from HEAD request to https://registry.example.com/v2/shop/web/manifests/1.2: 403 Forbidden"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": unexpected status from HEAD request to https://registry.example.com/v2/shop/web/manifests/1.2: 401 Unauthorized"],
  ["image-pull-failed", "rpc error: code = NotFound desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": no match for platform in manifest: not found"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = reading manifest 1.2 in registry.example.com/shop/web: manifest unknown"],
  ["image-pull-not-found", "initializing source docker://registry.example.com/shop/web:1.2: reading manifest 1.2 in registry.example.com/shop/web: manifest unknown: manifest unknown"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = pinging container registry registry.example.com: Get \"https://registry.example.com/v2/\": dial tcp: lookup registry.example.com on 10.96.0.10:53: no such host"],
  ["image-pull-unreachable", "initializing source docker://registry.example.com/shop/web:1.2: pinging container registry registry.example.com: Get \"https://registry.example.com/v2/\": x509: certificate signed by unknown authority"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": x509: certificate is valid for ingress.local, not registry.example.com"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": tls: failed to verify certificate: x509: certificate signed by unknown authority"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": http: server gave HTTP response to HTTPS client"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": x509: certificate has expired or is not yet valid: current time 2026-11-25T09:05:00Z is after 2026-10-01T00:00:00Z"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": dial tcp 10.0.0.5:443: i/o timeout"],
  ["image-pull-unreachable", "rpc error: code = DeadlineExceeded desc = context deadline exceeded"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": dial tcp 10.0.0.5:443: connect: connection refused"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": dial tcp: lookup registry.example.com: no such host"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: x509: certificate signed by unknown authority"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: http: server gave HTTP response to HTTPS client"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v1/_ping: x509: certificate is valid for *.example.org, not registry.example.com"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/shop/web/manifests/1.2: unauthorized: authentication required"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = Error response from daemon: manifest for registry.example.com/shop/web:1.2 not found"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = Error response from daemon: manifest for registry.example.com/shop/web:1.2 not found: manifest unknown: manifest unknown"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = Error: image shop/web:1.2 not found"],
  ["image-pull-rate-limited", "rpc error: code = Unknown desc = Error response from daemon: toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: pull access denied for 123456789012.dkr.ecr.us-east-1.amazonaws.com/web, repository does not exist or may require 'docker login': denied: Your authorization token has expired. Reauthenticate and try again."],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: Get https://123456789012.dkr.ecr.us-east-1.amazonaws.com/v2/web/manifests/1.2: no basic auth credentials"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: unauthorized: You don't have the needed permissions to perform this operation, and you may have invalid credentials. To authenticate your request, follow the steps in: https://cloud.google.com/container-registry/docs/advanced-authentication"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: Get https://gcr.io/v2/proj/web/manifests/1.2: denied: Permission denied for \"1.2\" from request \"/v2/proj/web/manifests/1.2\"."],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: Head \"https://europe-docker.pkg.dev/v2/proj/repo/web/manifests/1.2\": denied: Permission \"artifactregistry.repositories.downloadArtifacts\" denied on resource \"projects/proj/locations/europe/repositories/repo\" (or it may not exist)"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error response from daemon: Get https://acme.azurecr.io/v2/web/manifests/1.2: unauthorized: authentication required, visit https://aka.ms/acr/authorization for more information."],
  ["image-pull-not-found", "rpc error: code = NotFound desc = failed to pull and unpack image \"acme.azurecr.io/web:1.2\": failed to resolve reference \"acme.azurecr.io/web:1.2\": acme.azurecr.io/web:1.2: not found"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error reading manifest 1.2 in quay.io/acme/web: unauthorized: access to the requested resource is not authorized"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = Error response from daemon: unknown: repository shop/web not found"],
  ["image-pull-not-found", "rpc error: code = Unknown desc = Error response from daemon: unknown: artifact shop/web:1.2 not found"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = initializing source docker://registry.example.com/shop/web:1.2: reading manifest 1.2 in registry.example.com/shop/web: received unexpected HTTP status: 500 Internal Server Error"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get \"https://registry.example.com/v2/\": context deadline exceeded"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: dial tcp: lookup registry.example.com on 127.0.0.53:53: server misbehaving"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error while pulling image: Get https://index.docker.io/v1/repositories/shop/web/images: dial tcp: lookup index.docker.io on 10.0.0.2:53: no such host"],
  ["image-pull-unauthorized", "rpc error: code = Unknown desc = Error: Status 403 trying to pull repository shop/web: \"{\\\"errors\\\":[{\\\"code\\\":\\\"DENIED\\\",\\\"message\\\":\\\"Failed to read tags for host 'gcr.io', repository '/v2/shop/web/tags/list'\\\"}]}\""],
  // ≈1.5–1.8: numeric rpc codes, Docker's JSON error body, the kubelet's `image pull failed for … details: (…)`
  ["image-pull-unreachable", "rpc error: code = 2 desc = Error response from daemon: {\"message\":\"Get https://registry.example.com/v2/: x509: certificate signed by unknown authority\"}"],
  ["image-pull-not-found", "rpc error: code = 2 desc = Error response from daemon: {\"message\":\"manifest for registry.example.com/shop/web:1.2 not found\"}"],
  ["image-pull-unauthorized", "rpc error: code = 2 desc = Error response from daemon: {\"message\":\"Get https://registry.example.com/v2/shop/web/manifests/1.2: unauthorized: authentication required\"}"],
  ["image-pull-unreachable", "rpc error: code = 2 desc = Error response from daemon: {\"message\":\"Get https://registry.example.com/v1/_ping: dial tcp 10.0.0.5:443: getsockopt: connection refused\"}"],
  ["image-pull-unreachable", "rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: dial tcp 10.0.0.5:443: getsockopt: no route to host"],
  ["image-pull-unauthorized", "image pull failed for registry.example.com/shop/web:1.2, this may be because there are no credentials on this request.  details: (unauthorized: authentication required)"],
  ["image-pull-not-found", "image pull failed for registry.example.com/shop/web:1.2, this may be because there are no credentials on this request.  details: (Error: image shop/web not found)"],
  ["image-pull-unreachable", "image pull failed for registry.example.com/shop/web:1.2, this may be because there are no credentials on this request.  details: (Error response from daemon: Get https://registry.example.com/v1/_ping: x509: certificate signed by unknown authority)"],
  ["image-pull-not-found", "Tag 1.2 not found in repository registry.example.com/shop/web"],
  ["image-pull-unreachable", "Back-off pulling image \"registry.example.com/shop/web:1.2\": ErrImagePull: rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": tls: failed to verify certificate: x509: certificate signed by unknown authority"],
];

/** Events as old kubelets and copied messages show them: FailedSync wrappers, a lost colon, the aggregation prefix. */
const PULL_EVENTS: [Shape, string, string][] = [
  ["event:FailedSync/ImagePullBackOff", "image-pull-unreachable", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with ErrImagePull: \"rpc error: code = 2 desc = Error response from daemon: {\\\"message\\\":\\\"Get https://registry.example.com/v2/: x509: certificate signed by unknown authority\\\"}\""],
  ["event:FailedSync/ImagePullBackOff", "image-pull-not-found", "Error syncing pod, skipping: failed to \"StartContainer\" for \"web\" with ErrImagePull: \"rpc error: code = 2 desc = Error response from daemon: {\\\"message\\\":\\\"manifest for registry.example.com/shop/web:1.2 not found\\\"}\""],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "Failed to pull image \"registry.example.com/shop/web:1.2\" x509: certificate signed by unknown authority"],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "Failed to pull image \"registry.example.com/shop/web:1.2\", x509: certificate signed by unknown authority"],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "failed to pull image \"registry.example.com/shop/web:1.2\": rpc error: code = Unknown desc = Error response from daemon: Get https://registry.example.com/v2/: x509: certificate signed by unknown authority"],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "(combined from similar events): Failed to pull image \"registry.example.com/shop/web:1.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": x509: certificate signed by unknown authority"],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "Failed to pull image \"registry.example.com/shop/web:1.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to resolve reference \"registry.example.com/shop/web:1.2\": failed to do request: Head \"https://registry.example.com/v2/shop/web/manifests/1.2\": x509: certificate relies on legacy Common Name field, use SANs instead"],
  ["event:Failed/ImagePullBackOff", "image-pull-unreachable", "Failed to pull image \"registry.example.com/shop/web:1.2\": rpc error: code = Unknown desc = failed to pull and unpack image \"registry.example.com/shop/web:1.2\": failed to copy: httpReadSeeker: failed open: failed to do request: Get \"https://s3.eu-west-1.amazonaws.com/prod-eu-west-1-starport-layer-bucket/abc\": dial tcp 52.218.1.1:443: i/o timeout"],
];

describe('pull errors across runtimes and registries → rule', () => {
  for (const [rule, error] of PULL_ERRORS) {
    it(`${rule} ← ${error.slice(0, 150)}`, () => {
      assert.equal(primaryRule('waiting:ErrImagePull', error), rule, 'from the waiting message');
      assert.equal(primaryRule('event:Failed/ImagePullBackOff', `Failed to pull image "${IMAGE}": ${error}`), rule, 'from the Failed event');
    });
  }
  for (const [shape, rule, message] of PULL_EVENTS) itMapsToRule(shape, rule, message);
});
