import { strict as assert } from 'node:assert';
import { diagnose } from '../../../lib/diagnose.ts';
import { rule } from '../../../lib/rules/fallback/unexplainedProblem.ts';
import { diagnoseFixture, loadFixture } from '../../support/fixtures.ts';

const ID = 'unexplained-problem';

describe('unexplained-problem', () => {
  it('CrashLoopBackOff with an empty lastState, no events, no log: container-exit-error explains it from the status alone', () => {
    const d = diagnoseFixture('container-exit-error--nothing-recorded');
    assert.deepEqual(d.findings.map((f) => [f.rule, f.container]), [['container-exit-error', 'ledger-api']]);
    assert.match(d.findings[0]!.summary, /\(inferred from its status; its last exit was not recorded\)\.$/);
  });

  it('on its own, on that pod: the status, and where to look', () => {
    const findings = rule.check(loadFixture('container-exit-error--nothing-recorded'));
    assert.deepEqual(findings, [
      {
        rule: ID,
        severity: 'critical',
        container: 'ledger-api',
        summary: 'Container ledger-api is in CrashLoopBackOff (23 restarts), and no rule recognises the cause: the raw evidence is below.',
        explanation:
          'podwhy looks for known causes (image pulls, missing ConfigMaps and Secrets, volumes, the sandbox, scheduling, exit codes, probes, init containers) and none matched what this pod shows, yet it is not fine: container ledger-api is in CrashLoopBackOff (23 restarts). No event of the pod was among those read (events expire after about an hour). No log of ledger-api was provided. The evidence below is what podwhy has; the commands show more.',
        evidence: [
          {
            source: 'status',
            ref: 'status.containerStatuses{ledger-api}.state.waiting',
            text: 'CrashLoopBackOff: back-off 5m0s restarting failed container=ledger-api pod=ledger-api-7d9f8c6b5-kq4zt_payments(3c9e1f27-58a4-4b0e-9d61-2f7a8c4b5e10)',
          },
        ],
        fixes: [
          { description: "Read the pod's full status, conditions and events:", command: 'kubectl describe pod ledger-api-7d9f8c6b5-kq4zt -n payments' },
          { description: 'Read what the last run of ledger-api printed before it ended:', command: 'kubectl logs ledger-api-7d9f8c6b5-kq4zt -n payments -c ledger-api --previous' },
          {
            description: "List the pod's events, oldest first (they expire after about an hour):",
            command: 'kubectl get events -n payments --field-selector involvedObject.name=ledger-api-7d9f8c6b5-kq4zt --sort-by=.lastTimestamp',
          },
        ],
      },
    ]);
  });

  it('ContainerCreating past its grace with a Warning no rule knows: both, the event with its count', () => {
    const [f, ...rest] = diagnoseFixture('unexplained-problem').findings;
    assert.equal(rest.length, 0);
    assert.equal(f!.rule, ID);
    assert.equal(f!.container, 'cart', 'a pod-level Warning does not make it a pod-wide finding');
    assert.equal(f!.summary, 'Container cart has been ContainerCreating for 16m, and no rule recognises the cause: the raw evidence is below.');
    assert.deepEqual(f!.evidence, [
      { source: 'status', ref: 'status.containerStatuses{cart}.state.waiting', text: 'ContainerCreating' },
      {
        source: 'event',
        ref: 'Warning FailedCreatePodContainer',
        text: 'unable to ensure pod container exists: failed to create container for [kubepods burstable pod9a4b2c61-7d3e-4f58-a19b-6c0d2e8f4a37] : mkdir /sys/fs/cgroup/memory/kubepods/burstable/pod9a4b2c61-7d3e-4f58-a19b-6c0d2e8f4a37: cannot allocate memory (x14)',
      },
    ]);
    assert.match(f!.explanation, /container cart has been ContainerCreating for 16m; the pod has a Warning event FailedCreatePodContainer \(x14\)\./);
    assert.doesNotMatch(f!.explanation, /No log of cart/, 'a container that never ran has no log to miss');
    assert.deepEqual(
      f!.fixes.map((x) => x.command),
      ['kubectl describe pod cart-5b8d7f9c6-m2x8v -n shop', 'kubectl get events -n shop --field-selector involvedObject.name=cart-5b8d7f9c6-m2x8v --sort-by=.lastTimestamp'],
    );
  });

  it('Running but not Ready for 40m, the probe events expired: the unready time and the current log tail', () => {
    const [f, ...rest] = diagnoseFixture('unexplained-problem--running-not-ready').findings;
    assert.equal(rest.length, 0);
    assert.equal(f!.rule, ID);
    assert.equal(f!.summary, 'Container indexer has been Running but not Ready for 40m, and no rule recognises the cause: the raw evidence is below.');
    assert.deepEqual(f!.evidence[0], { source: 'status', ref: 'status.containerStatuses{indexer}.ready', text: 'false: running since 2026-11-25T08:58:05Z' });
    assert.equal(f!.evidence[1]!.source, 'log');
    assert.equal(f!.evidence[1]!.ref, 'indexer');
    assert.match(f!.evidence[1]!.text, /cluster-manager not discovered yet/);
    assert.equal(f!.fixes[1]!.command, 'kubectl logs indexer-0 -n search -c indexer');
  });

  it('phase Unknown without a reason: a look at the node (with NodeLost, stuck-terminating explains it)', () => {
    const bundle = structuredClone(loadFixture('stuck-terminating--node-lost-phase-unknown'));
    assert.equal(diagnose(bundle).findings[0]?.rule, 'stuck-terminating');
    delete bundle.pod.status!.reason;
    delete bundle.pod.status!.message;
    const [f, ...rest] = diagnose(bundle).findings;
    assert.equal(rest.length, 0);
    assert.equal(f!.rule, ID);
    assert.equal(f!.container, undefined);
    assert.equal(f!.summary, 'Pod redis-0 is in phase Unknown (its node has stopped reporting), and no rule recognises the cause: the raw evidence is below.');
    assert.deepEqual(f!.evidence, [{ source: 'status', ref: 'status.phase', text: 'Unknown' }]);
    assert.match(f!.explanation, /The pod's events were not provided; they usually name the cause\./);
    assert.deepEqual(f!.fixes.at(-1), { description: "The pod's node worker-6 stopped reporting: see whether it is Ready:", command: 'kubectl describe node worker-6' });
  });

  it('quotes the previous log when the current one is empty, and says when a log could not be read', () => {
    const bundle = structuredClone(loadFixture('container-exit-error--nothing-recorded'));
    bundle.logs['ledger-api'] = { current: { text: '' }, previous: { text: 'listening on :8080\nFATAL: dial tcp 127.0.0.1:5432: connect: connection refused\n' } };
    const [withPrevious] = rule.check(bundle);
    assert.deepEqual(withPrevious!.evidence.at(-1), { source: 'log', ref: 'ledger-api (previous)', text: 'listening on :8080\nFATAL: dial tcp 127.0.0.1:5432: connect: connection refused' });
    bundle.logs['ledger-api'] = { current: { error: 'container "ledger-api" in pod "ledger-api-7d9f8c6b5-kq4zt" is waiting to start: CrashLoopBackOff' } };
    const [unreadable] = rule.check(bundle);
    assert.match(unreadable!.explanation, /The log of ledger-api could not be read \(container "ledger-api" in pod "ledger-api-7d9f8c6b5-kq4zt" is waiting to start: CrashLoopBackOff\)\./);
  });

  it('quotes the newest Warning events first, at most five', () => {
    const bundle = structuredClone(loadFixture('container-exit-error--nothing-recorded'));
    bundle.events = Array.from({ length: 7 }, (_, i) => ({ type: 'Warning', reason: `Reason${i}`, message: `message ${i}`, count: i + 1, lastSeen: `2026-11-25T09:3${i}:00Z` }));
    const [f] = rule.check(bundle);
    assert.deepEqual(
      f!.evidence.filter((e) => e.source === 'event').map((e) => e.ref),
      ['Warning Reason6', 'Warning Reason5', 'Warning Reason4', 'Warning Reason3', 'Warning Reason2'],
    );
  });

  it('stays silent when a specific rule explains the pod (it is the fallback)', () => {
    for (const fixture of ['container-exit-error', 'oom-killed', 'image-pull-not-found', 'unschedulable-resources', 'init-container-hanging']) {
      const d = diagnoseFixture(fixture);
      assert.equal(d.healthy, false, fixture);
      assert.ok(!d.findings.some((f) => f.rule === ID), `${fixture}: ${d.findings.map((f) => f.rule).join(', ')}`);
    }
  });

  it('healthy look-alikes stay healthy', () => {
    const lookAlikes = {
      'container-exit-error--not-completed-job': 'a Job pod that Completed (phase Succeeded)',
      'unexplained-problem--not-old-runtime-exit-0': 'an old docker runtime reported reason Error with exit code 0, Ready since',
      'sandbox-creation-failed--not-sandbox-changed': 'Ready again after a node restart left an Unknown/255 last state',
      'unexplained-problem--not-just-created': 'created 25s ago, still pulling its image',
      'image-pull-failed--not-still-pulling': 'ContainerCreating for 42s',
      'readiness-probe-failing--not-container-gone': 'restarted 10s ago, not Ready yet; a single probe error during the restart',
      'liveness-probe-failing--not-single-old-event': 'one liveness failure 48m ago, Ready since',
      'unschedulable-resources--not-scheduling-gated': 'held by a scheduling gate on purpose',
      'stuck-terminating--not-within-grace': 'being deleted, within its grace period',
      'healthy-running': 'Running and Ready',
      'unexplained-problem--not-paste-job-finished-cut-describe': 'a pasted describe cut above Status: Completed, exit 0, never restarted, so not under Always',
      'unexplained-problem--not-paste-old-describe-exit-0-error': 'a 1.1 describe: reason Error with exit code 0, never restarted',
    };
    for (const [fixture, why] of Object.entries(lookAlikes)) {
      const d = diagnoseFixture(fixture);
      assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), [], `${fixture} (${why})`);
      assert.equal(d.healthy, true, `${fixture} (${why})`);
    }
  });

  it('the same pod with the capture time moved past the grace is no longer healthy', () => {
    const bundle = structuredClone(loadFixture('unexplained-problem--not-just-created'));
    bundle.now = '2026-11-25T10:09:36Z';
    const d = diagnose(bundle);
    assert.equal(d.healthy, false);
    assert.equal(d.findings[0]!.summary, 'Container checkout has been ContainerCreating for 10m, and no rule recognises the cause: the raw evidence is below.');
    assert.deepEqual(d.findings[0]!.evidence.filter((e) => e.source === 'event').map((e) => e.ref), ['Normal Pulling', 'Normal Scheduled'], 'without Warnings, the newest events of any kind');
  });

  // review2 #17: `kubectl get pods -w` showed an Error row, then Running 0/1: the reader records that last state.
  it('a watch that shows Error, then Running 0/1: the last state recorded (Error) is cited beside ready false', () => {
    const [f] = diagnoseFixture('unexplained-problem--watch-error-then-running').findings;
    assert.equal(f?.rule, ID);
    assert.deepEqual(f!.evidence.filter((e) => e.source === 'status').map((e) => [e.ref, e.text]), [
      ['status.containerStatuses{CONTAINER}.ready', 'false'],
      ['status.containerStatuses{CONTAINER}.lastState.terminated', 'Error (exit code not shown)'],
    ]);
  });

  it('look-alike: a last state that a sign already cites (keeps restarting) is not cited twice', () => {
    const b = structuredClone(loadFixture('unexplained-problem--watch-error-then-running'));
    const s = b.pod.status!.containerStatuses![0]!;
    s.restartCount = 5;
    s.state = { running: { startedAt: '2026-11-25T09:58:00Z' } };
    s.lastState = { terminated: { reason: 'Error', exitCode: 1, startedAt: '2026-11-25T09:50:00Z', finishedAt: '2026-11-25T09:57:50Z' } };
    const f = rule.check(b)[0]!;
    assert.match(f.explanation, /keeps restarting \(5 restarts\): its last run ended with exit code 1/);
    assert.equal(f.evidence.filter((e) => e.ref.endsWith('lastState.terminated')).length, 1);
  });
});
