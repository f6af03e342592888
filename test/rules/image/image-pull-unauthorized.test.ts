import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

describe('image-pull-unauthorized', () => {
  it('a registry mirror answered for docker.io with 401: credentials for the mirror, even for a name that is not an official image', () => {
    const d = diagnoseFixture('image-pull-unauthorized');
    assert.deepEqual(d.findings.map((f) => f.rule), ['image-pull-unauthorized']);
    const f = d.findings[0]!;
    assert.equal(f.container, 'worker');
    assert.equal(f.summary, 'Container worker cannot pull "billing-worker:2.3.1": the registry mirror harbor.corp.example, which answers for docker.io on this node, refused it (the pod has no imagePullSecrets).');
    assert.match(f.explanation, /The refusal came from harbor\.corp\.example, not from Docker Hub/);
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{worker\}\.state\.waiting: ErrImagePull: [^\n]*https:\/\/harbor\.corp\.example\/service\/token[^\n]*401 Unauthorized/);
    assert.match(evidenceText(f), /\[spec\] spec\.imagePullSecrets: none \(neither the pod nor its service account "default" lists any\)/);
    // The mirror was asked: neither loading a local image nor Docker Hub credentials help.
    assert.match(f.fixes[0]!.description, /find where docker\.io pulls are sent to harbor\.corp\.example .*check that harbor\.corp\.example holds library\/billing-worker/);
    assert.ok(f.fixes.every((x) => !/kind load|minikube|index\.docker\.io\/v1/.test(`${x.description} ${x.command ?? ''}`)), 'no kind load, no index.docker.io secret');
  });

  it('a bare name that is not an official image stays unauthorized when the pod sends a pull secret', () => {
    const [f, ...rest] = diagnoseFixture('image-pull-unauthorized--bare-name-with-pull-secret').findings;
    assert.equal(rest.length, 0);
    assert.equal(f?.rule, 'image-pull-unauthorized');
    assert.equal(f.container, 'api');
    assert.equal(f.summary, 'Container api cannot pull "ledger-api:5.0.1": docker.io rejected the credentials from dockerhub-pull, or docker.io/library/ledger-api does not exist.');
    assert.match(evidenceText(f), /\[spec\] spec\.imagePullSecrets: dockerhub-pull/);
  });

  it('Docker daemon "pull access denied for tutum/curl", cause read from the Failed event', () => {
    const [f] = findingsOf('image-pull-unauthorized--docker-pull-access-denied', 'image-pull-unauthorized');
    assert.ok(f);
    assert.match(f.summary, /docker\.io\/tutum\/curl either does not exist or needs credentials/);
    assert.match(evidenceText(f), /\[event\] Warning Failed: Failed to pull image "tutum\/curl": rpc error: code = Unknown desc = Error response from daemon: pull access denied for tutum\/curl, repository does not exist or may require 'docker login' \(x10\)/);
    assert.equal(f.fixes.at(-1)?.command, `kubectl patch serviceaccount default -n default -p '{"imagePullSecrets":[{"name":"regcred"}]}'`);
  });

  it('a listed pull secret that does not exist: absent evidence, the kubelet warning, and the near-miss Secret', () => {
    const [f] = findingsOf('image-pull-unauthorized--missing-pull-secret', 'image-pull-unauthorized');
    assert.ok(f);
    assert.equal(f.summary, 'Container operator cannot pull "quay.io/open-cluster-management/multiclusterhub-operator:2.9.0": quay.io requires credentials, and the pod\'s pull secret quay-pull does not exist.');
    const evidence = evidenceText(f);
    assert.match(evidence, /\[absent\] Secret\/quay-pull: not found in namespace open-cluster-management \(Secrets here: hub-operator-token, quay-pull-secret\)/);
    assert.match(evidence, /\[event\] Warning FailedToRetrieveImagePullSecret: Unable to retrieve some image pull secrets \(quay-pull\)/);
    assert.match(f.explanation, /Registry credential Secrets that do exist here: quay-pull-secret/);
    assert.equal(f.fixes[0]?.command, 'kubectl create secret docker-registry quay-pull --docker-server=quay.io --docker-username=USER --docker-password=PASSWORD -n open-cluster-management');
    assert.match(f.fixes[1]!.command!, /"path":"\/spec\/template\/spec\/imagePullSecrets","value":\[\{"name":"quay-pull-secret"\}\]/);
  });

  it('does not fire on a registry DNS failure or a rate limit', () => {
    assert.deepEqual(findingsOf('image-pull-unreachable--dns', 'image-pull-unauthorized'), []);
    assert.deepEqual(findingsOf('image-pull-rate-limited', 'image-pull-unauthorized'), []);
  });

  it('a pull secret of type Opaque is ignored by the kubelet: says so and recreates it as docker-registry', () => {
    const [f] = findingsOf('image-pull-unauthorized--secret-wrong-type', 'image-pull-unauthorized');
    assert.ok(f);
    assert.equal(f.summary, 'Container web cannot pull "acmeprod.azurecr.io/shop/web:3.1.0": acmeprod.azurecr.io requires credentials, and the pod\'s pull secret acr-pull is not a registry credential Secret.');
    assert.doesNotMatch(f.explanation, /rejected them/, 'the registry never saw those credentials');
    assert.match(evidenceText(f), /\[cluster\] Secret\/acr-pull: type Opaque, keys: password, username \(not a registry credential type\)/);
    assert.match(f.fixes[0]!.description, /az aks update --name CLUSTER --resource-group RESOURCE_GROUP --attach-acr acmeprod/);
    assert.equal(f.fixes[1]?.command, 'kubectl delete secret acr-pull -n shop && kubectl create secret docker-registry acr-pull --docker-server=acmeprod.azurecr.io --docker-username=SERVICE_PRINCIPAL_ID --docker-password=SERVICE_PRINCIPAL_PASSWORD -n shop');
  });

  it('ECR without credentials: the node role first, then a pull secret with an ECR token', () => {
    const [f] = findingsOf('image-pull-unauthorized--ecr-no-credentials', 'image-pull-unauthorized');
    assert.ok(f);
    assert.equal(f.container, 'api');
    assert.match(f.summary, /123456789012\.dkr\.ecr\.us-east-1\.amazonaws\.com\/payments\/api either does not exist or needs credentials \(the pod has no imagePullSecrets\)\.$/);
    assert.match(f.fixes[0]!.description, /AmazonEC2ContainerRegistryReadOnly/);
    assert.equal(f.fixes[1]?.command, 'kubectl create secret docker-registry regcred --docker-server=123456789012.dkr.ecr.us-east-1.amazonaws.com --docker-username=AWS --docker-password="$(aws ecr get-login-password --region us-east-1)" -n payments');
    assert.equal(f.fixes[3]?.command, `kubectl patch serviceaccount payments-api -n payments -p '{"imagePullSecrets":[{"name":"regcred"}]}'`);
  });
});
