// A Node single executable application: the podwhy bundle as a SEA blob, injected with postject into
// an official Node binary. The blob is made by the pinned Node of the build machine (the same version
// as every target's): without a code cache it is platform-independent; with one (useCodeCache) it fits
// only the platform that made it, so only the build machine's own target gets it.
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { unsign } from 'macho-unsign';
import { signatureSet } from 'portable-executable-signature';
import { inject } from 'postject';

/** The fuse Node looks for to know a blob was injected (documented in Node's single-executable-applications). */
const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

export interface SeaInput {
  os: string;
  /** The pinned Node binary of the build machine, which writes the blob. */
  generator: string;
  mainBundle: string;
  assets: Record<string, string>;
  useCodeCache: boolean;
  workDir: string;
}

export function seaBlob(input: SeaInput): Buffer {
  const config = join(input.workDir, 'sea-config.json');
  const output = join(input.workDir, 'sea-prep.blob');
  // The blob records the main script's path as given: relative to the bundle's folder, so that the
  // clone's location does not end up in the binary.
  const folder = dirname(input.mainBundle);
  const assets = Object.fromEntries(Object.entries(input.assets).map(([name, path]) => [name, relative(folder, path)]));
  writeFileSync(
    config,
    JSON.stringify({ main: basename(input.mainBundle), output, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: input.useCodeCache, assets }),
  );
  // V8 seeds its code cache from a random seed: fixed, the blob is the same on every build.
  execFileSync(input.generator, ['--random-seed=1', '--experimental-sea-config', config], { cwd: folder, stdio: ['ignore', 'ignore', 'inherit'] });
  return readFileSync(output);
}

/** Code signatures the injection would break are removed (a broken signature is worse than none). */
function withoutSignature(os: string, binary: Buffer): Buffer {
  const unsigned = os === 'darwin' ? unsign(binary) : os === 'windows' ? signatureSet(binary, null) : null;
  return unsigned ? Buffer.from(unsigned) : binary;
}

export async function singleExecutable(os: string, nodeBinary: Buffer, blob: Buffer, workDir: string): Promise<Buffer> {
  const file = join(workDir, os === 'windows' ? 'podwhy.exe' : 'podwhy');
  writeFileSync(file, withoutSignature(os, nodeBinary));
  chmodSync(file, 0o755);
  await inject(file, 'NODE_SEA_BLOB', blob, { sentinelFuse: SEA_FUSE, ...(os === 'darwin' ? { machoSegmentName: 'NODE_SEA' } : {}) });
  return readFileSync(file);
}
