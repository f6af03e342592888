// A paste without the pod's spec (events, logs, get pods rows; and for the pod-level fields, describe text,
// which never prints imagePullSecrets or restartPolicy) must not have a finding claim what the spec says:
// "no memory limit", "imagePullSecrets: none", "restartPolicy Always (default)", "its image's default command".
import { strict as assert } from 'node:assert';
import { podContainers } from '../../../lib/bundle/containers.ts';
import { containerSpecShown, podSpecShown } from '../../../lib/bundle/specShown.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { fixtureInput, loadFixture, singlePodFixtureNames } from '../../support/fixtures.ts';

/** Claims about a part of the spec, each with the part it needs shown. */
const CLAIMS: { part: 'container' | 'pod'; claim: RegExp }[] = [
  { part: 'container', claim: /\bno memory limit\b|has no memory limit|without a memory limit/i },
  { part: 'container', claim: /image's default command/ },
  { part: 'pod', claim: /imagePullSecrets: none|\bhas no imagePullSecrets\b|none \(neither the pod nor its service account/ },
  { part: 'pod', claim: /Always \(default\)/ },
];

describe('findings on input without the spec claim nothing of the spec', () => {
  it('every paste fixture: no finding states a spec value the paste does not show', () => {
    let specless = 0;
    for (const name of singlePodFixtureNames().filter((n) => fixtureInput(n).endsWith('.txt'))) {
      const bundle = loadFixture(name);
      const containerShown = podContainers(bundle.pod).some((c) => containerSpecShown(bundle, c));
      const podShown = podSpecShown(bundle);
      if (!containerShown || !podShown) specless++;
      for (const f of diagnose(bundle).findings) {
        const text = [f.summary, f.explanation, ...f.evidence.map((e) => e.text)].join('\n');
        for (const { part, claim } of CLAIMS) {
          if ((part === 'container' ? containerShown : podShown)) continue;
          assert.doesNotMatch(text, claim, `${name} ${f.rule}: claims what the paste does not show`);
        }
      }
    }
    assert.ok(specless > 50, `only ${specless} paste fixtures without the spec`);
  });

  it('a Pod object shows its spec: an OOM kill without a limit says so, its imagePullSecrets are none', () => {
    const f = diagnose(loadFixture('oom-killed--node-oom')).findings.find((x) => x.rule === 'oom-killed');
    assert.match(f?.explanation ?? '', /The container has no memory limit or request\./);
    const pull = diagnose(loadFixture('image-pull-unauthorized')).findings.find((x) => x.rule === 'image-pull-unauthorized');
    assert.match(pull?.explanation ?? '', /imagePullSecrets: none\./);
  });
});
