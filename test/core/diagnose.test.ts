// Ranking: one primary cause (lowest causal layer, earliest container), supersession, determinism.
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import type { Finding, Rule, Severity } from '../../lib/rules/types.ts';

const bundle: Bundle = {
  now: '2026-11-25T10:00:00Z',
  pod: {
    metadata: { name: 'p', namespace: 'shop', creationTimestamp: '2026-11-25T09:48:00Z' },
    spec: { initContainers: [{ name: 'init-a' }], containers: [{ name: 'web' }, { name: 'sidecar' }], nodeName: 'n1' },
    status: { phase: 'Pending' },
  },
  logs: {},
  related: {},
  notes: ['events: forbidden'],
};

function fakeRule(id: string, layer: number, emits: { container?: string; severity: Severity }[], supersededBy?: string[]): Rule {
  return {
    meta: { id, severity: 'critical', title: id, needs: [], layer, ...(supersededBy ? { supersededBy } : {}) },
    check: () =>
      emits.map((e): Finding => ({ rule: id, severity: e.severity, ...(e.container ? { container: e.container } : {}), summary: `${id} on ${e.container ?? 'pod'}`, explanation: '', evidence: [], fixes: [] })),
  };
}

const ids = (findings: Finding[]) => findings.map((f) => `${f.rule}:${f.container ?? '-'}`);

describe('diagnose', () => {
  it('puts the lowest causal layer first, then severity, container order, layer', () => {
    const rules = [
      fakeRule('crash', 70, [{ container: 'web', severity: 'critical' }]),
      fakeRule('advice', 100, [{ container: 'init-a', severity: 'info' }]),
      fakeRule('missing-secret', 25, [{ container: 'sidecar', severity: 'critical' }]),
      fakeRule('probe', 85, [{ container: 'init-a', severity: 'warning' }]),
    ];
    const d = diagnose(bundle, rules);
    assert.deepEqual(ids(d.findings), ['missing-secret:sidecar', 'crash:web', 'probe:init-a', 'advice:init-a']);
    assert.equal(d.healthy, false);
  });

  it('at equal layers the earliest container is primary (init before regular)', () => {
    const d = diagnose(bundle, [fakeRule('pull', 40, [{ container: 'web', severity: 'critical' }, { container: 'init-a', severity: 'critical' }])]);
    assert.deepEqual(ids(d.findings), ['pull:init-a', 'pull:web']);
  });

  it('a critical finding outranks a warning in a lower layer for primary', () => {
    const d = diagnose(bundle, [fakeRule('early-warning', 10, [{ severity: 'warning' }]), fakeRule('late-critical', 70, [{ container: 'web', severity: 'critical' }])]);
    assert.deepEqual(ids(d.findings), ['late-critical:web', 'early-warning:-']);
  });

  it('drops a generic finding superseded by a specific one on the same container only', () => {
    const d = diagnose(bundle, [
      fakeRule('generic', 70, [{ container: 'web', severity: 'critical' }, { container: 'sidecar', severity: 'critical' }], ['specific']),
      fakeRule('specific', 60, [{ container: 'web', severity: 'critical' }]),
    ]);
    assert.deepEqual(ids(d.findings), ['specific:web', 'generic:sidecar']);
  });

  it('is healthy with only advice, and carries the bundle notes', () => {
    const d = diagnose(bundle, [fakeRule('advice', 100, [{ container: 'web', severity: 'info' }])]);
    assert.equal(d.healthy, true);
    assert.deepEqual(d.notes, ['events: forbidden']);
  });

  it('a warning alone (no critical finding) is a problem: not healthy, and it is primary ahead of advice', () => {
    const d = diagnose(bundle, [fakeRule('advice', 100, [{ container: 'init-a', severity: 'info' }]), fakeRule('probe', 85, [{ container: 'web', severity: 'warning' }])]);
    assert.equal(d.healthy, false);
    assert.deepEqual(ids(d.findings), ['probe:web', 'advice:init-a']);
  });

  it('runs a fallback rule only when no other rule found a critical or warning problem in the pod', () => {
    const fallback: Rule = { ...fakeRule('fallback', 1000, [{ container: 'web', severity: 'critical' }]), meta: { id: 'fallback', severity: 'critical', title: '', needs: [], layer: 1000, fallback: true } };
    let calls = 0;
    const counted: Rule = { ...fallback, check: (b) => (calls++, fallback.check(b)) };
    assert.deepEqual(ids(diagnose(bundle, [counted, fakeRule('probe', 85, [{ container: 'init-a', severity: 'warning' }])]).findings), ['probe:init-a']);
    assert.equal(calls, 0, 'not even run beside a specific finding');
    const alone = diagnose(bundle, [counted, fakeRule('advice', 100, [{ container: 'web', severity: 'info' }])]);
    assert.deepEqual(ids(alone.findings), ['fallback:web', 'advice:web']);
    assert.equal(alone.healthy, false);
    assert.equal(calls, 1);
  });

  it('a rule that throws becomes a note, and the other rules still report', () => {
    const broken: Rule = { meta: { id: 'broken', severity: 'critical', title: 'x', needs: [], layer: 1 }, check: () => { throw new TypeError('boom'); } };
    const d = diagnose(bundle, [broken, fakeRule('ok', 50, [{ container: 'web', severity: 'critical' }])]);
    assert.deepEqual(ids(d.findings), ['ok:web']);
    assert.match(d.notes.join('\n'), /rule broken failed on this input \(boom\)/);
  });

  it('summarises the pod like kubectl get pod (no statuses yet: the phase)', () => {
    const d = diagnose(bundle, []);
    assert.deepEqual(d.pod, { namespace: 'shop', name: 'p', phase: 'Pending', status: 'Pending', ready: '0/2', restarts: 0, node: 'n1', age: '12m' });
  });

  it('gives the same order whatever order the rules are registered in', () => {
    const rules = [
      fakeRule('a', 50, [{ container: 'web', severity: 'critical' }]),
      fakeRule('b', 50, [{ container: 'web', severity: 'critical' }]),
      fakeRule('c', 30, [{ container: 'sidecar', severity: 'warning' }]),
    ];
    assert.deepEqual(ids(diagnose(bundle, rules).findings), ids(diagnose(bundle, [...rules].reverse()).findings));
  });
});
