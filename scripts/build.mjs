// Bundles lib/ into one file per way podwhy ships, so nothing is resolved or compiled file by file at
// start-up (yargs alone was 45 files):
//   dist/cli.cjs                 for bin/ (npm, source): CommonJS, minified, every dependency inside
//                                except @kubernetes/client-node, which stays in node_modules and is
//                                imported only for exec credential plugins, auth providers and proxies;
//   dist/load.js                 loads dist/cli.cjs through V8's code cache (lib/cli/loadWithCodeCache.ts).
//   dist/standalone/podwhy.cjs   for the single executable (npm run release): CommonJS, minified;
//   dist/standalone/client-node.cjs  client-node bundled apart and stored as a SEA asset, compiled only
//                                when needed (it is 3 MB of the 4 MB: parsing it at every start costs).
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const CLIENT_NODE = '@kubernetes/client-node';
/** The name of the SEA asset holding the client-node bundle. */
export const CLIENT_NODE_ASSET = 'client-node.cjs';

const common = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};

/** A CommonJS bundle has no import.meta; yargs only uses import.meta.url to make a require. */
const importMetaUrl = {
  define: { 'import.meta.url': '__podwhyImportMetaUrl' },
  banner: { js: "var __podwhyImportMetaUrl=require('node:url').pathToFileURL(__filename).href;" },
};

/**
 * dist/cli.cjs runs as a vm.Script (for the code cache), where import() has no loader to call once the
 * code comes from the cache. Its one import() (of client-node) becomes a call to the import function
 * that dist/load.js, a real module, passes in as \`__podwhyImport\`.
 */
function lendImport(file) {
  const code = readFileSync(file, 'utf8');
  const call = `import(${JSON.stringify(CLIENT_NODE)})`;
  const count = code.split(call).length - 1;
  if (count !== 1) throw new Error(`build: expected one ${call} in ${file}, found ${count}`);
  writeFileSync(file, code.replace(call, `__podwhyImport(${JSON.stringify(CLIENT_NODE)})`));
}

export async function buildCli() {
  await build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['lib/cli/main.ts'],
    outfile: 'dist/cli.cjs',
    format: 'cjs',
    target: 'node20',
    external: [CLIENT_NODE],
    // A source map for debugging here, not shipped (package.json "files" leaves it out).
    sourcemap: 'external',
  });
  lendImport(`${root}dist/cli.cjs`);
  const cliSha256 = createHash('sha256').update(readFileSync(`${root}dist/cli.cjs`)).digest('hex');
  await build({
    ...common,
    entryPoints: ['lib/cli/loadWithCodeCache.ts'],
    outfile: 'dist/load.js',
    format: 'esm',
    target: 'node20',
    // The code cache is keyed by the bundle's content, hashed here rather than at every start.
    define: { __PODWHY_CLI_SHA256__: JSON.stringify(cliSha256) },
  });
}

/** In the single executable, client-node comes from the SEA asset instead of node_modules. */
const clientNodeFromAsset = {
  name: 'client-node-from-sea-asset',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: CLIENT_NODE, namespace: 'sea-asset' }));
    b.onLoad({ filter: /.*/, namespace: 'sea-asset' }, () => ({
      loader: 'js',
      contents: `
        const { getAsset } = require('node:sea');
        const { runInThisContext } = require('node:vm');
        const { wrap } = require('node:module');
        const compiled = runInThisContext(wrap(getAsset(${JSON.stringify(CLIENT_NODE_ASSET)}, 'utf8')), { filename: ${JSON.stringify(CLIENT_NODE_ASSET)} });
        const loaded = { exports: {} };
        // node-fetch 2 (in client-node) loads Node's deprecated punycode module: not the user's concern.
        const emitWarning = process.emitWarning;
        process.emitWarning = (warning, ...rest) => (rest.includes('DEP0040') ? undefined : emitWarning.call(process, warning, ...rest));
        try {
          compiled.call(loaded.exports, loaded.exports, require, loaded, ${JSON.stringify(CLIENT_NODE_ASSET)}, '.');
        } finally {
          process.emitWarning = emitWarning;
        }
        module.exports = loaded.exports;`,
    }));
  },
};

/** Builds the two bundles the single executable is made of; returns their paths. */
export async function buildStandalone(outDir = 'dist/standalone') {
  const main = `${outDir}/podwhy.cjs`;
  const clientNode = `${outDir}/${CLIENT_NODE_ASSET}`;
  await build({
    ...common,
    ...importMetaUrl,
    entryPoints: ['lib/cli/standaloneEntry.ts'],
    outfile: main,
    format: 'cjs',
    target: 'node22',
    plugins: [clientNodeFromAsset],
  });
  await build({
    ...common,
    ...importMetaUrl,
    stdin: { contents: `module.exports = require(${JSON.stringify(CLIENT_NODE)});`, resolveDir: root, loader: 'js' },
    outfile: clientNode,
    format: 'cjs',
    target: 'node22',
    // Optional native speed-ups of ws and node-fetch, absent in a single executable; both fall back.
    external: ['bufferutil', 'utf-8-validate', 'encoding'],
  });
  return { main: `${root}${main}`, clientNode: `${root}${clientNode}` };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
