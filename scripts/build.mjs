// Bundles lib/ into dist/cli.js so bin/kubectl-podwhy starts fast without a TypeScript loader.
// Dependencies stay external: they are installed by `npm ci` beside it.
import { build } from 'esbuild';

await build({
  entryPoints: ['lib/cli/main.ts'],
  outfile: 'dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
