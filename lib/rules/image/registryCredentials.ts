// How each well-known registry hands out pull credentials, so that a `kubectl create secret docker-registry`
// command can be pasted with the right user name and password source, and the managed-cluster way
// (node identity, no pull secret at all) can be named.
import type { ImageReference } from './imageReference.ts';
import { fragment, sh, type ShellFragment } from '../shared/shellCommand.ts';

export interface RegistryCredentials {
  /** `--docker-username` value (a placeholder when the user must choose). */
  username: string;
  /** `--docker-password` value: a placeholder or a shell substitution that prints a token. */
  password: ShellFragment;
  /** Who the account is, for "an account that may read X (…)". */
  account?: string;
  /** How long such credentials live, when they expire by design. */
  expiry?: string;
  /** The platform's own way to grant nodes pull access without a pull secret. */
  platform?: string;
}

const ECR = /^(\d{12})\.dkr\.ecr(?:-fips)?\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?$/i;
const ARTIFACT_REGISTRY = /^(?:[a-z0-9-]+-docker\.pkg\.dev|(?:[a-z]+\.)?gcr\.io)$/i;
const ACR = /^([a-z0-9]+)\.azurecr\.(?:io|cn|us)$/i;

export function registryCredentials(ref: ImageReference): RegistryCredentials {
  const host = ref.registry;
  const ecr = ECR.exec(host);
  if (ecr) {
    return {
      username: 'AWS',
      password: fragment(sh`"$(aws ecr get-login-password --region ${ecr[2]!})"`),
      account: `an IAM identity with ecr:BatchGetImage and ecr:GetDownloadUrlForLayer on it`,
      expiry: 'an ECR token in a pull secret expires after 12 hours',
      platform:
        `ECR: on EKS the nodes normally pull with their own IAM role (the AmazonEC2ContainerRegistryReadOnly policy on the node role, or the ECR credential provider), without any pull secret; ` +
        `check that role, and for a registry in another account (${ecr[1]}) its repository policy. A pull secret holds a token that expires after 12 hours.`,
    };
  }
  if (ARTIFACT_REGISTRY.test(host)) {
    return {
      username: '_json_key',
      password: fragment(sh`"$(cat key.json)"`),
      account: 'a service account key with roles/artifactregistry.reader',
      platform: `${host.endsWith('pkg.dev') ? 'Artifact Registry' : 'Container Registry'}: on GKE the nodes pull with their own service account, which needs roles/artifactregistry.reader on the repository (in the repository's project); no pull secret is needed then.`,
    };
  }
  const acr = ACR.exec(host);
  if (acr) {
    return {
      username: 'SERVICE_PRINCIPAL_ID',
      password: fragment(sh`SERVICE_PRINCIPAL_PASSWORD`),
      account: 'a service principal or token with the AcrPull role',
      platform: `ACR: on AKS attach the registry to the cluster instead of using a pull secret: \`az aks update --name CLUSTER --resource-group RESOURCE_GROUP --attach-acr ${acr[1]}\` (it gives the kubelet identity the AcrPull role).`,
    };
  }
  if (/^ghcr\.io$/i.test(host)) {
    return { username: 'GITHUB_USER', password: fragment(sh`GITHUB_TOKEN`), account: 'a token with the read:packages scope' };
  }
  return { username: 'USER', password: fragment(sh`PASSWORD`) };
}

/** Registries known to answer an unauthenticated request for a missing repository with 401 / denied. */
export function hidesMissingRepositories(ref: ImageReference): boolean {
  return /^(?:docker\.io|ghcr\.io|quay\.io|[a-z0-9]+\.azurecr\.io|[a-z0-9-]+-docker\.pkg\.dev|(?:[a-z]+\.)?gcr\.io|registry\.gitlab\.com)$/i.test(ref.registry);
}
