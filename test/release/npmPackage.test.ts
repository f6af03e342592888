// The npm tarball runs as it is: `npm i -g ./kubectl-podwhy-<version>.tgz` needs no build step and no
// dev dependency. Checked on what `npm pack` would put in it (offline: a dry run).
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';

const ROOT = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { bin: Record<string, string>; dependencies: Record<string, string>; scripts: Record<string, string> };

interface PackedFile {
  path: string;
  mode: number;
}

describe('npm package', function () {
  this.timeout(60_000);
  let files: PackedFile[];
  before(() => {
    execFileSync(process.execPath, [`${ROOT}scripts/build.mjs`], { cwd: ROOT });
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', '--offline'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    files = (JSON.parse(out) as { files: PackedFile[] }[])[0]!.files;
  });
  const paths = () => files.map((f) => f.path);

  it('holds the built CLI, both executables (mode 755), LICENSE and README', () => {
    for (const path of ['dist/cli.cjs', 'dist/load.js', 'LICENSE', 'README.md', 'package.json', ...Object.values(pkg.bin)]) assert.ok(paths().includes(path), `${path} missing`);
    for (const bin of Object.values(pkg.bin)) assert.equal(files.find((f) => f.path === bin)!.mode & 0o777, 0o755, bin);
    assert.deepEqual(Object.keys(pkg.bin).sort(), ['kubectl-podwhy', 'kubectl_complete-podwhy']);
  });

  it('holds no source map, no TypeScript sources, tests, scripts or release builds', () => {
    for (const path of paths()) {
      assert.doesNotMatch(path, /\.map$|^lib\/|^test\/|^scripts\/|^bench\/|^dist\/(standalone|release)\//, path);
    }
  });

  it('needs no build when installed: nothing runs at install time', () => {
    for (const hook of ['preinstall', 'install', 'postinstall']) assert.equal(pkg.scripts[hook], undefined, hook);
  });

  it('every package dist/ loads at run time is a dependency (the rest is bundled)', () => {
    const cli = readFileSync(`${ROOT}dist/cli.cjs`, 'utf8') + readFileSync(`${ROOT}dist/load.js`, 'utf8');
    // (__podwhyImport is import() as dist/load.js lends it to the bundle: scripts/build.mjs.)
    const loaded = new Set([...cli.matchAll(/(?:\bfrom|\bimport\(|\brequire\(|\b__podwhyImport\()\s*"([^"]+)"/g)].map((m) => m[1]!));
    // Minified code also has `from"` inside strings: only what looks like a module specifier counts.
    const specifier = /^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*(?:\/[\w./-]+)?$/;
    const packageName = (s: string) => s.split('/').slice(0, s.startsWith('@') ? 2 : 1).join('/');
    const packages = [...new Set([...loaded].filter((s) => specifier.test(s) && !s.startsWith('node:') && !builtinModules.includes(s)).map(packageName))].sort();
    assert.deepEqual(packages, Object.keys(pkg.dependencies).sort());
  });
});
