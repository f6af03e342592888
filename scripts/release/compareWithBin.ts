// npm run release:compare: the host's standalone binary, run the way a user runs it (through kubectl,
// with no Node on PATH), must print byte-for-byte what bin/kubectl-podwhy prints, on every fixture,
// in every output format, with the same exit status. Run after `npm run release -- linux/amd64`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { archiveName, hostTarget } from './targets.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const version = (JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' })) as { version: string }).version;
const host = hostTarget();
if (!host || host.os === 'windows') throw new Error('compare runs on linux or macOS');
const archive = join(ROOT, 'dist', 'release', archiveName(version, host));
if (!existsSync(archive)) throw new Error(`${archive} missing: run npm run release -- ${host.os}/${host.arch} first`);

const work = mkdtempSync(join(tmpdir(), 'podwhy-compare-'));
const pluginDir = join(work, 'plugin');
const toolsDir = join(work, 'tools');
mkdirSync(pluginDir);
mkdirSync(toolsDir);
execFileSync('tar', ['xzf', archive, '-C', pluginDir]);
// kubectl alone on PATH beside the plugin: no node.
const kubectl = execFileSync('sh', ['-c', 'command -v kubectl'], { encoding: 'utf8' }).trim();
symlinkSync(kubectl, join(toolsDir, 'kubectl'));
const userEnv = { PATH: `${pluginDir}${delimiter}${toolsDir}`, HOME: work, NO_COLOR: '1' };
if (spawnSync('sh', ['-c', 'command -v node'], { env: userEnv }).status === 0) throw new Error('node is on the test PATH');

const fixtures = readdirSync(join(ROOT, 'fixtures')).sort();
let same = 0;
const differ: string[] = [];
try {
  for (const fixture of fixtures) {
    for (const format of ['human', 'json']) {
      const args = ['--from', join(ROOT, 'fixtures', fixture), '-o', format];
      const standalone = spawnSync(join(toolsDir, 'kubectl'), ['podwhy', ...args], { env: userEnv });
      const npm = spawnSync(process.execPath, [join(ROOT, 'bin', 'kubectl-podwhy'), ...args], { env: { ...userEnv, PATH: process.env.PATH ?? '' } });
      const equal = standalone.status === npm.status && standalone.stdout.equals(npm.stdout) && standalone.stderr.equals(npm.stderr);
      if (equal) same++;
      else differ.push(`${fixture} -o ${format}: exit ${standalone.status} vs ${npm.status}${standalone.stderr.length ? `: ${standalone.stderr.toString().trim()}` : ''}`);
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
console.log(`${same} of ${same + differ.length} runs byte-identical (${fixtures.length} fixtures x human, json; stdout, stderr, exit status)`);
for (const d of differ) console.log(`differs: ${d}`);
if (differ.length > 0) process.exitCode = 1;
