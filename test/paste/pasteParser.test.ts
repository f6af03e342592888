// Text as people paste it becomes the Bundle the rules read: describe pod of old and new kubectl, its
// parts, event lines and tables, get pods rows, logs, several in one paste, and garbage.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Bundle } from '../../lib/bundle/types.ts';
import { diagnose } from '../../lib/diagnose.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadPaste, looksLikeManifest } from '../../lib/source/paste/index.ts';
import { MAX_LINE } from '../../lib/source/paste/lines.ts';
import { scanPaste } from '../../lib/source/paste/scan.ts';
import { MAX_EVENTS, MAX_LOG_LINES } from '../../lib/source/paste/scanState.ts';
import { runCli } from '../support/cli.ts';
import { allFixtures, FIXTURES } from '../support/fixtures.ts';

const NOW = '2026-11-25T10:00:00Z';

function paste(text: string, podName?: string): Bundle {
  const bundles = loadPaste(text, 'paste', { fallbackNow: NOW, ...(podName ? { podName } : {}) });
  assert.equal(bundles.length, 1, `expected one pod, got ${bundles.length}`);
  return bundles[0]!;
}

const NEW_DESCRIBE = `Name:             web-5d8f7c9b6-x2x9z
Namespace:        shop
Node:             worker-1/10.0.0.12
Start Time:       Mon, 23 Oct 2023 10:00:00 +0200
Status:           Running
Controlled By:  ReplicaSet/web-5d8f7c9b6
Containers:
  web:
    Image:          registry.example.com/web:1.4.2
    Command:
      sh
      -c
      exec /app --port=8080
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    2
      Started:      Mon, 23 Oct 2023 10:20:14 +0200
      Finished:     Mon, 23 Oct 2023 10:20:55 +0200
    Ready:          False
    Restart Count:  5
    Limits:
      memory:  512Mi
    Liveness:   http-get http://:8080/healthz delay=3s timeout=1s period=10s #success=1 #failure=3
    Environment:
      DB_PASSWORD:  <set to the key 'password' in secret 'db'>  Optional: false
    Environment Variables from:
      web-config  ConfigMap  Optional: false
    Mounts:
      /etc/web from config (ro)
Volumes:
  config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      web-config
    Optional:  false
Events:
  Type     Reason     Age                 From               Message
  ----     ------     ----                ----               -------
  Normal   Scheduled  22m                 default-scheduler  Successfully assigned shop/web-5d8f7c9b6-x2x9z to worker-1
  Warning  BackOff    10s (x40 over 20m)  kubelet            Back-off restarting failed container web in pod web-5d8f7c9b6-x2x9z_shop(1234)
`;

describe('paste: kubectl describe pod', () => {
  it('a whole describe (kubectl ≥ 1.20) gives spec, status and events with their container', () => {
    const b = paste(NEW_DESCRIBE);
    assert.equal(b.pod.metadata?.name, 'web-5d8f7c9b6-x2x9z');
    assert.equal(b.pod.metadata?.namespace, 'shop');
    assert.equal(b.pod.spec?.nodeName, 'worker-1');
    const c = b.pod.spec?.containers?.[0];
    assert.deepEqual(c?.command, ['sh', '-c', 'exec /app --port=8080']);
    assert.deepEqual(c?.resources?.limits, { memory: '512Mi' });
    assert.deepEqual(c?.livenessProbe?.httpGet, { scheme: 'HTTP', port: 8080, path: '/healthz' });
    assert.equal(c?.livenessProbe?.periodSeconds, 10);
    assert.deepEqual(c?.env?.[0], { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password', optional: false } } });
    assert.deepEqual(c?.envFrom?.[0], { configMapRef: { name: 'web-config', optional: false } });
    assert.deepEqual(b.pod.spec?.volumes?.[0], { name: 'config', configMap: { name: 'web-config', optional: false } });
    const s = b.pod.status?.containerStatuses?.[0];
    assert.equal(s?.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.deepEqual(s?.lastState?.terminated, { exitCode: 2, reason: 'Error', startedAt: '2023-10-23T08:20:14Z', finishedAt: '2023-10-23T08:20:55Z' });
    assert.equal(s?.restartCount, 5);
    const backOff = b.events?.find((e) => e.reason === 'BackOff');
    assert.equal(backOff?.count, 40);
    assert.equal(backOff?.container, 'web');
    assert.deepEqual(b.pod.metadata?.ownerReferences, [{ kind: 'ReplicaSet', name: 'web-5d8f7c9b6', controller: true }]);
  });

  it('the old Events table (kubectl < 1.10) with SubObjectPath and `{kubelet node}` sources', () => {
    const b = paste(`Name:   nginx-1
Namespace:  default
Containers:
  nginx:
    Image:  lachlanevenson/k8s-kubectl:v1.18.20
    State:  Waiting
      Reason:  ImagePullBackOff
Events:
  FirstSeen\tLastSeen\tCount\tFrom\t\t\tSubObjectPath\t\tType\t\tReason\t\tMessage
  ---------\t--------\t-----\t----\t\t\t-------------\t\t--------\t------\t\t-------
  5m\t\t5m\t\t1\t{default-scheduler }\t\t\t\tNormal\t\tScheduled\tSuccessfully assigned nginx-1 to node-3
  4m\t\t1m\t\t4\t{kubelet node-3}\tspec.containers{nginx}\t\tWarning\t\tFailed\t\tFailed to pull image "lachlanevenson/k8s-kubectl:v1.18.20": rpc error: code = Unknown desc = Error response from daemon: manifest for lachlanevenson/k8s-kubectl:v1.18.20 not found: manifest unknown: manifest unknown
  3m\t\t10s\t\t7\tkubelet, node-3\tspec.containers{nginx}\t\tNormal\t\tBackOff\t\tBack-off pulling image "lachlanevenson/k8s-kubectl:v1.18.20"
`);
    const failed = b.events?.find((e) => e.reason === 'Failed');
    assert.equal(failed?.count, 4);
    assert.equal(failed?.host, 'node-3');
    assert.equal(failed?.fieldPath, 'spec.containers{nginx}');
    assert.equal(b.events?.find((e) => e.reason === 'BackOff')?.component, 'kubelet');
    assert.equal(b.pod.spec?.nodeName, 'node-3', 'the node comes from the Scheduled event');
    assert.equal(diagnose(b).findings[0]?.rule, 'image-pull-not-found');
  });

  it('a long message wrapped over several lines is one message', () => {
    const b = paste(`Events:
  Type     Reason            Age   From               Message
  ----     ------            ----  ----               -------
  Warning  FailedScheduling  2m    default-scheduler  0/3 nodes are available: 1 node(s) had untolerated taint
{node-role.kubernetes.io/control-plane: }, 2 Insufficient
memory. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.
`);
    assert.equal(b.events?.length, 1);
    assert.match(b.events![0]!.message, /untolerated taint \{node-role\.kubernetes\.io\/control-plane: \}, 2 Insufficient memory\. preemption/);
  });

  it('kubectl ≥ 1.35 prints the fieldPath before the message: it becomes the event\'s container', () => {
    const b = paste(`  Warning  Failed  3s (x2 over 20s)  kubelet  spec.containers{app}: Failed to pull image "x/y:1": not found
`);
    assert.equal(b.events?.[0]?.fieldPath, 'spec.containers{app}');
    assert.equal(b.events?.[0]?.message, 'Failed to pull image "x/y:1": not found');
    assert.equal(b.pod.spec?.containers?.[0]?.name, 'app');
  });

  it('only a container block: the container with its State, Last State and Restart Count', () => {
    const b = paste(`  api:
    Image:          corp/api:7
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       OOMKilled
      Exit Code:    137
    Ready:          False
    Restart Count:  9
    Limits:
      memory:  256Mi
`);
    assert.equal(b.pod.spec?.containers?.[0]?.name, 'api');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.lastState?.terminated?.reason, 'OOMKilled');
    assert.equal(diagnose(b).findings[0]?.rule, 'oom-killed');
    assert.ok(b.notes.some((n) => /the paste has no events/.test(n)), b.notes.join('\n'));
  });

  it('a describe that lost its indentation is nested again', () => {
    const flat = NEW_DESCRIBE.split('\n').map((l) => l.trimStart()).join('\n');
    const b = paste(flat);
    const s = b.pod.status?.containerStatuses?.[0];
    assert.equal(s?.lastState?.terminated?.exitCode, 2);
    assert.deepEqual(b.pod.spec?.containers?.[0]?.command, ['sh', '-c', 'exec /app --port=8080']);
  });

  it('notes say what the paste lacked, with the command that shows it', () => {
    const b = paste(`    State:          Waiting
      Reason:       CrashLoopBackOff
    Restart Count:  4
`);
    assert.ok(b.notes.some((n) => /no Last State for container CONTAINER; `kubectl describe pod POD` shows its exit code/.test(n)), b.notes.join('\n'));
    assert.ok(b.notes.some((n) => /no log of container CONTAINER; `kubectl logs POD -c CONTAINER --previous`/.test(n)));
    assert.ok(b.notes.some((n) => /^input: pasted text/.test(n)));
  });
});

describe('paste: tables, logs, several in one', () => {
  it('kubectl get events (-A, -o wide) attributes rows to their pod and node', () => {
    const text = `NAMESPACE   LAST SEEN   TYPE      REASON             OBJECT            SUBOBJECT               SOURCE                 MESSAGE                                               FIRST SEEN   COUNT   NAME
shop        12s         Warning   Failed             pod/web-1         spec.containers{web}    kubelet, node-2        Error: configmap "web-config" not found              3m           14      web-1.17a
shop        5m          Normal    Scheduled          pod/web-1                                 default-scheduler      Successfully assigned shop/web-1 to node-2            5m           1       web-1.17b
default     1m          Warning   SystemOOM          node/node-2                               kubelet, node-2        System OOM encountered, victim process: java          1m           1       node-2.17c
`;
    const b = paste(text);
    assert.equal(b.pod.metadata?.name, 'web-1');
    assert.equal(b.pod.metadata?.namespace, 'shop');
    const failed = b.events?.find((e) => e.reason === 'Failed');
    assert.equal(failed?.count, 14);
    assert.equal(failed?.container, 'web');
    assert.equal(b.nodeEvents?.[0]?.reason, 'SystemOOM');
    assert.equal(diagnose(b).findings[0]?.rule, 'missing-configmap');
  });

  it('kubectl get pods: STATUS, READY and RESTARTS (with the 1.22+ "(2m ago)")', () => {
    const text = `NAME                   READY   STATUS             RESTARTS      AGE
web-7f9c-abcde         0/1     CrashLoopBackOff   6 (2m ago)    14m
db-0                   1/1     Running            0             3d
`;
    const bundles = loadPaste(text, 'paste', { fallbackNow: NOW });
    assert.deepEqual(bundles.map((b) => b.pod.metadata?.name), ['web-7f9c-abcde', 'db-0']);
    const web = bundles[0]!.pod.status?.containerStatuses?.[0];
    assert.equal(web?.state?.waiting?.reason, 'CrashLoopBackOff');
    assert.equal(web?.restartCount, 6);
    assert.equal(diagnose(bundles[1]!).healthy, true);
  });

  it('kubectl logs -c NAME --previous is that container\'s previous log; chat after it is not', () => {
    const b = paste(`$ kubectl logs web-1 -c web --previous
panic: runtime error: invalid memory address or nil pointer dereference
goroutine 1 [running]:

any idea what this means?
`);
    assert.equal(b.logs.web?.previous && 'text' in b.logs.web.previous ? b.logs.web.previous.text : undefined, 'panic: runtime error: invalid memory address or nil pointer dereference\ngoroutine 1 [running]:\n');
  });

  it('several outputs in one chat message, fenced, with prose around them', () => {
    const text = `hey, our web pod won't come up:

\`\`\`
$ kubectl get pods -n shop
NAME     READY   STATUS                       RESTARTS   AGE
web-1    0/1     CreateContainerConfigError   0          4m
\`\`\`

describe says:

\`\`\`
$ kubectl describe pod web-1 -n shop
Events:
  Type     Reason     Age                From               Message
  ----     ------     ----               ----               -------
  Normal   Scheduled  4m                 default-scheduler  Successfully assigned shop/web-1 to node-2
  Warning  Failed     12s (x20 over 4m)  kubelet            Error: secret "web-tls" not found
\`\`\`
thanks!`;
    const b = paste(text);
    assert.equal(b.pod.metadata?.name, 'web-1');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'CreateContainerConfigError');
    assert.equal(b.events?.length, 2);
    assert.equal(diagnose(b).findings[0]?.rule, 'missing-secret');
  });
});

describe('paste: bad input and bounds', () => {
  async function oneLineError(stdin: string, pattern: RegExp): Promise<void> {
    const r = await runCli(['--from', '-'], { readStdin: () => stdin });
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^podwhy: [^\n]+\n$/);
    assert.match(r.stderr, pattern);
  }

  it('text with nothing kubectl-shaped in it: one line that says what was expected, exit 2', async () => {
    await oneLineError('hello, my cluster is broken, please help\n\nthanks', /nothing kubectl-shaped found: expected a Pod as JSON or YAML, or the text of kubectl describe pod/);
  });

  it('a fenced block of prose alone is not taken for a pod', async () => {
    await oneLineError('```\nsome random text\nmore text\n```', /nothing kubectl-shaped found/);
  });

  it('JSON and YAML objects still go to the object reader', () => {
    assert.equal(looksLikeManifest('{"kind":"Pod"}'), true);
    assert.equal(looksLikeManifest('apiVersion: v1\nkind: Pod\n'), true);
    assert.equal(looksLikeManifest(NEW_DESCRIBE), false);
  });

  it('a huge paste keeps a bounded amount: log lines, events and line length are capped', () => {
    const logs = Array.from({ length: 50_000 }, (_, i) => `line ${i} ${'x'.repeat(20)}`).join('\n');
    const events = Array.from({ length: 5_000 }, (_, i) => `  Warning  BackOff  ${i + 1}s  kubelet  Back-off restarting failed container ${i}`).join('\n');
    const long = `  Warning  Failed  1s  kubelet  ${'y'.repeat(100_000)}`;
    const contents = scanPaste(`$ kubectl logs web-1\n${logs}\n\n${events}\n${long}\n`);
    const pod = contents.pods.get('web-1')!;
    assert.equal(pod.logs.get('')?.current?.length, MAX_LOG_LINES);
    assert.equal(pod.logs.get('')?.current?.at(-1), `line 49999 ${'x'.repeat(20)}`);
    assert.equal(pod.events?.length, MAX_EVENTS);
    assert.ok(pod.events!.every((e) => e.message.length <= MAX_LINE));
  });
});

describe('paste: ages stay relative', () => {
  /** Absolute times a paste itself shows (describe's RFC 1123 times, and a pasted object's RFC 3339 ones), as RFC 3339. */
  function timesIn(text: string): Set<string> {
    const out = new Set<string>();
    for (const m of text.matchAll(/\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} [+-]\d{4}/g)) out.add(new Date(Date.parse(m[0])).toISOString().replace(/\.000Z$/, 'Z'));
    for (const m of text.matchAll(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\b/g)) out.add(m[0]);
    return out;
  }

  const pastes = allFixtures().filter((n) => n.startsWith('paste--'));
  it('has paste fixtures', () => assert.ok(pastes.length >= 40));
  for (const name of pastes) {
    it(`${name}: every absolute time in the human, JSON and Markdown reports is one the paste shows`, async () => {
      const input = join(FIXTURES, name, 'paste.txt');
      const shown = timesIn(readFileSync(input, 'utf8'));
      for (const format of ['human', 'json', 'markdown']) {
        const r = await runCli(['--from', input, '-o', format], { now: () => new Date('2031-01-01T00:00:00Z') });
        // A report was made (an unreadable paste would print nothing and pass the check below).
        assert.ok(r.code === 0 || r.code === 1, `${format}: exit ${r.code}: ${r.stderr}`);
        assert.match(r.stdout, /pod\/|"pod"|\*\*pod/i, `${format}: no report`);
        for (const m of r.stdout.matchAll(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?Z?/g)) {
          assert.ok(shown.has(m[0]), `${format} report shows ${m[0]}, which the paste does not`);
        }
      }
    });
  }

  it('the clock does not change a report on a paste without absolute times', async () => {
    const input = join(FIXTURES, 'paste--12-jaconi-helm-charts-50', 'paste.txt');
    const a = await runCli(['--from', input, '-o', 'json'], { now: () => new Date('2026-11-25T10:00:00Z') });
    const b = await runCli(['--from', input, '-o', 'json'], { now: () => new Date('2031-06-01T00:00:00Z') });
    assert.equal(a.stdout, b.stdout);
  });
});

describe('paste: garbage that looks close', () => {
  it('a UserError for an unknown pod name lists the pods the paste shows', () => {
    try {
      loadPaste(NEW_DESCRIBE, 'paste', { fallbackNow: NOW, podName: 'nope' });
      assert.fail('expected an error');
    } catch (err) {
      assert.ok(isUserError(err));
      assert.match((err as Error).message, /no pod named "nope" in the paste \(it shows: web-5d8f7c9b6-x2x9z\)/);
    }
  });
});
