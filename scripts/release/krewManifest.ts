// krew-manifest.yaml: the krew plugin manifest (krew.googlecontainertools.github.com/v1alpha2), one
// platform per released archive, each with its download URL and sha256. Written as text, in a fixed
// order, so the file changes only when an archive does.
import { archiveName, binaryName, type Target } from './targets.ts';

export interface ReleasedArchive {
  target: Target;
  sha256: string;
}

export interface ManifestInput {
  version: string;
  homepage: string;
  archives: ReleasedArchive[];
}

export const SHORT_DESCRIPTION = 'Explain why a pod is not running, with evidence and a fix';

const DESCRIPTION = `Tells you, in one command, why a pod is not running and what to do about it.
It reads the pod, its events, its containers' logs and the few related objects that
decide the answer (Services, ConfigMaps, Secrets, PVCs, nodes), runs deterministic
rules over them, and prints the cause, the evidence that proves it, and a fix to paste.
Read-only: it never writes to the cluster. Works offline on saved bundles too.

  kubectl podwhy POD [-n NAMESPACE]
  kubectl podwhy deploy/web
  kubectl podwhy -A -o json`;

/** Where the release archives are downloaded from: the homepage's GitHub releases. */
export function releaseUrl(homepage: string, version: string, target: Target): string {
  return `${homepage.replace(/\/$/, '')}/releases/download/v${version}/${archiveName(version, target)}`;
}

const indent = (text: string, spaces: number): string =>
  text
    .split('\n')
    .map((line) => (line === '' ? '' : `${' '.repeat(spaces)}${line}`))
    .join('\n');

export function renderManifest(input: ManifestInput): string {
  const platforms = [...input.archives]
    .sort((a, b) => `${a.target.os}/${a.target.arch}`.localeCompare(`${b.target.os}/${b.target.arch}`))
    .map(
      ({ target, sha256 }) => `  - selector:
      matchLabels:
        os: ${target.os}
        arch: ${target.arch}
    uri: ${releaseUrl(input.homepage, input.version, target)}
    sha256: ${sha256}
    bin: ${binaryName(target)}
    files:
      - from: "*"
        to: "."`,
    )
    .join('\n');
  return `# Written by npm run release: do not edit by hand. Try it locally with
#   kubectl krew install --manifest=krew-manifest.yaml --archive=dist/release/<archive for your platform>
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: podwhy
spec:
  version: v${input.version}
  homepage: ${input.homepage}
  shortDescription: ${SHORT_DESCRIPTION}
  description: |
${indent(DESCRIPTION, 4)}
  caveats: |
    Shell completion (kubectl 1.26+) needs kubectl_complete-podwhy on your PATH:
    run \`kubectl podwhy completion\` to see how.
  platforms:
${platforms}
`;
}
