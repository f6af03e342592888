import { strict as assert } from 'node:assert';
import type { PodContainer } from '../../../lib/bundle/containers.ts';
import type { Container } from '../../../lib/bundle/k8s.ts';
import { explicitHeapCap, heapFlagFor } from '../../../lib/rules/exits/memory.ts';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

const ID = 'oom-killed';

describe(ID, () => {
  it('OOMKilled 137: states the limit and request, how long it ran, restarts, and doubles the limit', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'orders');
    assert.equal(f.summary, 'Container orders was killed for exceeding its memory limit of 512Mi (OOMKilled, exit code 137) after running 41s.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.containerStatuses\{orders\}\.lastState\.terminated: exit code 137 \(OOMKilled\), ran for 41s/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.resources: memory limit 512Mi, request 512Mi/);
    assert.match(ev, /restartCount: 5/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/orders -n shop -c orders --requests=memory=1Gi --limits=memory=1Gi');
    assert.match(f.explanation, /looks like a JVM/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl set env deployment/orders -n shop -c orders JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0'));
  });

  it('replaces container-exit-error and is the primary cause', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('OOMKilled with exit code 1 is still OOM (reason, not exit code, decides)', () => {
    const [f] = findingsOf(`${ID}--exit-1`, ID);
    assert.ok(f);
    assert.match(f.summary, /memory limit of 128Mi \(OOMKilled, exit code 1\) after running 20s/);
    assert.match(f.explanation, /whatever the exit code \(1 here\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/thumbnailer -n media -c thumbnailer --limits=memory=256Mi');
  });

  it('Error/137 with SystemOOM and OOMKilling node events: a likely node-level OOM, said as such', () => {
    const [f] = findingsOf(`${ID}--node-oom`, ID);
    assert.ok(f);
    assert.match(f.summary, /was probably killed by the node's out-of-memory killer/);
    assert.match(f.summary, /node worker-3 reported an OOM kill of "indexer"/);
    assert.match(f.explanation, /not certain/);
    const ev = evidenceText(f);
    assert.match(ev, /\[event\] Node\/worker-3 Warning SystemOOM: System OOM encountered, victim process: indexer, pid: 48211/);
    assert.match(ev, /resources: no memory limit or request/);
    assert.equal(f.fixes[0]!.command, 'kubectl top pod indexer-7c5d9b6f8e-s7d3f -n search --containers');
  });

  it('Error/137 after a liveness Killing event is not called OOM', () => {
    const d = diagnoseFixture(`${ID}--not-liveness-kill`);
    assert.deepEqual(d.findings.filter((f) => f.rule === ID), []);
    assert.equal(d.findings[0]?.rule, 'liveness-probe-failing');
  });

  it('does not fire on other exits', () => {
    for (const fx of ['container-exit-error', 'container-exit-error--segfault', 'command-not-found']) assert.deepEqual(findingsOf(fx, ID), [], fx);
  });


  it('does not call a JVM heap OutOfMemoryError (exit 1) an OOM kill', () => {
    assert.deepEqual(findingsOf('oom-killed--not-heap-exhausted', 'oom-killed'), []);
    assert.equal(diagnoseFixture('oom-killed--not-heap-exhausted').findings[0]?.rule, 'container-exit-error');
  });

  it('-Xmx above the limit: says the heap cap alone exceeds the limit, and lowers -Xmx where it is written', () => {
    const d = diagnoseFixture(`${ID}--xmx-above-limit`);
    const f = d.findings[0];
    assert.equal(f?.rule, ID);
    assert.equal(f.container, 'app');
    assert.match(f.explanation, /Its command caps the JVM heap at 1Gi \(-Xmx1g\), more than the whole 512Mi limit/);
    assert.doesNotMatch(f.explanation, /unless -Xmx/);
    // the raised limit must hold the 1Gi heap plus what is not heap, not merely double 512Mi (= the heap)
    assert.equal(f.fixes[0]!.command, 'kubectl set resources deployment/inventory -n shop -c app --requests=memory=1.5Gi --limits=memory=1.5Gi');
    assert.equal(
      f.fixes[1]!.command,
      `kubectl patch deployment inventory -n shop --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["java","-Xmx384m","-jar","/app/app.jar"]}]'`,
    );
    // JAVA_TOOL_OPTIONS cannot override a command-line -Xmx: offering it would be a fix that does nothing
    assert.ok(!f.fixes.some((x) => /JAVA_TOOL_OPTIONS/.test(`${x.description} ${x.command ?? ''}`)));
  });
});

describe('explicitHeapCap', () => {
  const container = (spec: Omit<Container, 'name'>): PodContainer => ({ name: 'app', kind: 'regular', index: 0, order: 0, sidecar: false, spec: { name: 'app', ...spec } });
  const MiB = 2 ** 20;
  const cases: { name: string; spec: Omit<Container, 'name'>; want?: { bytes: number; flag: string; where: string; rewritten: string[] | string } }[] = [
    { name: 'argv -Xmx1g', spec: { command: ['java', '-Xmx1g', '-jar', 'app.jar'] }, want: { bytes: 1024 * MiB, flag: '-Xmx1g', where: 'command', rewritten: ['java', '-Xmx384m', '-jar', 'app.jar'] } },
    { name: 'inside sh -c', spec: { command: ['sh', '-c'], args: ['exec java -Xmx2048M -jar /app.jar'] }, want: { bytes: 2048 * MiB, flag: '-Xmx2048M', where: 'args', rewritten: ['exec java -Xmx384m -jar /app.jar'] } },
    { name: 'JAVA_OPTS env', spec: { env: [{ name: 'JAVA_OPTS', value: '-Xms256m -Xmx768m -XX:+UseG1GC' }] }, want: { bytes: 768 * MiB, flag: '-Xmx768m', where: 'env', rewritten: '-Xms256m -Xmx384m -XX:+UseG1GC' } },
    { name: 'MaxHeapSize in bytes', spec: { args: ['-XX:MaxHeapSize=1073741824'] }, want: { bytes: 1024 * MiB, flag: '-XX:MaxHeapSize=1073741824', where: 'args', rewritten: ['-Xmx384m'] } },
    { name: 'no cap (MaxRAMPercentage is relative)', spec: { command: ['java', '-XX:MaxRAMPercentage=75.0', '-jar', 'app.jar'] } },
    { name: '-Xms alone is not a cap', spec: { env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Xms1g' }] } },
    { name: 'env from a ConfigMap has no literal value', spec: { env: [{ name: 'JAVA_OPTS', valueFrom: { configMapKeyRef: { name: 'jvm', key: 'opts' } } }] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cap = explicitHeapCap(container(c.spec));
      if (!c.want) return assert.equal(cap, undefined);
      assert.ok(cap);
      assert.equal(cap.runtime, 'jvm');
      assert.equal(cap.bytes, c.want.bytes);
      assert.equal(cap.flag, c.want.flag);
      assert.equal(cap.where, c.want.where);
      assert.deepEqual(cap.rewrite(heapFlagFor('jvm', 512 * MiB)), c.want.rewritten);
    });
  }

  it('Node.js --max-old-space-size in NODE_OPTIONS', () => {
    const cap = explicitHeapCap(container({ env: [{ name: 'NODE_OPTIONS', value: '--max-old-space-size=4096' }] }));
    assert.equal(cap?.runtime, 'node');
    assert.equal(cap.bytes, 4096 * MiB);
    assert.equal(cap.envName, 'NODE_OPTIONS');
    assert.equal(cap.rewrite(heapFlagFor('node', 1024 * MiB)), '--max-old-space-size=768');
  });
  it('injected istio-proxy: raises the limit through the sidecar annotation, not kubectl set resources -c istio-proxy', () => {
    const found = findingsOf('oom-killed--istio-sidecar', 'oom-killed');
    assert.equal(found.length, 1);
    const f = found[0]!;
    assert.equal(f.container, 'istio-proxy');
    assert.equal(f.fixes[0]!.command, `kubectl patch deployment/reviews-v2 -n bookinfo -p '{"spec":{"template":{"metadata":{"annotations":{"sidecar.istio.io/proxyMemoryLimit":"256Mi"}}}}}'`);
    assert.match(f.fixes[0]!.description, /injected by Istio/);
    assert.ok(!f.fixes.some((x) => x.command?.includes('set resources')));
  });
});
