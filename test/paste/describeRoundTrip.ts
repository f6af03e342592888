// The same pod as `-o json` and as the text of the real `kubectl describe pod` (against the fake API
// server holding the fixture) gives the same primary rule, unless describe cannot show the evidence.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose.ts';
import { loadPaste } from '../../lib/source/paste/index.ts';
import { startFakeApiServer } from '../support/fakeApiServer.ts';
import { allFixtures, diagnoseFixture, fixturePath } from '../support/fixtures.ts';
import { runProcess, type ProcessRun } from '../support/runProcess.ts';

export interface RoundTrip {
  fixture: string;
  fromJson: string;
  fromDescribe: string;
}

function primary(findings: { rule: string; severity: string }[]): string {
  return findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

/** Asynchronous: the fake API server answers from this same process. */
function kubectl(args: string[]): Promise<ProcessRun> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.KUBECONFIG;
  return runProcess('kubectl', args, env);
}

/** Bundle fixtures of one pod (not pastes, not several pods). */
export function singlePodFixtures(): string[] {
  return allFixtures().filter((n) => existsSync(join(fixturePath(n), 'pod.json')));
}

export async function describeRoundTrip(fixture: string): Promise<RoundTrip> {
  const dir = fixturePath(fixture);
  const pod = JSON.parse(readFileSync(join(dir, 'pod.json'), 'utf8')) as { metadata: { name: string; namespace?: string } };
  const server = await startFakeApiServer({ bundles: [dir] });
  try {
    const kubeconfig = join(mkdtempSync(join(tmpdir(), 'podwhy-describe-')), 'kubeconfig');
    server.writeKubeconfig(kubeconfig);
    const r = await kubectl(['describe', 'pod', pod.metadata.name, '-n', pod.metadata.namespace ?? 'default', '--kubeconfig', kubeconfig]);
    if (r.code !== 0) throw new Error(`kubectl describe failed for ${fixture}: ${r.stderr}`);
    const bundles = loadPaste(r.stdout, `${fixture} (describe)`, { fallbackNow: new Date().toISOString() });
    return { fixture, fromJson: primary(diagnoseFixture(fixture).findings), fromDescribe: primary(diagnose(bundles[0]!).findings) };
  } finally {
    await server.close();
  }
}

if (process.argv[1]?.endsWith('describeRoundTrip.ts')) {
  const results: RoundTrip[] = [];
  for (const f of singlePodFixtures()) results.push(await describeRoundTrip(f));
  const same = results.filter((r) => r.fromJson === r.fromDescribe);
  for (const r of results.filter((x) => x.fromJson !== x.fromDescribe)) console.log(`${r.fixture}: json ${r.fromJson}, describe ${r.fromDescribe}`);
  console.log(`${same.length}/${results.length} agree`);
}
