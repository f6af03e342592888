import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

const ID = 'exec-format-error';

describe(ID, () => {
  it('arm64 image on an amd64 node: names both architectures and offers a multi-arch build and a nodeSelector', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'api');
    assert.match(f.summary, /"exec format error", the binary is for another CPU architecture than node ip-10-0-1-21\.eu-west-1\.compute\.internal \(amd64\)/);
    assert.match(f.explanation, /built for arm64 \(its name says so\) while node ip-10-0-1-21\.eu-west-1\.compute\.internal is amd64/);
    const ev = evidenceText(f);
    assert.match(ev, /\[log\] api \(previous\): exec \/usr\/local\/bin\/api: exec format error/);
    assert.match(ev, /\[cluster\] Node\/ip-10-0-1-21\.eu-west-1\.compute\.internal\.status\.nodeInfo\.architecture: amd64/);
    assert.ok(f.fixes.some((x) => x.command === 'docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/acme/api:1.4.0-arm64 --push .'));
    assert.ok(f.fixes.some((x) => x.command === `kubectl patch deployment api -n default --type=json -p '[{"op":"add","path":"/spec/template/spec/nodeSelector","value":{"kubernetes.io/arch":"arm64"}}]'`));
  });

  it('replaces container-exit-error (exit 255)', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('old runc wording without a node list: says the node could not be checked', () => {
    const [f] = findingsOf(`${ID}--old-runc`, ID);
    assert.ok(f);
    assert.match(evidenceText(f), /standard_init_linux\.go:211: exec user process caused "exec format error"/);
    assert.match(f.explanation, /the architecture of node pi-node-1 could not be checked \(the node was not provided\)/);
    assert.ok(!evidenceText(f).includes('[cluster]'));
  });

  it('does not fire on other crashes', () => {
    for (const fx of ['container-exit-error', 'container-exit-error--segfault', 'command-not-found']) assert.deepEqual(findingsOf(fx, ID), [], fx);
  });

  it('CrashLoopBackOff with only the current log: that log is the exited run (kubectl logs serves it while the container waits)', () => {
    const d = diagnoseFixture(`${ID}--current-log-only`);
    const f = d.findings[0];
    assert.equal(f?.rule, ID);
    assert.equal(f.container, 'exporter');
    assert.match(evidenceText(f), /\[log\] exporter: exec \/usr\/local\/bin\/metrics-exporter: exec format error/);
    assert.ok(!d.findings.some((x) => x.rule === 'container-exit-error'));
  });
});
