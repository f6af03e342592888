// The official Node.js binary of each target, from the npm registry (packages node-<os>-<arch>),
// fetched with npm itself and checked against the integrity pinned in node-binaries.json.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { readFromTgz } from './archive.ts';

export interface TargetPin {
  package: string;
  /** The executable's path inside the package tarball. */
  binary: string;
  integrity: string;
}

export interface NodePins {
  version: string;
  targets: Record<string, TargetPin>;
}

export const PINS_FILE = new URL('./node-binaries.json', import.meta.url);

export function readPins(): NodePins {
  return JSON.parse(readFileSync(PINS_FILE, 'utf8')) as NodePins;
}

/** Downloads are kept between runs and clones; every use re-checks them against the pin. */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  return env.PODWHY_RELEASE_CACHE ?? join(env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'podwhy-release');
}

/** npm's integrity string (Subresource Integrity, sha512) of some bytes. */
export function integrityOf(data: Buffer): string {
  return `sha512-${createHash('sha512').update(data).digest('base64')}`;
}

/** The package tarball of one target, verified. */
export function nodePackage(target: string, pins: NodePins, cache: string): Buffer {
  const pin = pins.targets[target];
  if (!pin) throw new Error(`no pinned Node binary for ${target} (targets: ${Object.keys(pins.targets).join(', ')})`);
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${pin.package}-${pins.version}.tgz`);
  if (!existsSync(file)) {
    execFileSync('npm', ['pack', `${pin.package}@${pins.version}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const data = readFileSync(file);
  const actual = integrityOf(data);
  if (actual !== pin.integrity) throw new Error(`${file}: integrity ${actual} is not the pinned ${pin.integrity}: delete the file and retry; if it persists, do not release`);
  return data;
}

export function nodeExecutable(target: string, pins: NodePins, cache: string): Buffer {
  return readFromTgz(nodePackage(target, pins, cache), pins.targets[target]!.binary);
}
