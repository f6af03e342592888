import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import { diagnoseFixture, evidenceText, findingsOf, fixturePath } from '../../support/fixtures.ts';

const ID = 'container-exit-error';

describe(ID, () => {
  it('exit 1 with a refused database connection in the log', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'payments');
    assert.match(f.summary, /^Container payments keeps crashing: it exits with code 1 \(application error\) after 2s; its log points to a refused connection to 10\.96\.112\.7:5432/);
    const ev = evidenceText(f);
    assert.match(ev, /lastState\.terminated: exit code 1 \(Error\), ran for 2s/);
    assert.match(ev, /\[log\] payments \(previous\): [\s\S]*dial tcp 10\.96\.112\.7:5432: connect: connection refused/);
    assert.match(f.explanation, /now waits 2m40s before the next try \(CrashLoopBackOff\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl get services,endpoints -n shop');
    assert.ok(f.fixes.some((x) => x.command === 'kubectl logs payments-5d8c7b9f6a-n3m7k -n shop -c payments --previous'));
  });

  it('is the primary cause', () => {
    assert.equal(diagnoseFixture(ID).findings[0]?.rule, ID);
  });

  it('no log, FallbackToLogsOnError termination message: finds the Java root cause', () => {
    const [f] = findingsOf(`${ID}--stack-trace`, ID);
    assert.ok(f);
    assert.match(f.summary, /its termination message points to LEDGER_DB_URL not being set/);
    assert.match(f.explanation, /termination message holds the end of its output/);
    assert.match(f.explanation, /Caused by: java\.lang\.IllegalArgumentException: Could not resolve placeholder 'LEDGER_DB_URL'/);
    assert.match(f.fixes[0]!.description, /Set LEDGER_DB_URL in the container's env/);
  });

  it('exit 139 explained as a segmentation fault, with a debug copy to reproduce', () => {
    const [f] = findingsOf(`${ID}--segfault`, ID);
    assert.ok(f);
    assert.equal(f.summary, 'Container renderer keeps crashing: it exits with code 139 (SIGSEGV, segmentation fault) after 1s.');
    assert.match(f.explanation, /segmentation fault/);
    assert.match(evidenceText(f), /\[log\] renderer \(previous\): renderer 0\.9\.3 starting\nloading fonts from \/usr\/share\/fonts/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl debug renderer-7f9e8d6c5b-y6u1i -n media -it --copy-to=renderer-7f9e8d6c5b-y6u1i-debug --container=renderer -- sh'));
  });

  it('a completed Job pod (restartPolicy Never, exit 0) is healthy', () => {
    const d = diagnoseFixture(`${ID}--not-completed-job`);
    assert.equal(d.pod.status, 'Completed');
    assert.equal(d.healthy, true);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });

  it('gives way to the specific rules for the same container', () => {
    for (const fx of ['shell-script-without-c', 'command-not-found', 'command-not-executable', 'exec-format-error', 'oom-killed', 'oom-killed--exit-1', 'short-lived-command']) {
      assert.deepEqual(findingsOf(fx, ID), [], fx);
    }
  });

  it('does not report a liveness kill as an application crash', () => {
    assert.deepEqual(findingsOf('oom-killed--not-liveness-kill', ID), []);
  });


  it('nginx under runAsNonRoot refused port 80: names the privileged port, not file permissions', () => {
    const [f] = findingsOf(`${ID}--privileged-port`, ID);
    assert.ok(f);
    assert.equal(f.container, 'storefront');
    assert.match(f.summary, /its log points to a non-root process being refused port 80 \(ports below 1024/);
    assert.match(f.explanation, /"nginx: \[emerg\] bind\(\) to 0\.0\.0\.0:80 failed \(13: Permission denied\)"/);
    assert.match(f.fixes[0]!.description, /net\.ipv4\.ip_unprivileged_port_start/);
    assert.doesNotMatch(f.fixes[0]!.description, /fsGroup/);
  });

  it('StartError, working directory not enterable: a fix about workingDir, no "read the log" advice', () => {
    const [f] = findingsOf(`${ID}--start-error-workdir`, ID);
    assert.ok(f);
    assert.match(f.summary, /cannot start: the runtime failed to start its process \(StartError, exit code 128\): chdir to cwd \("\/home\/app"\) set in config\.json failed: permission denied\.$/);
    assert.equal(f.fixes.length, 1);
    assert.match(f.fixes[0]!.description, /^The working directory \/home\/app \(spec\.containers\[0\]\.workingDir\) cannot be entered: permission denied\. The container's user may not enter it/);
    assert.ok(!f.fixes.some((x) => x.command?.startsWith('kubectl logs')), 'a process that never ran has no log');
  });

  it('JVM heap exhausted under a 1Gi limit: sizes the heap from the limit, pasteable set env', () => {
    const [f] = findingsOf('oom-killed--not-heap-exhausted', ID);
    assert.ok(f);
    assert.match(f.summary, /its log points to the JVM running out of memory \(OutOfMemoryError: Java heap space\)/);
    assert.match(f.fixes[0]!.description, /not at the container limit \(the container's memory limit is 1Gi; the kernel did not kill it\)/);
    assert.equal(f.fixes[0]!.command, 'kubectl set env deployment/catalog -n shop -c catalog JAVA_TOOL_OPTIONS=-XX:MaxRAMPercentage=75.0');
  });
  it('CreateContainerError, name still reserved in containerd: explains the runtime conflict, cites the earlier timeout', () => {
    const [f, ...rest] = findingsOf('container-exit-error--create-name-conflict', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'api');
    assert.equal(f.summary, 'Container api cannot be created (CreateContainerError): the runtime still holds a container of the same name from an earlier create attempt that timed out.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.containerStatuses\{api\}\.state\.waiting: CreateContainerError: failed to reserve container name "api_search-api-6d8f9c7b5-w7kq2_search_[^"]+": name "[^"]+" is reserved for/);
    assert.match(ev, /\[event\] Warning Failed: Error: context deadline exceeded/);
    assert.doesNotMatch(ev, /\(x43\)/, 'the Failed event repeating the status message is not cited twice');
    assert.equal(f.fixes[0]!.command, 'kubectl delete pod search-api-6d8f9c7b5-w7kq2 -n search');
    assert.equal(f.fixes[1]!.command, 'kubectl describe node ip-10-0-5-142.ec2.internal');
    const d = diagnoseFixture('container-exit-error--create-name-conflict');
    assert.equal(d.healthy, false);
    assert.equal(d.findings[0]?.rule, ID);
  });
  it('postStart hook fails (exit 143 from the kill): names the hook and its output, not the app log or a signal', () => {
    const [f, ...rest] = findingsOf('container-exit-error--poststart-hook-failed', ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'sync');
    assert.equal(f.severity, 'critical');
    assert.equal(f.summary, "Container sync keeps being killed: its postStart hook fails (curl: (7) Failed to connect to consul.infra port 8500 after 4 ms: Couldn't connect to server), so the kubelet kills it (exit code 143) and restarts it.");
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.lifecycle\.postStart: \/bin\/sh -c 'curl -fsS -X PUT http:\/\/consul\.infra:8500/);
    assert.match(ev, /\[event\] Warning FailedPostStartHook: Exec lifecycle hook .* exited with 7: .*\(x7\)$/m);
    assert.doesNotMatch(f.summary + f.explanation, /connection refused while flushing|SIGTERM/, 'the app\'s shutdown log is not the cause');
    assert.ok(!f.fixes.some((x) => x.command?.startsWith('kubectl debug')));
    assert.equal(f.fixes[1]!.command, 'kubectl describe pod catalog-sync-7f9b6c5d4-h2xvp -n catalog');
  });
  it('a hand-edited postStart hook whose exec command is not a list: still explained, the hook shown from its raw spec', () => {
    const dir = fixturePath('container-exit-error--poststart-hook-failed');
    const pod = JSON.parse(readFileSync(join(dir, 'pod.json'), 'utf8')) as Pod & { spec: { containers: { lifecycle: { postStart: { exec: { command: unknown } } } }[] } };
    pod.spec.containers[0]!.lifecycle.postStart.exec.command = '/bin/sh -c register';
    const events = (JSON.parse(readFileSync(join(dir, 'events.json'), 'utf8')) as { items: RawEvent[] }).items;
    const d = diagnose(assembleBundle({ now: '2026-11-25T10:00:00Z', pod, events, logs: {}, related: {} }));
    assert.deepEqual(d.notes.filter((n) => /failed on this input/.test(n)), []);
    const f = d.findings.find((x) => x.rule === ID);
    assert.ok(f);
    assert.match(f.summary, /its postStart hook fails/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.lifecycle\.postStart: \{"exec":\{\}\}/);
  });
});
