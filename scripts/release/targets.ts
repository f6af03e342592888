// The platforms podwhy is released for, named as Go and krew name them (os/arch).
export interface Target {
  os: 'linux' | 'darwin' | 'windows';
  arch: 'amd64' | 'arm64';
}

export const TARGETS: readonly Target[] = [
  { os: 'linux', arch: 'amd64' },
  { os: 'linux', arch: 'arm64' },
  { os: 'darwin', arch: 'amd64' },
  { os: 'windows', arch: 'amd64' },
];

export const targetName = (t: Target): string => `${t.os}/${t.arch}`;

export function parseTargets(args: string[]): Target[] {
  if (args.length === 0) return [...TARGETS];
  return args.map((arg) => {
    const found = TARGETS.find((t) => targetName(t) === arg);
    if (!found) throw new Error(`unknown target "${arg}" (targets: ${TARGETS.map(targetName).join(', ')})`);
    return found;
  });
}

/** The target this machine runs, if it is one we release. */
export function hostTarget(): Target | undefined {
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  const arch = process.arch === 'x64' ? 'amd64' : process.arch;
  return TARGETS.find((t) => t.os === os && t.arch === arch);
}

export function archiveName(version: string, t: Target): string {
  return `podwhy_${version}_${t.os}_${t.arch}.${t.os === 'windows' ? 'zip' : 'tar.gz'}`;
}

/** The plugin executable inside the archive. */
export function binaryName(t: Target): string {
  return t.os === 'windows' ? 'kubectl-podwhy.exe' : 'kubectl-podwhy';
}
