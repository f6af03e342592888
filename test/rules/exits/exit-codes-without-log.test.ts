// container-exit-error when the exit code is the only evidence (no log of the run, no event): each code's
// meaning in the summary and the explanation, and the check that code calls for as a command.
import { strict as assert } from 'node:assert';
import { assembleBundle } from '../../../lib/bundle/assemble.ts';
import type { Container, Pod } from '../../../lib/bundle/k8s.ts';
import { diagnose } from '../../../lib/diagnose.ts';
import type { Finding } from '../../../lib/rules/types.ts';
import { nestedScripts, readShell } from '../../support/shellSyntax.ts';

const POD = 'billing-5b7d9c6f8-r2n4k';
const UID = '3e4f5a6b-7c8d-4e9f-a0b1-c2d3e4f5a6b7';

function exitOnly(code: number, container: Partial<Container> = {}): Finding {
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: POD, namespace: 'billing', uid: UID, creationTimestamp: '2026-11-25T09:00:00Z', ownerReferences: [{ kind: 'ReplicaSet', name: 'billing-5b7d9c6f8', uid: '4f5a6b7c-8d9e-4f0a-b1c2-d3e4f5a6b7c8', controller: true }] },
    spec: {
      containers: [{ name: 'billing', image: 'registry.example.com/billing/api:4.1.0', command: ['/usr/local/bin/billing-api'], args: ['--config', '/etc/billing/config.yaml'], resources: { limits: { memory: '768Mi' } }, ...container }],
      restartPolicy: 'Always',
      nodeName: 'worker-4',
    },
    status: {
      phase: 'Running',
      containerStatuses: [
        {
          name: 'billing',
          ready: false,
          restartCount: 5,
          image: 'registry.example.com/billing/api:4.1.0',
          imageID: '',
          state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off 2m40s restarting failed container=billing pod=${POD}_billing(${UID})` } },
          lastState: { terminated: { exitCode: code, reason: 'Error', startedAt: '2026-11-25T09:54:10Z', finishedAt: '2026-11-25T09:55:02Z', containerID: 'containerd://8e7d6c5b4a39' } },
        },
      ],
    },
  };
  const d = diagnose(assembleBundle({ now: '2026-11-25T10:00:00Z', pod, events: [], logs: {} }));
  const f = d.findings[0]!;
  assert.equal(f.rule, 'container-exit-error');
  assert.equal(f.container, 'billing');
  return f;
}

const commands = (f: Finding): string[] => f.fixes.flatMap((x) => (x.command ? [x.command] : []));

describe('container-exit-error from the exit code alone', () => {
  const ROWS: { code: number; summary: RegExp; explanation: RegExp; command?: RegExp }[] = [
    { code: 1, summary: /code 1 \(application error\)/, explanation: /generic failure/ },
    { code: 2, summary: /code 2 \(misuse or bad arguments\)/, explanation: /called wrongly/ },
    { code: 126, summary: /code 126 \(command not executable\)/, explanation: /lacks the execute bit .* noexec mount/, command: /^kubectl debug billing-5b7d9c6f8-r2n4k -n billing -it --copy-to=billing-5b7d9c6f8-r2n4k-check --container=billing -- ls -l \/usr\/local\/bin\/billing-api$/ },
    { code: 127, summary: /code 127 \(command not found\)/, explanation: /not in the image or not on its PATH/, command: /-- sh -c 'command -v \/usr\/local\/bin\/billing-api \|\| ls -l \/usr\/local\/bin\/billing-api; echo PATH=\$PATH'$/ },
    { code: 134, summary: /code 134 \(SIGABRT, aborted\)/, explanation: /failed assertion/ },
    { code: 137, summary: /code 137 \(SIGKILL, killed\)/, explanation: /cgroup v1 node .* without the runtime reporting OOMKilled/, command: /^kubectl top pod billing-5b7d9c6f8-r2n4k -n billing --containers$/ },
    { code: 139, summary: /code 139 \(SIGSEGV, segmentation fault\)/, explanation: /glibc vs musl/ },
    { code: 143, summary: /code 143 \(SIGTERM, terminated\)/, explanation: /liveness or startup probe failure, on the pod's deletion and after a preStop hook/, command: /^kubectl get events -n billing --field-selector involvedObject\.name=billing-5b7d9c6f8-r2n4k,reason=Killing$/ },
    { code: 255, summary: /code 255 \(exit status 255\)/, explanation: /exit\(-1\)/ },
  ];
  for (const row of ROWS) {
    it(`exit ${row.code}: its meaning${row.command ? ', and the command that checks it' : ''}`, () => {
      const f = exitOnly(row.code);
      assert.match(f.summary, row.summary);
      assert.match(f.explanation, row.explanation);
      assert.match(f.explanation, /No log of that run was available, so only the exit code tells what happened/);
      assert.equal(commands(f)[0], 'kubectl logs billing-5b7d9c6f8-r2n4k -n billing -c billing --previous');
      if (row.command) assert.ok(commands(f).some((c) => row.command!.test(c)), commands(f).join('\n'));
    });
  }

  // review2 #12: the program's name is quoted for the copy's own `sh -c` too, not only for the shell the fix is pasted into.
  it('exit 127 with a hostile program name: it stays one quoted word for the inner shell', () => {
    const f = exitOnly(127, { command: ['/opt/app/run$(touch /tmp/pwned)'], args: undefined });
    const check = commands(f).find((c) => c.includes('sh -c'))!;
    assert.equal(check, `kubectl debug billing-5b7d9c6f8-r2n4k -n billing -it --copy-to=billing-5b7d9c6f8-r2n4k-check --container=billing -- sh -c 'command -v '\\''/opt/app/run$(touch /tmp/pwned)'\\'' || ls -l '\\''/opt/app/run$(touch /tmp/pwned)'\\''; echo PATH=$PATH'`);
    const [inner] = nestedScripts(check);
    assert.equal(inner, `command -v '/opt/app/run$(touch /tmp/pwned)' || ls -l '/opt/app/run$(touch /tmp/pwned)'; echo PATH=$PATH`);
    assert.doesNotMatch(readShell(inner!).live, /touch/);
  });

  it('the check and the shell fix copy the pod under two names (a second copy of one name fails)', () => {
    const copies = commands(exitOnly(126)).flatMap((c) => [...c.matchAll(/--copy-to=(\S+)/g)].map((m) => m[1]!));
    assert.deepEqual(copies, ['billing-5b7d9c6f8-r2n4k-check', 'billing-5b7d9c6f8-r2n4k-debug']);
  });

  it('exit 127 from a shell script: the command that fails is inside the script, so no check of the shell itself', () => {
    const f = exitOnly(127, { command: ['sh', '-c', 'exec billing-api --config /etc/billing/config.yaml'], args: undefined });
    assert.ok(!commands(f).some((c) => /command -v sh\b/.test(c)));
    assert.ok(f.fixes.some((x) => /not in the image or not on its PATH/.test(x.description)));
  });

  it('exit 137 without a memory limit: the Killing events and the node\'s OOM events, no limit to compare', () => {
    const f = exitOnly(137, { resources: {} });
    assert.ok(commands(f).includes('kubectl get events -n billing --field-selector involvedObject.name=billing-5b7d9c6f8-r2n4k,reason=Killing'));
    assert.ok(commands(f).includes('kubectl get events -n default --field-selector involvedObject.kind=Node,involvedObject.name=worker-4'));
    assert.ok(!commands(f).some((c) => /kubectl top/.test(c)));
  });

  it('exit 143 with a preStop hook: the hook is named as a suspect', () => {
    const f = exitOnly(143, { lifecycle: { preStop: { exec: { command: ['/bin/sh', '-c', 'kill -TERM 1; sleep 5'] } } } } as Partial<Container>);
    assert.ok(f.fixes.some((x) => /preStop hook \(spec\.containers\[0\]\.lifecycle\.preStop\)/.test(x.description)));
  });
});
