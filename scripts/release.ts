// npm run release [-- os/arch ...]: standalone podwhy binaries (Node single executable applications)
// in reproducible archives under dist/release/, and krew-manifest.yaml with their sha256.
// npm run release -- --check [os/arch ...]: rebuild and compare with the committed manifest instead.
// Runs on linux/amd64 (the blob must be written by the pinned Node of the build machine).
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';
import { buildStandalone, CLIENT_NODE_ASSET } from './build.mjs';
import { archiveEpoch, readFromTgz, tarGz, zip, type ArchiveEntry } from './release/archive.ts';
import { renderManifest, type ReleasedArchive } from './release/krewManifest.ts';
import { cacheDir, nodeExecutable, nodePackage, readPins } from './release/nodeBinary.ts';
import { seaBlob, singleExecutable } from './release/sea.ts';
import { archiveName, binaryName, hostTarget, parseTargets, TARGETS, targetName, type Target } from './release/targets.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'dist', 'release');
const MANIFEST = join(ROOT, 'krew-manifest.yaml');

/** kubectl runs it on TAB; it asks the binary beside it (or the one on PATH). */
const COMPLETE_SH = `#!/bin/sh
# kubectl (1.26+) runs this on TAB after \`kubectl podwhy\`; the podwhy binary answers.
dir=$(dirname "$0")
if [ -x "$dir/kubectl-podwhy" ]; then exec "$dir/kubectl-podwhy" __complete "$@"; fi
exec kubectl-podwhy __complete "$@"
`;
const COMPLETE_CMD = '@echo off\r\n"%~dp0kubectl-podwhy.exe" __complete %*\r\n';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** The sha256 the committed manifest holds for each target of this version. */
function committedSums(version: string): Map<string, string> {
  const sums = new Map<string, string>();
  if (!existsSync(MANIFEST)) return sums;
  const doc = yaml.load(readFileSync(MANIFEST, 'utf8')) as { spec?: { version?: string; platforms?: { selector: { matchLabels: { os: string; arch: string } }; sha256: string }[] } };
  if (doc.spec?.version !== `v${version}`) return sums;
  for (const p of doc.spec.platforms ?? []) sums.set(`${p.selector.matchLabels.os}/${p.selector.matchLabels.arch}`, p.sha256);
  return sums;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const targets = parseTargets(args.filter((a) => a !== '--check'));
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; homepage: string };
  const host = hostTarget();
  if (!host || targetName(host) !== 'linux/amd64') throw new Error('npm run release runs on linux/amd64');
  const pins = readPins();
  const cache = cacheDir(process.env);
  const work = mkdtempSync(join(tmpdir(), 'podwhy-release-'));
  try {
    const generator = join(work, 'node');
    writeFileSync(generator, nodeExecutable(targetName(host), pins, cache));
    chmodSync(generator, 0o755);
    const bundles = await buildStandalone();
    const seaInput = { generator, mainBundle: bundles.main, assets: { [CLIENT_NODE_ASSET]: bundles.clientNode }, workDir: work };
    const portableBlob = seaBlob({ ...seaInput, os: 'any', useCodeCache: false });
    const hostBlob = seaBlob({ ...seaInput, os: host.os, useCodeCache: true });
    const mtime = archiveEpoch(process.env);
    const license = readFileSync(join(ROOT, 'LICENSE'));
    // Node's own licence (MIT, and the licences of what Node bundles) travels with its binary.
    const nodeLicense = readFromTgz(nodePackage('linux/amd64', pins, cache), 'package/LICENSE');
    mkdirSync(OUT, { recursive: true });
    const sums = committedSums(pkg.version);
    const committed = new Map(sums);
    const mismatched: string[] = [];
    for (const target of targets) {
      const started = Date.now();
      const blob = targetName(target) === targetName(host) ? hostBlob : portableBlob;
      const binary = await singleExecutable(target.os, nodeExecutable(targetName(target), pins, cache), blob, work);
      const entries: ArchiveEntry[] = [
        { name: binaryName(target), data: binary, executable: true },
        target.os === 'windows'
          ? { name: 'kubectl_complete-podwhy.cmd', data: Buffer.from(COMPLETE_CMD), executable: true }
          : { name: 'kubectl_complete-podwhy', data: Buffer.from(COMPLETE_SH), executable: true },
        { name: 'LICENSE', data: license, executable: false },
        { name: 'LICENSE.node', data: nodeLicense, executable: false },
      ];
      const archive = target.os === 'windows' ? zip(entries, mtime) : tarGz(entries, mtime);
      const name = archiveName(pkg.version, target);
      writeFileSync(join(OUT, name), archive);
      sums.set(targetName(target), sha256(archive));
      if (committed.get(targetName(target)) !== sha256(archive)) mismatched.push(targetName(target));
      console.log(`${name}  ${(archive.length / 1e6).toFixed(1)} MB  sha256 ${sha256(archive)}  (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    if (check) {
      if (mismatched.length > 0) throw new Error(`the rebuilt archives of ${mismatched.join(', ')} differ from krew-manifest.yaml`);
      console.log('every rebuilt archive has the sha256 krew-manifest.yaml holds');
      return;
    }
    const archives: ReleasedArchive[] = TARGETS.filter((t) => sums.has(targetName(t))).map((target: Target) => ({ target, sha256: sums.get(targetName(target))! }));
    writeFileSync(MANIFEST, renderManifest({ version: pkg.version, homepage: pkg.homepage, archives }));
    writeFileSync(join(OUT, 'SHA256SUMS'), archives.map((a) => `${a.sha256}  ${archiveName(pkg.version, a.target)}\n`).join(''));
    const missing = TARGETS.filter((t) => !sums.has(targetName(t))).map(targetName);
    if (missing.length > 0) console.warn(`krew-manifest.yaml has no ${missing.join(', ')} for v${pkg.version}: run npm run release to build every target`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(`release: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
