// The kubelet's and the runtimes' messages when a container cannot be created or started, or its lifecycle hook
// fails, as containerd (1.4–2.x), CRI-O and dockershim word them (sources: containerd's
// pkg/cri/server/container_create.go `failed to reserve container name %q: %w`, the kubelet's
// pkg/kubelet/lifecycle/handlers.go `Exec lifecycle hook (%v) for Container %q in Pod %q failed - error: %v,
// message: %q`, kuberuntime_container.go `PreStopHook failed`): each gets a specific rule, or a finding that
// quotes the runtime, never a healthy pod.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { ContainerStatus, Pod, RawEvent } from '../../../lib/bundle/k8s.ts';
import { diagnose, type Diagnosis } from '../../../lib/diagnose.ts';

const POD = 'ledger-7b8c9d6f5-k3m8n';
const NS = 'finance';
const UID = '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f';
const NAME = `ledger_${POD}_${NS}_${UID}_0`;

function pod(state: ContainerStatus['state'], opts: { lastState?: ContainerStatus['lastState']; restarts?: number; deletion?: string } = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: POD,
      namespace: NS,
      uid: UID,
      creationTimestamp: '2026-11-25T09:20:00Z',
      ownerReferences: [{ kind: 'ReplicaSet', name: 'ledger-7b8c9d6f5', uid: '9d0e1f2a-3b4c-4d5e-9f6a-7b8c9d0e1f2a', controller: true }],
      ...(opts.deletion ? { deletionTimestamp: opts.deletion, deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { containers: [{ name: 'ledger', image: 'registry.example.com/finance/ledger:5.0.1' }], restartPolicy: 'Always', nodeName: 'worker-5' },
    status: {
      phase: state?.waiting?.reason === 'CreateContainerError' ? 'Pending' : 'Running',
      containerStatuses: [{ name: 'ledger', ready: false, restartCount: opts.restarts ?? 0, image: 'registry.example.com/finance/ledger:5.0.1', imageID: '', state, lastState: opts.lastState ?? {} }],
    },
  };
}

function event(reason: string, message: string, count = 6, type = 'Warning'): RawEvent {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name: `${POD}.${reason.toLowerCase()}`, namespace: NS },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', name: POD, namespace: NS, uid: UID, fieldPath: 'spec.containers{ledger}' },
    reason,
    message,
    type,
    count,
    firstTimestamp: '2026-11-25T09:31:00Z',
    lastTimestamp: '2026-11-25T09:58:10Z',
    source: { component: 'kubelet', host: 'worker-5' },
  };
}

function run(p: Pod, events: RawEvent[]): Diagnosis {
  return diagnose(assembleBundle({ now: '2026-11-25T10:00:00Z', pod: p, events, logs: {} }));
}

const waiting = (reason: string, message: string): ContainerStatus['state'] => ({ waiting: { reason, message } });

describe('create and start failures, across runtimes and versions', () => {
  const ROWS: { name: string; state: ContainerStatus['state']; events?: RawEvent[]; rule: string; summary: RegExp; command?: string; noCommand?: RegExp }[] = [
    {
      name: 'containerd: failed to reserve container name (after an earlier create timed out)',
      state: waiting('CreateContainerError', `failed to reserve container name "${NAME}": name "${NAME}" is reserved for "2f4e6a8c0b1d"`),
      events: [event('Failed', 'Error: context deadline exceeded', 1), event('Failed', `Error: failed to reserve container name "${NAME}": name "${NAME}" is reserved for "2f4e6a8c0b1d"`, 9)],
      rule: 'container-exit-error',
      summary: /cannot be created \(CreateContainerError\): the runtime still holds a container of the same name/,
      command: `kubectl delete pod ${POD} -n ${NS}`,
    },
    {
      name: 'dockershim: the container name is already in use',
      state: waiting('CreateContainerError', `Error response from daemon: Conflict. The container name "/k8s_${NAME}" is already in use by container "3b1f9e2d7c4a". You have to remove (or rename) that container to be able to reuse that name.`),
      rule: 'container-exit-error',
      summary: /the runtime still holds a container of the same name/,
    },
    {
      name: 'CRI-O: the container name is already in use',
      state: waiting('CreateContainerError', `the container name "k8s_${NAME}" is already in use by "c41a9f0e2b7d". You have to remove that container to be able to reuse that name: that name is already in use`),
      rule: 'container-exit-error',
      summary: /the runtime still holds a container of the same name/,
    },
    {
      name: 'the kubelet\'s CreateContainer call timed out: context deadline exceeded',
      state: waiting('CreateContainerError', 'context deadline exceeded'),
      events: [event('Failed', 'Error: context deadline exceeded', 4)],
      rule: 'container-exit-error',
      summary: /cannot be created \(CreateContainerError\): the container runtime did not answer in time/,
      command: 'kubectl describe node worker-5',
    },
    {
      // review2 #13: one timeout is no reason to empty a node: read-only checks, cordon and drain as advice only.
      name: 'one context deadline exceeded: the runtime\'s log is read, nothing moves pods',
      state: waiting('CreateContainerError', 'context deadline exceeded'),
      rule: 'container-exit-error',
      summary: /the container runtime did not answer in time/,
      command: 'kubectl debug node/worker-5 -it --image=busybox:1.36 -- chroot /host journalctl -u containerd --since -30min',
      noCommand: /\bkubectl (?:drain|cordon|delete node)\b|--delete-emptydir-data/,
    },
    {
      name: 'containerd: starting the task timed out (RunContainerError)',
      state: waiting('RunContainerError', 'failed to start containerd task "5e7a9c1b3d2f": context deadline exceeded: unknown'),
      rule: 'container-exit-error',
      summary: /cannot be started \(RunContainerError\): the container runtime did not answer in time/,
    },
    {
      name: 'containerd: unpacking the image on a full disk',
      state: waiting('CreateContainerError', 'failed to create containerd container: error unpacking image: failed to extract layer sha256:9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4: write /var/lib/containerd/io.containerd.snapshotter.v1.overlayfs/snapshots/412/fs/usr/lib/libLLVM.so.15: no space left on device: unknown'),
      rule: 'container-exit-error',
      summary: /the node's disk is full \(no space left on device\)/,
      command: 'kubectl describe node worker-5',
    },
    {
      name: 'containerd: mountPropagation on a mount the node keeps private',
      state: waiting('CreateContainerError', 'failed to generate container "7e3c1a9b5d2f" spec: failed to generate spec: path "/var/lib/kubelet/plugins" is mounted on "/var/lib/kubelet" but it is not a shared mount'),
      rule: 'container-exit-error',
      summary: /a volume asks for mount propagation that the node's mount does not allow/,
    },
    {
      name: 'CRI-O runs runc create in CreateContainer: an entrypoint without the execute bit',
      state: waiting('CreateContainerError', 'container create failed: time="2026-11-25T09:58:01Z" level=error msg="runc create failed: unable to start container process: exec: \\"/app/run.sh\\": permission denied"'),
      rule: 'command-not-executable',
      summary: /\/app\/run\.sh .* is not executable/,
    },
    {
      name: 'an unknown runtime failure: quoted, with the command to read all of it',
      state: waiting('RunContainerError', 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: error setting cgroup config for procHooks process: unable to freeze: unknown'),
      rule: 'container-exit-error',
      summary: /cannot be started: the container runtime reports RunContainerError: failed to create containerd task/,
      command: `kubectl describe pod ${POD} -n ${NS}`,
    },
    {
      name: 'an exec postStart hook that fails, before an exit is recorded (PostStartHookError)',
      state: waiting('PostStartHookError', `Exec lifecycle hook ([/bin/sh -c /opt/ledger/register.sh]) for Container "ledger" in Pod "${POD}_${NS}(${UID})" failed - error: command '/bin/sh -c /opt/ledger/register.sh' exited with 126: , message: "/bin/sh: /opt/ledger/register.sh: Permission denied\\n"`),
      events: [event('FailedPostStartHook', 'PostStartHook failed', 3)],
      rule: 'container-exit-error',
      summary: /keeps being killed: its postStart hook fails \(\/bin\/sh: \/opt\/ledger\/register\.sh: Permission denied\)/,
    },
    {
      name: 'an HTTP postStart hook that fails (old kubelet: "Http lifecycle hook")',
      state: waiting('PostStartHookError', `Http lifecycle hook (/register) for Container "ledger" in Pod "${POD}_${NS}(${UID})" failed - error: Get http://10.244.3.9:8080/register: dial tcp 10.244.3.9:8080: connect: connection refused, message: ""`),
      rule: 'container-exit-error',
      summary: /its postStart hook fails \(Get http:\/\/10\.244\.3\.9:8080\/register: dial tcp 10\.244\.3\.9:8080: connect: connection refused\), so the kubelet/,
    },
    {
      name: 'an HTTP postStart hook that fails (newer kubelet: "HTTP lifecycle hook", no message)',
      state: waiting('PostStartHookError', `HTTP lifecycle hook (/register) for Container "ledger" in Pod "${POD}_${NS}(${UID})" failed - error: Get "http://10.244.3.9:8080/register": dial tcp 10.244.3.9:8080: connect: connection refused`),
      rule: 'container-exit-error',
      summary: /its postStart hook fails \(Get "http:\/\/10\.244\.3\.9:8080\/register": dial tcp .*connection refused\)/,
    },
  ];
  for (const row of ROWS) {
    it(row.name, () => {
      const d = run(pod(row.state), row.events ?? []);
      const f = d.findings[0];
      assert.ok(f, 'a finding');
      assert.equal(d.healthy, false);
      assert.deepEqual([f.rule, f.container], [row.rule, 'ledger']);
      assert.match(f.summary, row.summary);
      if (row.command) assert.ok(f.fixes.some((x) => x.command === row.command), f.fixes.map((x) => x.command ?? x.description).join('\n'));
      if (row.noCommand) for (const x of f.fixes) assert.doesNotMatch(x.command ?? '', row.noCommand);
    });
  }

  it('a StartError exit (containerd, exit code 128) with a working directory that is not there: the directory named', () => {
    const d = run(
      pod(waiting('CrashLoopBackOff', `back-off 40s restarting failed container=ledger pod=${POD}_${NS}(${UID})`), {
        restarts: 3,
        lastState: { terminated: { exitCode: 128, reason: 'StartError', message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: chdir to cwd ("/srv/ledger") set in config.json failed: no such file or directory: unknown', startedAt: '1970-01-01T00:00:00Z', finishedAt: '2026-11-25T09:58:30Z' } },
      }),
      [],
    );
    const f = d.findings[0]!;
    assert.equal(f.rule, 'container-exit-error');
    assert.match(f.summary, /cannot start: the runtime failed to start its process \(StartError, exit code 128\): chdir to cwd \("\/srv\/ledger"\)/);
    assert.match(f.fixes[0]!.description, /The working directory \/srv\/ledger/);
  });

  it('a failed preStop hook on a pod stuck Terminating: stuck-terminating, which quotes the hook\'s event and says it does not hold the pod by itself', () => {
    const d = run(pod({ running: { startedAt: '2026-11-25T09:21:00Z' } }, { deletion: '2026-11-25T09:40:00Z' }), [
      event('Killing', 'Stopping container ledger', 1, 'Normal'),
      event('FailedPreStopHook', 'PreStopHook failed', 1),
    ]);
    const f = d.findings[0]!;
    assert.equal(f.rule, 'stuck-terminating');
    assert.match(f.explanation, /A preStop hook failed too \(FailedPreStopHook/);
    assert.ok(f.evidence.some((e) => e.source === 'event' && /PreStopHook failed/.test(e.text)));
  });
});
