// The version users see in `--version` and in `-o json` (podwhyVersion): package.json's, compiled in
// by the bundler, so the standalone binary and the npm package agree without reading files at run time.
import packageJson from '../package.json' with { type: 'json' };

export const PODWHY_VERSION: string = packageJson.version;

/** `kubectl podwhy --version`, as kubectl plugins print it. */
export function versionLine(): string {
  return `podwhy ${PODWHY_VERSION}\n`;
}
