// krew-manifest.yaml passes krew's validation (krew's pkg/index/validation) and is what the release
// writer makes: one platform per released archive, its URL under the homepage, its sha256.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import yaml from 'js-yaml';
import { releaseUrl, renderManifest, SHORT_DESCRIPTION } from '../../scripts/release/krewManifest.ts';
import { archiveName, binaryName, TARGETS, type Target } from '../../scripts/release/targets.ts';

const ROOT = new URL('../../', import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { name: string; version: string; homepage: string };
const text = readFileSync(new URL('krew-manifest.yaml', ROOT), 'utf8');

interface Platform {
  selector: { matchLabels?: Record<string, string>; matchExpressions?: unknown[] };
  uri: string;
  sha256: string;
  bin: string;
  files?: { from: string; to: string }[];
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: { version: string; homepage: string; shortDescription: string; description: string; platforms: Platform[] };
}
const manifest = yaml.load(text) as Manifest;

/** krew's plugin name rule: lowercase letters, digits and dashes. */
const PLUGIN_NAME = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

describe('krew-manifest.yaml', () => {
  it('is a krew Plugin named podwhy, at the version package.json holds', () => {
    assert.equal(manifest.apiVersion, 'krew.googlecontainertools.github.com/v1alpha2');
    assert.equal(manifest.kind, 'Plugin');
    assert.match(manifest.metadata.name, PLUGIN_NAME);
    assert.equal(manifest.metadata.name, 'podwhy');
    assert.match(manifest.spec.version, SEMVER);
    assert.equal(manifest.spec.version, `v${pkg.version}`);
  });

  it('has a homepage, a short description of one line, and a description', () => {
    assert.match(manifest.spec.homepage, /^https:\/\//);
    assert.equal(manifest.spec.homepage, pkg.homepage);
    assert.equal(manifest.spec.shortDescription, SHORT_DESCRIPTION);
    assert.ok(!manifest.spec.shortDescription.includes('\n') && manifest.spec.shortDescription.length <= 80);
    assert.ok(manifest.spec.description.trim().length > manifest.spec.shortDescription.length);
  });

  it('one platform per released os/arch, each selected by matchLabels', () => {
    const selectors = manifest.spec.platforms.map((p) => `${p.selector.matchLabels?.os}/${p.selector.matchLabels?.arch}`);
    assert.deepEqual([...selectors].sort(), TARGETS.map((t) => `${t.os}/${t.arch}`).sort());
    assert.equal(new Set(selectors).size, selectors.length);
    for (const p of manifest.spec.platforms) assert.deepEqual(Object.keys(p.selector.matchLabels ?? {}).sort(), ['arch', 'os']);
  });

  it('each platform: an https archive URL under the homepage, a sha256, and a bin (.exe on Windows)', () => {
    for (const p of manifest.spec.platforms) {
      const target = { os: p.selector.matchLabels!.os, arch: p.selector.matchLabels!.arch } as Target;
      assert.equal(p.uri, releaseUrl(pkg.homepage, pkg.version, target));
      assert.match(p.uri, /^https:\/\//);
      assert.ok(p.uri.endsWith(`/v${pkg.version}/${archiveName(pkg.version, target)}`));
      assert.match(p.sha256, /^[0-9a-f]{64}$/);
      assert.equal(p.bin, binaryName(target));
      assert.equal(p.bin.endsWith('.exe'), target.os === 'windows');
      assert.ok(!p.bin.includes('/') && !p.bin.includes('..'));
    }
  });

  it('is exactly what the release writer makes of its own sums (nobody edited it by hand)', () => {
    const archives = manifest.spec.platforms.map((p) => ({ target: { os: p.selector.matchLabels!.os, arch: p.selector.matchLabels!.arch } as Target, sha256: p.sha256 }));
    assert.equal(renderManifest({ version: pkg.version, homepage: pkg.homepage, archives }), text);
  });
});
