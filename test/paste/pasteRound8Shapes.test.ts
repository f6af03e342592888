// Shapes of round 8's pastes that were refused (test/paste/round8/README.md has their threads): a `get pods` row
// cut before AGE, one retyped in an issue with dashes between its columns and its STATUS in bold, a sentence
// that gives a describe's message after "the message", and the dockershim-era runtime error line alone. Each
// example is written from the component's own wording; each has look-alikes the reader must not take.
import { strict as assert } from 'node:assert';
import { diagnose } from '../../lib/diagnose.ts';
import { parseCutPodsRow, parseRetypedPodsRow } from '../../lib/source/paste/reshapedPodsRows.ts';
import { runtimeLogLine } from '../../lib/source/paste/runtimeLines.ts';
import { shellCantOpen } from '../../lib/source/paste/shellScriptFile.ts';
import { containerPrefixedLog } from '../../lib/source/paste/prefixedLogs.ts';
import { logText, notAPaste, onlyPod } from './readPaste.ts';

function primary(text: string): string {
  return diagnose(onlyPod(text)).findings.find((f) => f.severity !== 'info')?.rule ?? 'healthy';
}

describe('paste: a header-less get pods row cut after RESTARTS', () => {
  it('reads NAME READY STATUS RESTARTS as the pod\'s row', () => {
    assert.deepEqual(parseCutPodsRow('billing-api-6c9f7d8b5-q7wzt   0/1     ErrImagePull   0'), { name: 'billing-api-6c9f7d8b5-q7wzt', ready: '0/1', status: 'ErrImagePull', restarts: 0 });
    assert.deepEqual(parseCutPodsRow('payments   worker-0   1/2   CrashLoopBackOff   7 (38s ago)'), { name: 'worker-0', ready: '1/2', status: 'CrashLoopBackOff', restarts: 7, namespace: 'payments' });
  });

  it('is the pod in question: a fenced row after a sentence', () => {
    const b = onlyPod('The migration job never finishes:\n\n```\nschema-migrate-8xk2p   0/1     InvalidImageName   0\n```\n');
    assert.equal(b.pod.metadata?.name, 'schema-migrate-8xk2p');
    assert.equal(b.pod.status?.containerStatuses?.[0]?.state?.waiting?.reason, 'InvalidImageName');
    assert.equal(primary('The migration job never finishes:\n\n```\nschema-migrate-8xk2p   0/1     InvalidImageName   0\n```\n'), 'image-pull-invalid-name');
  });

  it('look-alikes: a sentence, a status that no pod shows, a diff line, a list of statuses', () => {
    assert.equal(parseCutPodsRow('the 0/1 Pending 0'), undefined);
    assert.equal(parseCutPodsRow('pods 0/1 Pending 0'), undefined);
    assert.equal(parseCutPodsRow('web-1   0/1   Waiting   0'), undefined);
    assert.equal(parseCutPodsRow('-web-1   0/1   Pending   0'), undefined);
    assert.equal(parseCutPodsRow('web-1   0/1   Pending   0   because the claim is unbound'), undefined);
    notAPaste('```\nPending\nRunning\nSucceeded\nFailed\nUnknown\n```\n');
    notAPaste('```diff\n-  replicas: 0/1 Pending 0\n+  replicas: 1/1 Running 0\n```\n');
  });
});

describe('paste: a get pods row retyped in prose, dashes between its columns and its STATUS in bold', () => {
  it('reads the columns between the separators', () => {
    assert.deepEqual(parseRetypedPodsRow('orders-db-0 --- 0/1 --- **Pending** --- 0 --- 12m'), { name: 'orders-db-0', ready: '0/1', status: 'Pending', restarts: 0, ageMs: 720000 });
    assert.deepEqual(parseRetypedPodsRow('orders-db-0 | 0/1 | __ContainerCreating__ | 0'), { name: 'orders-db-0', ready: '0/1', status: 'ContainerCreating', restarts: 0 });
    // A plain row is the other readers'.
    assert.equal(parseRetypedPodsRow('orders-db-0   0/1   Pending   0'), undefined);
  });

  it('with the describe\'s message retold after "the message": unschedulable-pvc', () => {
    const paste = [
      'Most pods stay in **Pending**:',
      '',
      'search-indexer-7f5b9c6d4-m2kxp ---   0/1  ----   **Pending**  ----   0',
      '',
      'Describing the pod I see a **Warning** **FailedScheduling** from **default-scheduler** with the message **pod has unbound immediate PersistentVolumeClaims**',
    ].join('\n');
    assert.equal(onlyPod(paste).pod.metadata?.name, 'search-indexer-7f5b9c6d4-m2kxp');
    assert.equal(primary(paste), 'unschedulable-pvc');
  });

  it('look-alikes: a sentence with dashes and bold, a Markdown rule, docs listing statuses', () => {
    assert.equal(parseRetypedPodsRow('the pod --- **Pending** --- forever'), undefined);
    assert.equal(parseRetypedPodsRow('**Pending** --- 0/1 --- 0'), undefined);
    notAPaste('The pod goes **Pending** --- then **Running** --- then back.\n\n---\n\nAny idea?\n');
    notAPaste('Statuses: **Pending** | **Running** | **Succeeded** | **Failed**\n');
  });
});

describe('paste: the dockershim-era runtime error alone', () => {
  const LINE = 'container_linux.go:247: starting container process caused "exec: \\"/docker-entrypoint.sh\\": permission denied"';

  it('is the runtime\'s error, read as the container\'s: command-not-executable', () => {
    assert.equal(runtimeLogLine(LINE), LINE);
    assert.equal(primary(`${LINE}\n`), 'command-not-executable');
    assert.equal(primary('The pod never starts:\n\n`container_linux.go:265: starting container process caused "exec: \\"run-app\\": executable file not found in $PATH"`\n'), 'command-not-found');
  });

  it('says that no pod was named', () => {
    assert.ok(onlyPod(`${LINE}\n`).notes.some((n) => /names no pod/.test(n)));
  });

  it('look-alike: inside an event\'s message it stays the event\'s', () => {
    const message = `Error: failed to start container "web": Error response from daemon: oci runtime error: ${LINE}`;
    assert.equal(runtimeLogLine(message), undefined);
    const b = onlyPod(`Events:\n  Type     Reason  Age  From               Message\n  ----     ------  ---  ----               -------\n  Warning  Failed  12s  kubelet, node-2    ${message}\n`);
    assert.equal(b.events?.length, 1);
    assert.equal(Object.keys(b.logs).length, 0);
  });
});

describe('paste: a log whose lines are prefixed with their container', () => {
  const loop = (prefix: string): string =>
    ['nc: bad address \'postgres\'', 'waiting for postgres', 'nc: bad address \'postgres\'', 'waiting for postgres'].map((l) => `${prefix}${l}`).join('\n');

  it('kubectl logs --prefix: each line names its pod and container', () => {
    const b = onlyPod(`\`\`\`\n${loop('[pod/orders-0/init-db] ')}\n\`\`\`\n`);
    assert.equal(b.pod.metadata?.name, 'orders-0');
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['init-db']);
    assert.match(logText(b, 'init-db'), /^nc: bad address 'postgres'\nwaiting for postgres\n/);
  });

  it('after kubectl logs --all-containers --prefix, lines go to the container each names', () => {
    const paste = '$ kubectl logs orders-0 --all-containers --prefix\n[pod/orders-0/init-db] waiting for postgres\n[pod/orders-0/app] starting\n';
    const b = onlyPod(paste);
    assert.equal(logText(b, 'init-db').trim(), 'waiting for postgres');
    assert.equal(logText(b, 'app').trim(), 'starting');
  });

  it('a container name alone before every line, and a trailing "...": the init container waits for a missing Service', () => {
    const paste = `The init container now loops:\n\`\`\`\n${loop('init-db ')}\n...\n\`\`\`\n`;
    const b = onlyPod(paste);
    assert.deepEqual(b.pod.spec?.initContainers?.map((c) => c.name), ['init-db']);
    assert.ok(!logText(b, 'init-db').includes('...'));
    assert.equal(primary(paste), 'init-waiting-on-missing-service');
  });

  it('look-alikes: lines that all begin with the same word, a host before syslog units, one prefixed line', () => {
    assert.equal(containerPrefixedLog(['waiting for postgres', 'waiting for postgres'], new Set()), undefined);
    assert.equal(containerPrefixedLog(['node-1 kubelet[812]: E1203 pod sync failed', 'node-1 kubelet[812]: E1203 pod sync failed'], new Set()), undefined);
    assert.equal(containerPrefixedLog(['init-db waiting for postgres'], new Set()), undefined);
    assert.equal(containerPrefixedLog(['2025-02-11 08:14:02 waiting for postgres', '2025-02-11 08:14:04 waiting for postgres'], new Set()), undefined);
    assert.equal(containerPrefixedLog(['init-db waiting for postgres', 'app starting'], new Set()), undefined);
    // A plain word is a container's only when the paste names that container.
    assert.equal(containerPrefixedLog(['worker waiting for postgres', 'worker waiting for postgres'], new Set()), undefined);
    assert.equal(containerPrefixedLog(['worker waiting for postgres', 'worker waiting for postgres'], new Set(['worker']))?.length, 2);
  });
});

describe('paste: a container command without -c in inline code, and the shell\'s one-line error', () => {
  const SCRIPT = 'until nc -z rabbitmq 5672; do echo waiting for rabbitmq; sleep 2; done';

  it('reads each shell\'s wording of the error', () => {
    assert.deepEqual(shellCantOpen(`sh: can't open '${SCRIPT}': No such file or directory`), { shell: 'sh', operand: SCRIPT });
    assert.deepEqual(shellCantOpen(`/bin/sh: 0: Can't open ${SCRIPT}`), { shell: '/bin/sh', operand: SCRIPT });
    assert.deepEqual(shellCantOpen(`/bin/sh: 0: cannot open ${SCRIPT}: No such file`), { shell: '/bin/sh', operand: SCRIPT });
    assert.deepEqual(shellCantOpen(`/bin/bash: ${SCRIPT}: No such file or directory`), { shell: '/bin/bash', operand: SCRIPT });
  });

  it('the command in a chart value, the error in prose: shell-script-without-c', () => {
    const paste = `I set \`worker.command=/bin/sh '${SCRIPT}'\` in the values.\n\nThe container then exits with:\n/bin/sh: 0: Can't open ${SCRIPT}\n`;
    const b = onlyPod(paste);
    assert.deepEqual(b.pod.spec?.containers?.[0]?.command, ['/bin/sh', SCRIPT]);
    assert.equal(primary(paste), 'shell-script-without-c');
  });

  it('the error in a fence, the script shortened in the retelling: still the same script', () => {
    const paste = `command: \`sh "${SCRIPT}"\`\n\n\`\`\`\nsh: can't open '${SCRIPT.replace('sleep 2', 'sleep 5')}': No such file or directory\n\`\`\`\n`;
    assert.equal(primary(paste), 'shell-script-without-c');
  });

  it('look-alikes: the error alone, the command alone, -c given, another script', () => {
    notAPaste(`The container then exits with:\n/bin/sh: 0: Can't open ${SCRIPT}\n`);
    notAPaste(`I set \`worker.command=/bin/sh '${SCRIPT}'\` in the values. Is that right?\n`);
    notAPaste(`I set \`worker.command=/bin/sh -c '${SCRIPT}'\`.\n\n/bin/sh: 0: Can't open ${SCRIPT}\n`);
    notAPaste(`I set \`worker.command=/bin/sh 'exec java -jar /app/app.jar --server.port=8080'\`.\n\n/bin/sh: 0: Can't open ${SCRIPT}\n`);
  });
});
