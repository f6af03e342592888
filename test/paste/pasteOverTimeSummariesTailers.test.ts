// Pastes the reader used to cut short or misread: a pod's rows over time (`get pods -w`), a log with blank lines
// in it, describe's fields summed up on one line, `--previous` named only in a sentence, log tailers (stern,
// kubetail), the runtime's listing before `crictl logs <id>`, and the kubelet's journal; with look-alikes of each.
// Wordings: shared/reference k8s-failure-signals.md (§ STATUS, terminated reasons) and the kubelet's klog lines.
import { strict as assert } from 'node:assert';
import type { Bundle } from '../../lib/bundle/types.ts';
import type { ContainerStatus } from '../../lib/bundle/k8s.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { describeSummary } from '../../lib/source/paste/describeSummaries.ts';
import { continuesLog } from '../../lib/source/paste/logContinuation.ts';
import { runtimeContainerRow } from '../../lib/source/paste/runtimeContainers.ts';
import { tailedLine } from '../../lib/source/paste/tailedLogs.ts';
import { scanPaste } from '../../lib/source/paste/scan.ts';
import { logText, notAPaste, onlyPod } from './readPaste.ts';

const summaryLines = (text: string, inDescribe: boolean): string[] | undefined => describeSummary(text, inDescribe)?.lines;

function primary(b: Bundle): { rule?: string; container?: string; evidence: string } {
  const f = diagnose(b).findings.find((x) => x.severity !== 'info');
  return { ...(f ? { rule: f.rule } : {}), ...(f?.container ? { container: f.container } : {}), evidence: (f?.evidence ?? []).map((e) => e.text).join('\n') };
}

function status(b: Bundle, init = false): ContainerStatus {
  const s = (init ? b.pod.status?.initContainerStatuses : b.pod.status?.containerStatuses)?.[0];
  assert.ok(s, 'no container status');
  return s;
}

function watch(rows: string[]): string {
  return ['$ kubectl get pods -w', 'NAME                      READY   STATUS             RESTARTS      AGE', ...rows].join('\n') + '\n';
}

describe('paste: a pod\'s rows over time (get pods -w, get pods again)', () => {
  it('Completed between starts, then CrashLoopBackOff: the container exits 0 (short-lived-command), exit code not invented', () => {
    const b = onlyPod(watch([
      'batch-runner-7d9c5-q2x8z  1/1     Running            0             4s',
      'batch-runner-7d9c5-q2x8z  0/1     Completed          0             6s',
      'batch-runner-7d9c5-q2x8z  1/1     Running            1 (2s ago)    8s',
      'batch-runner-7d9c5-q2x8z  0/1     Completed          1 (1s ago)    9s',
      'batch-runner-7d9c5-q2x8z  0/1     CrashLoopBackOff   1 (12s ago)   20s',
    ]));
    const s = status(b);
    assert.equal(s.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.deepEqual(s.lastState?.terminated, { reason: 'Completed' });
    assert.equal(s.restartCount, 1);
    assert.equal(primary(b).rule, 'short-lived-command');
  });

  it('Error between starts: a non-zero exit (container-exit-error)', () => {
    const b = onlyPod(watch(['api-5f7b8c9d4-kx7mn    1/1     Running            0          3s', 'api-5f7b8c9d4-kx7mn    0/1     Error              0          5s', 'api-5f7b8c9d4-kx7mn    0/1     CrashLoopBackOff   1          21s']));
    assert.deepEqual(status(b).lastState?.terminated, { reason: 'Error' });
    assert.equal(primary(b).rule, 'container-exit-error');
  });

  it('OOMKilled between starts: oom-killed, with the reason as its evidence', () => {
    const b = onlyPod(watch(['worker-0   1/1     Running     0          40s', 'worker-0   0/1     OOMKilled   0          52s', 'worker-0   0/1     CrashLoopBackOff   1 (14s ago)   66s']));
    assert.equal(status(b).lastState?.terminated?.reason, 'OOMKilled');
    const p = primary(b);
    assert.equal(p.rule, 'oom-killed');
    assert.match(p.evidence, /OOMKilled/);
  });

  it('Init:Error then Init:CrashLoopBackOff: the init container ended with Error (init-container-failed)', () => {
    const b = onlyPod(watch(['shop-db-migrate-6bd4f    0/1     Init:Error              0             4s', 'shop-db-migrate-6bd4f    0/1     Init:0/1                1 (2s ago)    6s', 'shop-db-migrate-6bd4f    0/1     Init:CrashLoopBackOff   1 (12s ago)   19s']));
    const s = status(b, true);
    assert.equal(s.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(s.lastState?.terminated?.reason, 'Error');
    assert.equal(status(b).lastState?.terminated, undefined, 'the app container never ran');
    assert.equal(primary(b).rule, 'init-container-failed');
  });

  it('`get pods` run again: the newest row counts, with its restarts', () => {
    const b = onlyPod('$ kubectl get pods\nNAME                    READY   STATUS    RESTARTS   AGE\nweb-6c9f7d8b5-abcde     1/1     Running   3          10m\n$ kubectl get pods\nNAME                    READY   STATUS             RESTARTS   AGE\nweb-6c9f7d8b5-abcde     0/1     CrashLoopBackOff   4          12m\n');
    assert.equal(status(b).restartCount, 4);
    assert.equal(status(b).lastState?.terminated, undefined, 'no row showed how it ended');
  });

  it('look-alikes: a pod that started fine stays healthy; a younger pod of the same name does not inherit the old one\'s end; other pods do not mix', () => {
    const started = onlyPod(watch(['web-6c9f7d8b5-abcde     0/1     ContainerCreating   0          1s', 'web-6c9f7d8b5-abcde     0/1     Running             0          3s', 'web-6c9f7d8b5-abcde     1/1     Running             0          12s']));
    assert.equal(primary(started).rule, undefined);
    const replaced = onlyPod(watch(['db-0   0/1     Error              2          10m', 'db-0   0/1     CrashLoopBackOff   0          5s']));
    assert.equal(status(replaced).lastState?.terminated, undefined);
    const rows = scanPaste(watch(['a-0   0/1     Error              0          5s', 'b-0   0/1     CrashLoopBackOff   1          21s'])).rows;
    assert.deepEqual(rows.map((r) => [r.name, r.endedBefore]), [['a-0', undefined], ['b-0', undefined]]);
  });
});

const NODE_LOG = [
  'node:internal/modules/cjs/loader:1080',
  '  throw err;',
  '  ^',
  '',
  "Error: Cannot find module '/app/dist/server.js'",
  '    at Module._resolveFilename (node:internal/modules/cjs/loader:1077:15)',
  '    at node:internal/main/run_main_module:23:47 {',
  "  code: 'MODULE_NOT_FOUND',",
  '  requireStack: []',
  '}',
  '',
  'Node.js v18.17.1',
];

describe('paste: an unfenced log across blank lines', () => {
  it('Node\'s error after its blank line stays in the log; the question after the next blank does not', () => {
    const b = onlyPod(`$ kubectl logs api-7d9f8c6b5-x2x9q\n${NODE_LOG.join('\n')}\n\nAny idea what is wrong with my Dockerfile?\n`);
    const log = logText(b, 'CONTAINER');
    assert.equal(log, `${NODE_LOG.join('\n')}\n`);
    const p = primary(b);
    assert.equal(p.rule, 'container-exit-error');
    assert.match(p.evidence, /Cannot find module '\/app\/dist\/server\.js'/);
  });

  it('a chained Python traceback and timestamped lines go on; prose, a sentence with a timestamp-less first word, do not', () => {
    assert.equal(continuesLog('During handling of the above exception, another exception occurred:', 'ModuleNotFoundError: x'), true);
    assert.equal(continuesLog('2026-11-25T09:59:02Z ERROR db down', '2026-11-25T09:59:01Z INFO start'), true);
    assert.equal(continuesLog('10:00:02 worker stopped', '09:59:01 worker started'), true);
    assert.equal(continuesLog('I have psycopg2-binary in requirements.txt though.', 'ModuleNotFoundError: x'), false);
    assert.equal(continuesLog('Thanks in advance', '2026-11-25T09:59:01Z INFO start'), false);
  });

  it('describe event rows after the blank line are events, not log', () => {
    const b = onlyPod(`$ kubectl logs web-1\nstarting\n\n  Warning  BackOff  1m  kubelet  Back-off restarting failed container\n`);
    assert.equal(logText(b, 'CONTAINER'), 'starting\n');
    assert.deepEqual(b.events?.map((e) => e.reason), ['BackOff']);
  });
});

describe('paste: describe fields summed up on one line', () => {
  it('`Last State: Terminated, Reason: OOMKilled, Exit Code: 137` at the end of a sentence: oom-killed', () => {
    const b = onlyPod('kubectl get pods shows worker-0 in CrashLoopBackOff and describe says Last State: Terminated, Reason: OOMKilled, Exit Code: 137. The memory limit is 512Mi.\n');
    assert.deepEqual(status(b).lastState?.terminated, { reason: 'OOMKilled', exitCode: 137 });
    assert.equal(primary(b).rule, 'oom-killed');
  });

  it('`State: Waiting (Reason: CrashLoopBackOff)` and pipes between fields', () => {
    const b = onlyPod('From describe on web-1:\nState: Waiting (Reason: CrashLoopBackOff)\nLast State: Terminated | Reason: Error | Exit Code: 1\nRestart Count: 7\n');
    const s = status(b);
    assert.equal(s.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.deepEqual(s.lastState?.terminated, { reason: 'Error', exitCode: 1 });
    assert.equal(s.restartCount, 7);
    const p = primary(b);
    assert.equal(p.rule, 'container-exit-error');
    assert.match(p.evidence, /exit code 1/);
  });

  it('`Reason: OOMKilled, Exit Code: 137` alone is how it last ended; inside a describe it stays under its Last State', () => {
    assert.deepEqual(summaryLines('Container keeps dying. Reason: OOMKilled, Exit Code: 137', false), ['Last State: Terminated', '  Reason: OOMKilled', '  Exit Code: 137']);
    const b = onlyPod('kubectl describe pod api-0 says:\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason: Error, Exit Code: 1\n');
    assert.deepEqual(status(b).lastState?.terminated, { reason: 'Error', exitCode: 1 });
    assert.equal(primary(b).rule, 'container-exit-error');
  });

  it('look-alikes: a hypothetical, a value the field cannot hold, one field alone', () => {
    notAPaste('In general, if describe says Reason: OOMKilled, Exit Code: 137 it means the container used more memory than its limit. How do I read it?\n');
    assert.equal(summaryLines('Reason: the pod is slow, Exit Code: unknown', false), undefined);
    assert.equal(summaryLines('Reason: Unhealthy, Exit Code: 1', false), undefined, 'an event reason is no container state');
    assert.equal(summaryLines('State: Waiting', false), undefined);
  });
});

describe('paste: logs announced otherwise, tailed, or read on the node', () => {
  it('a sentence naming --previous makes the fenced log the last run\'s, vouched as kubectl\'s', () => {
    const b = onlyPod('describe only says CrashLoopBackOff. With --previous I get:\n\n```\nError: Cannot find module \'express\'\nRequire stack:\n- /usr/src/app/server.js\n```\n');
    const prev = b.logs.CONTAINER?.previous;
    assert.ok(prev && 'text' in prev && /Cannot find module 'express'/.test(prev.text));
    assert.equal(b.logs.CONTAINER?.current, undefined);
  });

  it('look-alike: `mkdir -p` in a sentence is no --previous', () => {
    notAPaste('I ran mkdir -p /data first, output:\n\n```\nError: EACCES: permission denied, mkdir \'/data\'\n```\n');
  });

  it('stern: each line to its pod and container, without the prefix', () => {
    const b = onlyPod('stern api -n prod\n+ api-5f7b8c9d4-kx7mn › api\napi-5f7b8c9d4-kx7mn api panic: runtime error: invalid memory address or nil pointer dereference\napi-5f7b8c9d4-kx7mn api goroutine 1 [running]:\n- api-5f7b8c9d4-kx7mn › api\n');
    assert.equal(b.pod.metadata?.name, 'api-5f7b8c9d4-kx7mn');
    assert.equal(b.pod.metadata?.namespace, 'prod');
    assert.equal(logText(b, 'api'), 'panic: runtime error: invalid memory address or nil pointer dereference\ngoroutine 1 [running]:\n');
    assert.deepEqual([primary(b).rule, primary(b).container], ['container-exit-error', 'api']);
  });

  it('kubetail: `[pod] line`, its own lines skipped', () => {
    const b = onlyPod('$ kubetail api -n prod\nWill tail 1 logs...\napi-5f7b8c9d4-kx7mn\n[api-5f7b8c9d4-kx7mn] Error: Cannot find module \'/app/dist/main.js\'\n[api-5f7b8c9d4-kx7mn]     at Module._load (node:internal/modules/cjs/loader:922:27)\n');
    assert.equal(b.pod.metadata?.name, 'api-5f7b8c9d4-kx7mn');
    assert.equal(logText(b, 'CONTAINER'), "Error: Cannot find module '/app/dist/main.js'\n    at Module._load (node:internal/modules/cjs/loader:922:27)\n");
  });

  it('look-alike: words after stern\'s output that are not its pod\'s end it', () => {
    assert.equal(tailedLine('the pod restarts every minute', { pods: new Set(['api-5f7b8c9d4-kx7mn']), announced: 0 }), undefined);
  });

  it('`crictl ps -a` before `crictl logs <id>`: the log is that container\'s, in that pod', () => {
    const b = onlyPod([
      '# crictl ps -a | grep api',
      '3f2a1b9c8d7e6       5c3b9e0f1a2d4       About a minute ago   Exited              api                 7                   9a8b7c6d5e4f3       api-5f7b8c9d4-kx7mn',
      '# crictl logs 3f2a1b9c8d7e6',
      'exec /usr/local/bin/docker-entrypoint.sh: exec format error',
    ].join('\n') + '\n');
    assert.equal(b.pod.metadata?.name, 'api-5f7b8c9d4-kx7mn');
    assert.deepEqual([primary(b).rule, primary(b).container], ['exec-format-error', 'api']);
  });

  it('a `docker ps -a` row of a kubelet-made container names container, pod and namespace; other rows do not', () => {
    assert.deepEqual(runtimeContainerRow('3f2a1b9c8d7e   registry.example.com/web   "/bin/sh -c \'npm sta…"   2 minutes ago   Exited (1) 30 seconds ago             k8s_web_web-1_default_5c3b9e0f-1a2d-4b3c-8d7e-6f5a4b3c2d1e_4'), { id: '3f2a1b9c8d7e', container: 'web', pod: 'web-1', namespace: 'default', attempt: 4, state: { exitCode: 1 } });
    assert.equal(runtimeContainerRow('3f2a1b9c8d7e   nginx:1.25   "nginx -g daemon off"   2 minutes ago   Up 2 minutes   80/tcp   web'), undefined);
    assert.equal(runtimeContainerRow('CONTAINER           IMAGE               CREATED              STATE               NAME                ATTEMPT             POD ID              POD'), undefined);
  });

  it('the kubelet\'s journal: pod, namespace, node and container from the line; the pull error it quotes is the waiting message', () => {
    const b = onlyPod('Nov 25 09:58:40 node-1 kubelet[1234]: E1125 09:58:40.612380    1234 pod_workers.go:1298] "Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"app\\" with ErrImagePull: \\"rpc error: code = NotFound desc = failed to pull and unpack image \\\\\\"registry.example.com/app:2.4\\\\\\": failed to resolve reference \\\\\\"registry.example.com/app:2.4\\\\\\": registry.example.com/app:2.4: not found\\"" pod="shop/app-6d5c4b3a2-9zx8w" podUID="1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"\n');
    assert.deepEqual([b.pod.metadata?.namespace, b.pod.metadata?.name, b.pod.spec?.nodeName], ['shop', 'app-6d5c4b3a2-9zx8w', 'node-1']);
    assert.match(status(b).state?.waiting?.message ?? '', /^rpc error: code = NotFound desc = failed to pull and unpack image "registry\.example\.com\/app:2\.4"/);
    assert.deepEqual([primary(b).rule, primary(b).container], ['image-pull-not-found', 'app']);
  });
});
