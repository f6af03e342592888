// Real wordings of the exits, OOM, probe, init, eviction, terminating and start-failure families, as kubelet
// (1.9–1.34), dockershim, containerd (runc 1.0-rc to 1.2), CRI-O (runc, crun) and the kernel word them, each
// put where that component puts it, and the rule that must be the primary cause. The strings come from the
// sources (kubelet's kuberuntime, prober and eviction manager; dockershim's docker_container.go; containerd's
// internal/cri/server helpers; CRI-O's server/container_status.go; runc's libcontainer and crun's
// src/libcrun/container.c) and from /work/shared/reference/k8s-failure-signals.md.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { ContainerState, ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import type { ContainerLogs } from '../../../lib/bundle/types.ts';
import { diagnose } from '../../../lib/diagnose.ts';

const NOW = '2026-11-25T10:00:00Z';
const ago = (minutes: number) => new Date(Date.parse(NOW) - minutes * 60_000).toISOString().replace(/\.000Z$/, 'Z');

interface Case {
  family: string;
  source: string;
  rule: string;
  /** The app container's status (an init container's when `init`). */
  status: Partial<ContainerStatus>;
  init?: boolean;
  pod?: { reason?: string; message?: string; phase?: string; deletion?: string; finalizers?: string[] };
  events?: { reason: string; message: string; type?: string; count?: number }[];
  log?: { previous?: string; current?: string };
}

const crashLoop: ContainerState = { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container=app pod=app-1_shop(0b1c)' } };
const startError = (message: string, reason = 'StartError', exitCode = 128): Partial<ContainerStatus> => ({
  restartCount: 4,
  state: crashLoop,
  lastState: { terminated: { reason, exitCode, message, startedAt: '1970-01-01T00:00:00Z', finishedAt: ago(2) } },
});
const exited = (reason: string, exitCode: number): Partial<ContainerStatus> => ({
  restartCount: 5,
  state: crashLoop,
  lastState: { terminated: { reason, exitCode, startedAt: ago(3), finishedAt: ago(2) } },
});
const running = (ready: boolean, restarts = 0): Partial<ContainerStatus> => ({ restartCount: restarts, ready, state: { running: { startedAt: ago(30) } }, ...(restarts ? { lastState: { terminated: { reason: 'Error', exitCode: 137, startedAt: ago(40), finishedAt: ago(30) } } } : {}) });

const CASES: Case[] = [
  // StartError / RunContainerError / ContainerCannotRun / CreateContainerError: runc's exec errors in each wrapper.
  { family: 'start', source: 'containerd 1.6+, runc 1.1', rule: 'command-not-found', status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown') },
  { family: 'start', source: 'containerd 1.4, runc 1.0-rc', rule: 'command-not-found', status: startError('failed to create containerd task: OCI runtime create failed: container_linux.go:349: starting container process caused "exec: \\"foo\\": executable file not found in $PATH": unknown') },
  { family: 'start', source: 'containerd 1.7, runc 1.1 ≥ 1.1.5 (error during container init)', rule: 'command-not-found', status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: exec: "foo": executable file not found in $PATH: unknown') },
  { family: 'start', source: 'dockershim, docker 18/19 (ContainerCannotRun)', rule: 'command-not-found', status: startError('OCI runtime create failed: container_linux.go:345: starting container process caused "exec: \\"foo\\": executable file not found in $PATH": unknown', 'ContainerCannotRun', 127) },
  { family: 'start', source: 'dockershim, docker 1.13/17 (oci runtime error)', rule: 'command-not-found', status: startError('oci runtime error: container_linux.go:247: starting container process caused "exec: \\"foo\\": executable file not found in $PATH"', 'ContainerCannotRun', 127) },
  { family: 'start', source: 'containerd, an absolute path missing (stat)', rule: 'command-not-found', status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/app": stat /app: no such file or directory: unknown') },
  { family: 'start', source: 'containerd, runc 1.1, not executable', rule: 'command-not-executable', status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "/opt/rke-tools/entrypoint.sh": permission denied: unknown') },
  { family: 'start', source: 'dockershim, runc 1.0-rc, not executable', rule: 'command-not-executable', status: startError('OCI runtime create failed: container_linux.go:348: starting container process caused "exec: \\"/entrypoint.sh\\": permission denied": unknown', 'ContainerCannotRun', 126) },
  {
    family: 'start',
    source: 'CRI-O + runc (CreateContainerError)',
    rule: 'command-not-found',
    status: { restartCount: 0, state: { waiting: { reason: 'CreateContainerError', message: 'container create failed: time="2024-02-01T10:00:00Z" level=error msg="runc create failed: unable to start container process: exec: \\"/cluster/kube-apiserver-operator\\": executable file not found in $PATH"\n' } } },
  },
  {
    family: 'start',
    source: 'CRI-O + crun (CreateContainerError)',
    rule: 'command-not-found',
    status: { restartCount: 0, state: { waiting: { reason: 'CreateContainerError', message: 'container create failed: executable file `foo` not found in $PATH: No such file or directory' } } },
  },
  {
    family: 'start',
    source: 'kubelet Failed event only, lastState {} (containerd)',
    rule: 'command-not-found',
    status: { restartCount: 3, state: crashLoop, lastState: {} },
    events: [{ reason: 'Failed', type: 'Warning', message: 'Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown' }],
  },
  { family: 'start', source: 'containerd, working directory (chdir)', rule: 'container-exit-error', status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: chdir to cwd ("/srv/app") set in config.json failed: no such file or directory: unknown') },
  // Exec format errors, printed into the container's own log by runc init.
  { family: 'exits', source: 'runc ≥ 1.1 in the log', rule: 'exec-format-error', status: exited('Error', 1), log: { previous: 'exec /usr/local/bin/server: exec format error' } },
  { family: 'exits', source: 'runc 1.0-rc in the log (standard_init_linux.go:211)', rule: 'exec-format-error', status: exited('Error', 1), log: { previous: 'standard_init_linux.go:211: exec user process caused "exec format error"' } },
  { family: 'exits', source: 'runc 1.0 in the log (standard_init_linux.go:228)', rule: 'exec-format-error', status: exited('Error', 1), log: { previous: 'standard_init_linux.go:228: exec user process caused: exec format error' } },
  { family: 'exits', source: 'dash, exit 127', rule: 'command-not-found', status: exited('Error', 127), log: { previous: '/bin/sh: 1: migrate: not found' } },
  { family: 'exits', source: 'exit 0, Completed (containerd, CRI-O, dockershim)', rule: 'short-lived-command', status: exited('Completed', 0) },
  { family: 'exits', source: 'exit 1, Error, Go panic in the log', rule: 'container-exit-error', status: exited('Error', 2), log: { previous: 'panic: runtime error: invalid memory address or nil pointer dereference\n[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x6d1e2a]\n\ngoroutine 1 [running]:\nmain.main()\n\t/src/main.go:42 +0x2a' } },
  // OOM: the runtime's reason decides, whatever the code.
  { family: 'oom', source: 'containerd/CRI-O OOMKilled, 137', rule: 'oom-killed', status: exited('OOMKilled', 137) },
  { family: 'oom', source: 'OOMKilled with exit code 1 (kube-eventer#285)', rule: 'oom-killed', status: exited('OOMKilled', 1) },
  { family: 'oom', source: 'exit 137 without OOMKilled: a SIGKILL, not an OOM claim', rule: 'container-exit-error', status: exited('Error', 137) },
  // Probes, in the prober's wordings over the years.
  {
    family: 'probes',
    source: 'HTTP statuscode, Killing event (1.14+)',
    rule: 'liveness-probe-failing',
    status: running(true, 4),
    events: [
      { reason: 'Unhealthy', type: 'Warning', count: 12, message: 'Liveness probe failed: HTTP probe failed with statuscode: 500' },
      { reason: 'Killing', type: 'Normal', count: 4, message: 'Container app failed liveness probe, will be restarted' },
    ],
  },
  {
    family: 'probes',
    source: 'Go < 1.14 unquoted URL, client timeout',
    rule: 'liveness-probe-failing',
    status: running(true, 4),
    events: [
      { reason: 'Unhealthy', type: 'Warning', count: 12, message: 'Liveness probe failed: Get http://10.244.1.7:8080/healthz: net/http: request canceled (Client.Timeout exceeded while awaiting headers)' },
      { reason: 'Killing', type: 'Normal', count: 4, message: 'Killing container with id docker://app:Container failed liveness probe.. Container will be killed and recreated.' },
    ],
  },
  {
    family: 'probes',
    source: 'TCP probe refused, no Killing event (threshold reached)',
    rule: 'liveness-probe-failing',
    status: running(true, 4),
    events: [{ reason: 'Unhealthy', type: 'Warning', count: 12, message: 'Liveness probe failed: dial tcp 10.244.1.7:5432: connect: connection refused' }],
  },
  {
    family: 'probes',
    source: 'startup probe, Killing event (1.18+)',
    rule: 'liveness-probe-failing',
    status: running(false, 3),
    events: [
      { reason: 'Unhealthy', type: 'Warning', count: 30, message: 'Startup probe failed: HTTP probe failed with statuscode: 503' },
      { reason: 'Killing', type: 'Normal', count: 3, message: 'Container app failed startup probe, will be restarted' },
    ],
  },
  {
    family: 'probes',
    source: 'readiness, quoted URL (Go ≥ 1.14)',
    rule: 'readiness-probe-failing',
    status: running(false),
    events: [{ reason: 'Unhealthy', type: 'Warning', count: 180, message: 'Readiness probe failed: Get "http://10.244.0.3:8181/ready": dial tcp 10.244.0.3:8181: connect: connection refused' }],
  },
  // Evictions: the eviction manager's messages, old and new, and admission under pressure.
  { family: 'eviction', source: 'memory, ≤ 1.21 wording', rule: 'evicted', status: { restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 137, finishedAt: ago(20) } } }, pod: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory. Container app was using 1439592Ki, which exceeds its request of 512Mi. ' } },
  { family: 'eviction', source: 'ephemeral-storage, ≥ 1.22 wording', rule: 'evicted', status: { restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 137, finishedAt: ago(20) } } }, pod: { phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: ephemeral-storage. Threshold quantity: 10120387530, available: 9405820Ki. Container app was using 6871912Ki, request is 0, has larger consumption of ephemeral-storage. ' } },
  { family: 'eviction', source: 'admission under DiskPressure', rule: 'evicted', status: { restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }, pod: { phase: 'Failed', reason: 'Evicted', message: 'The node had condition: [DiskPressure]. ' } },
  { family: 'eviction', source: 'container over its ephemeral-storage limit', rule: 'evicted', status: { restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 137, finishedAt: ago(20) } } }, pod: { phase: 'Failed', reason: 'Evicted', message: 'Container app exceeded its local ephemeral storage limit "1Gi". ' } },
  { family: 'eviction', source: 'emptyDir over its sizeLimit', rule: 'evicted', status: { restartCount: 0, state: { terminated: { reason: 'Error', exitCode: 137, finishedAt: ago(20) } } }, pod: { phase: 'Failed', reason: 'Evicted', message: 'Usage of EmptyDir volume "cache" exceeds the limit "1Gi". ' } },
  // Terminating: a deletion 30 minutes overdue, held by a finalizer.
  { family: 'terminating', source: 'finalizer holds the pod', rule: 'stuck-terminating', status: running(true), pod: { deletion: ago(30), finalizers: ['example.com/cleanup'] } },
  // Init containers.
  { family: 'init', source: 'Init:CrashLoopBackOff, Error 1', rule: 'init-container-failed', init: true, status: exited('Error', 1), log: { previous: 'error: Dirty database version 3. Fix and force version.' } },
  { family: 'init', source: 'Init: StartError, runc 1.1', rule: 'command-not-found', init: true, status: startError('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown') },
];

function bundleOf(c: Case) {
  const app = { name: 'app', image: 'registry.example.com/shop/app:1.4.2' };
  const initC = { name: 'init-db', image: 'registry.example.com/shop/migrate:1.4.2', command: ['/migrate', 'up'] };
  const status = { name: c.init ? 'init-db' : 'app', ready: false, restartCount: 0, ...c.status } as ContainerStatus;
  const appWaiting: ContainerStatus = { name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } } as ContainerStatus;
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'app-1',
      namespace: 'shop',
      uid: '0b1c',
      creationTimestamp: ago(60),
      ...(c.pod?.deletion ? { deletionTimestamp: c.pod.deletion, deletionGracePeriodSeconds: 30 } : {}),
      ...(c.pod?.finalizers ? { finalizers: c.pod.finalizers } : {}),
    },
    spec: { nodeName: 'worker-1', restartPolicy: 'Always', containers: [app], ...(c.init ? { initContainers: [initC] } : {}) },
    status: {
      phase: c.pod?.phase ?? (c.init ? 'Pending' : 'Running'),
      ...(c.pod?.reason ? { reason: c.pod.reason } : {}),
      ...(c.pod?.message ? { message: c.pod.message } : {}),
      startTime: ago(60),
      ...(c.init ? { initContainerStatuses: [status], containerStatuses: [appWaiting] } : { containerStatuses: [status] }),
    },
  };
  const events: RawEvent[] = (c.events ?? []).map((e, i) => ({
    metadata: { name: `app-1.${i}`, namespace: 'shop' },
    involvedObject: { kind: 'Pod', name: 'app-1', namespace: 'shop', uid: '0b1c', fieldPath: `spec.${c.init ? 'initContainers{init-db}' : 'containers{app}'}` },
    reason: e.reason,
    message: e.message,
    type: e.type ?? 'Normal',
    count: e.count ?? 1,
    firstTimestamp: ago(30),
    lastTimestamp: ago(1),
  }));
  const name = c.init ? 'init-db' : 'app';
  const logs: Record<string, ContainerLogs> = c.log ? { [name]: { ...(c.log.current !== undefined ? { current: { text: c.log.current } } : {}), ...(c.log.previous !== undefined ? { previous: { text: c.log.previous } } : {}) } } : {};
  return assembleBundle({ now: NOW, pod, events, logs });
}

describe('wordings across Kubernetes versions and runtimes → rule', () => {
  for (const c of CASES) {
    it(`${c.family}: ${c.source} → ${c.rule}`, () => {
      const d = diagnose(bundleOf(c));
      const primary = d.findings[0];
      assert.equal(primary?.rule, c.rule, `got ${d.findings.map((f) => `${f.rule}: ${f.summary}`).join(' | ') || 'healthy'}`);
      if (c.family !== 'eviction' && c.family !== 'terminating') assert.equal(primary?.container, c.init ? 'init-db' : 'app');
    });
  }

});
