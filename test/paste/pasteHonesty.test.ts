// What a paste does not show stays unshown: prose that only mentions an init container, a log that may come
// from no pod, a Terminating row without its time, containers the paste never named, rows that only look like events.
import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diagnose } from '../../lib/diagnose.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { saveBundles } from '../../lib/source/save.ts';
import { isUserError } from '../../lib/source/errors.ts';
import { loadPaste, withPastedAges } from '../../lib/source/paste/index.ts';
import { initContainersNamedIn, parseLogCue } from '../../lib/source/paste/logCues.ts';
import { parseLooseEventRow } from '../../lib/source/paste/looseEventRows.ts';
import { logText, NOW, onlyPod } from './readPaste.ts';

/** The paste is refused with one line that says what it found. */
function refused(text: string, found: RegExp): void {
  assert.throws(() => loadPaste(text, 'paste', { fallbackNow: NOW }), (err: unknown) => isUserError(err) && found.test((err as Error).message) && !(err as Error).message.includes('\n'));
}

const CRASHING_BLOCK = '```\n  worker:\n    Container ID:   containerd://4be1f0c2a9\n    Image:          registry.example.com/team/worker:2.4\n    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    2\n    Ready:          False\n    Restart Count:  5\n```\n';

describe('paste: an init container named in prose', () => {
  it('a sentence that denies an init container does not make the block below one', () => {
    const b = onlyPod(`We don't use an init container, \`worker\` is the only one and it restarts:\n${CRASHING_BLOCK}`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['worker']);
    assert.equal(b.pod.spec?.initContainers, undefined);
  });

  it('an init container mentioned in passing, the quoted name elsewhere in the sentence: a regular container', () => {
    const b = onlyPod(`Since I put an init container in the chart, \`worker\` crashes:\n${CRASHING_BLOCK}`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['worker']);
    assert.equal(b.pod.spec?.initContainers, undefined);
  });

  it('a sentence that says what the init container does, negated, still names it', () => {
    for (const prose of ['The init container `worker` does not finish. Its logs:', 'The init container `worker` never completes:', "the init container is `worker`, it doesn't start:"]) {
      const b = onlyPod(`${prose}\n${CRASHING_BLOCK}`);
      assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['worker'], prose);
    }
    for (const denial of ['There is no init container here, `worker` crashes:', '`worker` is not an init container and crashes:', 'We run it instead of an init container, `worker` crashes:', '`worker` isn\'t an init container:']) {
      assert.equal(onlyPod(`${denial}\n${CRASHING_BLOCK}`).pod.spec?.initContainers, undefined, denial);
    }
  });

  it('look-alikes: a verb after "the init container" is no name', () => {
    for (const prose of ['the init container keeps crashing:', 'The init container is failing with this log:', 'I think the init container was OOMKilled:']) {
      assert.deepEqual(initContainersNamedIn(prose), [], prose);
    }
    assert.deepEqual(initContainersNamedIn('the init container is `wait-db`, it loops'), ['wait-db']);
  });

  it('the name next to the words still makes it an init container', () => {
    for (const prose of ['The `worker` init container crashes:', 'Init container "worker" crashes:', 'the init container worker crashes:']) {
      const b = onlyPod(`${prose}\n${CRASHING_BLOCK}`);
      assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['worker'], prose);
    }
  });
});

describe('paste: a log that nothing ties to a pod', () => {
  it('a failing process\'s log alone, or after a bare `docker logs <id>`: refused, saying it names no pod', () => {
    const noPod = /only a log with no pod or container named.*run podwhy on the pod/;
    refused('Running the service on my laptop prints:\n```\nTraceback (most recent call last):\n  File "/srv/app.py", line 3, in <module>\n    import psycopg2\nModuleNotFoundError: No module named \'psycopg2\'\n```\n', noPod);
    refused('```\nchown: changing ownership of \'/var/lib/ceph\': Permission denied\nfailed to change ownership of \'/var/lib/ceph\' from ceph:ceph to ceph:ceph\n```\n', noPod);
    refused('```\n$ docker logs 9c1e77d\nFATAL: could not open config /etc/app.yaml: no such file or directory\n```\n', noPod);
  });

  it('a build tool\'s log is no pod\'s, even after a sentence about the pod\'s logs', () => {
    refused('The pod\'s logs:\n```\n[INFO] BUILD FAILURE\n[ERROR] Failed to execute goal org.apache.maven.plugins:maven-compiler-plugin:3.11.0:compile (default-compile) on project api: Compilation failure\n```\n', /only the output of Maven, which is no pod's log/);
    refused('CI output:\n```\n2024-05-01T12:00:03.4821937Z ##[error]Process completed with exit code 1.\n```\n', /only the output of GitHub Actions/);
    refused('```\n> Task :app:compileJava FAILED\nFAILURE: Build failed with an exception.\n```\n', /only the output of Gradle/);
  });

  it('npm and yarn run in Node containers: their lines are a pod\'s log when a sentence or a cluster line says so', () => {
    const vouched = onlyPod("My node app pod keeps crashing, the pod's logs:\n```\n> shop@2.3.1 start /usr/src/app\n> node index.js\n\nError: Cannot find module 'pg'\nnpm ERR! code ELIFECYCLE\nnpm ERR! errno 1\n```\n");
    assert.match(logText(vouched, 'CONTAINER'), /Cannot find module 'pg'/);
    const cluster = onlyPod('```\nyarn run v1.22.19\n$ node server.js\nError: getaddrinfo ENOTFOUND redis.cache.svc.cluster.local\nerror Command failed with exit code 1.\n```\n');
    assert.match(logText(cluster, 'CONTAINER'), /ENOTFOUND/);
    // Alone, they are still a build's output.
    refused('```\nnpm ERR! code ELIFECYCLE\nnpm ERR! errno 1\nnpm ERR! shop@2.3.1 build: `tsc`\n```\n', /only the output of npm/);
  });

  it('`kubectl logs --timestamps` with 7 fraction digits is no GitHub Actions output', () => {
    const b = onlyPod('Logs of the container in my pod:\n```\n2024-05-06T12:00:00.1234567Z connecting to db.shop.svc.cluster.local\n2024-05-06T12:00:01.2234567Z panic: dial tcp 10.96.0.12:5432: connect: connection refused\n```\n');
    assert.match(logText(b, 'CONTAINER'), /panic: dial tcp/);
  });

  it('a line only the runtime or the cluster writes ties the log to a pod', () => {
    const runc = onlyPod('```\nstandard_init_linux.go:228: exec user process caused: no such file or directory\n```\n');
    assert.match(logText(runc, 'CONTAINER'), /exec user process caused/);
    const dns = onlyPod('```\nwaiting for mysql\nnslookup: can\'t resolve \'mysql.data.svc.cluster.local\'\n```\n');
    assert.match(logText(dns, 'CONTAINER'), /svc\.cluster\.local/);
  });

  it('`crictl logs <id>`, `kubectl logs` and a sentence about a container still vouch for any log', () => {
    assert.match(logText(onlyPod('```\n$ crictl logs 4be1f0c2a9d3\nFATAL: could not open config\n```\n'), 'CONTAINER'), /could not open config/);
    assert.match(logText(onlyPod('The container\'s logs:\n```\nFATAL: could not open config\n```\n'), 'CONTAINER'), /could not open config/);
  });
});

describe('paste: a Terminating row saved with --save', () => {
  it('the replay still says the deletion time was not shown, and prints no time the paste did not contain', () => {
    const paste = 'kubectl get pods -n billing\nNAME                       READY   STATUS        RESTARTS   AGE\ninvoicer-6c9f7d5b8-q2wzt   1/1     Running       0          8s\ninvoicer-58d4c7f9b-7hvkn   1/1     Terminating   0          6d\n';
    const [pasted] = loadPaste(paste, 'paste', { fallbackNow: NOW });
    const dir = join(mkdtempSync(join(tmpdir(), 'podwhy-save-')), 'bundle');
    saveBundles(dir, [pasted!]);
    const [replayed] = loadOffline({ from: dir, fallbackNow: '2027-01-01T00:00:00Z' });
    const report = JSON.stringify(withPastedAges(replayed!, diagnose(replayed!)));
    const stuck = withPastedAges(replayed!, diagnose(replayed!)).findings.find((f) => f.rule === 'stuck-terminating');
    assert.ok(stuck, 'the rule still sees the deletion');
    assert.match(stuck.summary, /not shown in the paste/);
    assert.doesNotMatch(report, /\d{4}-\d\d-\d\dT\d\d:\d\d/, 'no absolute time in the replayed report');
  });
});

describe('paste: containers the paste never named', () => {
  it('a tag bump is one container changing image; its fix names the placeholder, never a made-up name', () => {
    const b = onlyPod(`Rolled out the new tag and it broke:

  Normal   Pulled     3h    kubelet  Successfully pulled image "ghcr.io/acme/billing:4.1.0" in 3.2s (3.2s including waiting)
  Normal   Pulling    90s   kubelet  Pulling image "ghcr.io/acme/billing:4.2.0"
  Warning  Failed     88s   kubelet  Failed to pull image "ghcr.io/acme/billing:4.2.0": rpc error: code = NotFound desc = failed to pull and unpack image "ghcr.io/acme/billing:4.2.0": failed to resolve reference "ghcr.io/acme/billing:4.2.0": ghcr.io/acme/billing:4.2.0: not found
  Warning  Failed     88s   kubelet  Error: ErrImagePull
`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => [c.name, c.image]), [['CONTAINER', 'ghcr.io/acme/billing:4.2.0']]);
    const commands = diagnose(b).findings.flatMap((f) => f.fixes.map((x) => x.command ?? '')).join('\n');
    assert.match(commands, /set image pod\/POD CONTAINER=/);
    assert.doesNotMatch(commands, /\bbilling(?:-2)?=/, 'no container named after the image in a command');
  });

  it('two repositories: one placeholder each, the image said in a note', () => {
    const b = onlyPod(`  Normal   Pulled     5m   kubelet  Container image "docker.io/envoyproxy/envoy:v1.29.1" already present on machine
  Warning  Failed     2m   kubelet  Failed to pull image "ghcr.io/acme/billing:4.2.0": rpc error: code = NotFound desc = ghcr.io/acme/billing:4.2.0: not found
`);
    assert.deepEqual(b.pod.spec?.containers?.map((c) => c.name), ['CONTAINER-1', 'CONTAINER-2']);
    assert.ok(b.notes.some((n) => n.includes('CONTAINER-2 runs ghcr.io/acme/billing:4.2.0')));
  });
});

describe('paste: lines that only look like event rows or a STATUS', () => {
  it('a STATUS word inside a CI job\'s output is the job\'s words, not a pod\'s state', () => {
    refused('The deploy step fails:\n\nwaiting for deployment "web" rollout to finish: 0 of 1 updated replicas are available...\nImagePullBackOff\n##[error]Process completed with exit code 1.\n', /only the output of GitHub Actions/);
    assert.equal(onlyPod('$ kubectl logs web-1\nError response from daemon: manifest for web:2.1 not found\n\nImagePullBackOff\n').pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'ImagePullBackOff');
  });

  it('look-alikes: a STATUS word alone, or a runbook\'s fenced one, is no pod', () => {
    for (const paste of ['OOMKilled\n', 'In our runbook, the following states mean different things:\n```\nCrashLoopBackOff\n```\nmeans the process exits.\n', 'The pod shows\n\nContainerCannotRun\n']) {
      refused(paste, /nothing kubectl-shaped/);
    }
  });

  it('an application log with two-space columns and a Warning level is no event', () => {
    refused('```\n2025-02-11 08:14:02,113  Warning  ResourceWarning  unclosed file <_io.TextIOWrapper name=\'/tmp/x\'>\n2025-02-11 08:14:03,502  Warning  Unhealthy  worker pool saturated, backing off\n```\n', /nothing kubectl-shaped/);
    assert.equal(parseLooseEventRow('2025-02-11 08:14:03  Warning  Unhealthy  worker pool saturated, backing off'), undefined);
    assert.equal(parseLooseEventRow('3:05:26 PM  Warning  FailedMount  MountVolume.SetUp failed for volume "certs" : secret "tls" not found')?.reason, 'FailedMount');
  });

  it('words before a comma are a source only when they name a component', () => {
    assert.equal(parseLooseEventRow('well, basically  Back-off restarting failed container'), undefined);
    assert.equal(parseLooseEventRow('kubelet, ip-10-0-3-17.ec2.internal  Back-off restarting failed container')?.from, 'kubelet');
    assert.equal(parseLooseEventRow('{default-scheduler }  FailedScheduling  0/3 nodes are available: 3 Insufficient cpu.')?.from, 'default-scheduler');
  });
});

describe('paste: the runtime\'s logs command', () => {
  it('after any prompt kubectl\'s commands are read after (zsh themes, PowerShell)', () => {
    for (const prompt of ['❯ ', '➜  ~ ', 'PS C:\\Users\\dev> ']) {
      assert.deepEqual(parseLogCue(`${prompt}docker logs k8s_api_api-7d9c4b-xk2lp_shop_0b5e3c1a-6f0e-4b5e-9f1e-2b7c9d0e1f2a_0`), { container: 'api', pod: 'api-7d9c4b-xk2lp', namespace: 'shop', init: false, command: true, vouch: 'kubectl' }, prompt);
    }
  });

  it('a short container id is no container name', () => {
    assert.equal(parseLogCue('$ docker logs 7e0c2d')?.container, undefined);
    assert.equal(parseLogCue('$ docker logs 4be1f0c2a9d3')?.container, undefined);
    assert.equal(parseLogCue('$ docker logs my-api')?.container, 'my-api');
    assert.equal(parseLogCue('$ docker logs cafe')?.container, 'cafe');
  });
});
