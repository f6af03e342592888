// Hostile documents: nesting that would overflow a stack, YAML that expands without end or carries tags,
// and garbage that must never be called healthy. Exit status and the one line each gives.
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadOffline } from '../../lib/source/offline.ts';
import { runCli } from '../support/cli.ts';
import { expectOneLineError, NOW, podJson, tempDir } from '../support/hostileFiles.ts';

const pod = JSON.parse(podJson) as { metadata: Record<string, unknown>; spec: { containers: Record<string, unknown>[] }; status: Record<string, unknown> };

/** The classic "billion laughs": each level refers to the one below ten times. */
function yamlAliasBomb(levels: number): string {
  const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i <= levels; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(',')}]`);
  return `kind: Pod\nmetadata:\n  name: bomb\n${lines.map((l) => `  ${l}`).join('\n').replace(/^ {2}/, 'spec:\n  ')}\n`;
}

describe('hostile offline documents', function () {
  this.timeout(60_000);

  describe('nesting and expansion', () => {
    it('JSON nested 100,000 levels deep: refused before it is parsed', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: nested more than 100 levels deep; no Kubernetes object is$/m, `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    });

    it('a deeply nested field inside a pod.json: refused', async () => {
      const deep = { ...pod, metadata: { ...pod.metadata, labels: JSON.parse(`${'{"a":'.repeat(150)}1${'}'.repeat(150)}`) as unknown } };
      await expectOneLineError(['--from', tempDir({ 'pod.json': JSON.stringify(deep) })], /^podwhy: pod\.json: nested more than 100 levels deep/m);
    });

    it('YAML nested 50,000 levels deep: refused, no stack overflow', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: nested (?:more than 100 levels deep|too deeply to parse)/m, `kind: Pod\nspec: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`);
    });

    it('a YAML alias bomb: refused by the bounded walk, before anything expands it', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: the YAML expands to more than [\d,]+ values \(aliases referring to aliases\?\); refused$/m, yamlAliasBomb(9));
    });

    it('--save of a YAML alias bomb fails and leaves no folder behind', async () => {
      const dir = tempDir({ 'pod.yaml': yamlAliasBomb(9) });
      const out = join(tempDir(), 'case');
      const result = await runCli(['--from', dir, '--save', out]);
      assert.equal(result.code, 2);
      assert.match(result.stderr, /^podwhy: pod\.yaml: the YAML expands to more than/);
      assert.equal(existsSync(out), false);
    });

    it('YAML aliases used sparingly, as people write them, still work', () => {
      const text = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: &l {app: web}\n  annotations: *l\nspec:\n  containers:\n  - name: web\n    image: nginx\nstatus:\n  phase: Pending\n`;
      const [bundle] = loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => text });
      assert.deepEqual(bundle!.pod.metadata?.annotations, { app: 'web' });
    });

    it('YAML tags beyond the core schema are not executed or constructed: refused', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: invalid YAML at line \d+ column \d+: unknown tag/m, 'kind: Pod\nmetadata:\n  name: !<tag:yaml.org,2002:js/function> "function () { return 1 }"\n');
    });

    it('YAML timestamps stay strings (the core schema), as kubectl writes them', () => {
      const text = 'kind: Pod\nmetadata:\n  name: web\n  creationTimestamp: 2026-11-25T09:00:00Z\nspec:\n  containers:\n  - name: web\n';
      const [bundle] = loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => text });
      assert.equal(bundle!.pod.metadata?.creationTimestamp, '2026-11-25T09:00:00Z');
    });
  });

  describe('the answer is checked: garbage is never "healthy"', () => {
    it('{"kind":"Pod"}: nothing to diagnose, exit 2', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: the Pod has no containers and no status: nothing to diagnose$/m, '{"kind":"Pod"}');
    });

    it('a Pod whose every field has the wrong type: exit 2, naming what was ignored', async () => {
      const garbage = { kind: 'Pod', metadata: 5, spec: { containers: 'web', initContainers: 7 }, status: { phase: 3, containerStatuses: {} } };
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: the Pod has no containers and no status: nothing to diagnose \(ignored fields of the wrong type: metadata, spec\.containers, spec\.initContainers, status\.phase, status\.containerStatuses\)$/m, JSON.stringify(garbage));
    });

    it('a Pod with some wrongly typed fields: diagnosed, and the notes name the fields ignored', async () => {
      const bad = structuredClone(pod);
      bad.spec.containers[0]!.image = 42;
      bad.status.phase = { running: true };
      const result = await runCli(['--from', '-', '-o', 'json'], { readStdin: () => JSON.stringify(bad) });
      assert.equal(result.code, 1, result.stderr);
      const notes = (JSON.parse(result.stdout) as { notes: string[] }).notes;
      assert.ok(notes.includes('pod: ignored fields of the wrong type: spec.containers[0].image, status.phase'), notes.join('\n'));
    });

    it('a Pod without metadata.name or spec.containers: the notes say so', () => {
      const bare = structuredClone(pod) as Partial<typeof pod>;
      delete bare.metadata!.name;
      delete bare.spec;
      const [bundle] = loadOffline({ from: '-', fallbackNow: NOW, readStdin: () => JSON.stringify(bare) });
      assert.ok(bundle!.notes.includes('pod: metadata.name is missing'));
      assert.ok(bundle!.notes.includes('pod: spec.containers is missing: the diagnosis rests on the status alone'));
    });

    it('[1,2,3], {}, a string, a Service: each a clear exit 2', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: expected a Kubernetes object \(a mapping with "kind"\), found an array$/m, '[1,2,3]');
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: no Pod found/m, '{}');
      // Plain text is read as a paste (kubectl's text output); with nothing kubectl-shaped in it, it says so.
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: nothing kubectl-shaped found: expected a Pod as JSON or YAML, or the text of kubectl describe pod/m, 'just some words');
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: no Pod found/m, '{"kind":"Service","metadata":{"name":"web"}}');
    });

    it('a good pod (control): diagnosed without shape notes', async () => {
      const result = await runCli(['--from', '-', '-o', 'json'], { readStdin: () => podJson });
      assert.equal(result.code, 1, result.stderr);
      // Only the note every bundle without a capture time gets.
      assert.deepEqual((JSON.parse(result.stdout) as { notes: string[] }).notes.filter((n) => !n.startsWith('time: ')), []);
    });
  });
});
