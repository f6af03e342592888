import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

const ID = 'command-not-found';

describe(ID, () => {
  it('containerd StartError: exec "gunicorn": executable file not found in $PATH', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'web');
    assert.equal(f.summary, 'Container web cannot start: no executable "gunicorn" is on the PATH of python:3.12-slim.');
    const ev = evidenceText(f);
    assert.match(ev, /\[status\] status\.containerStatuses\{web\}\.lastState\.terminated: exit code 128 \(StartError\), message: .*exec: "gunicorn": executable file not found in \$PATH/);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.image: python:3\.12-slim/);
    assert.ok(!ev.includes('[event]'), 'the Failed event repeats the status message and is left out');
    assert.match(f.explanation, /containerd reports this as StartError with exit code 128/);
    assert.ok(f.fixes.some((x) => x.command === 'kubectl debug web-7d9f8c6b5a-r4t8y -n default -it --copy-to=web-7d9f8c6b5a-r4t8y-debug --container=web -- sh'));
  });

  it('replaces container-exit-error for the StartError', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('CRI-O CreateContainerError: stat /app/server, hidden by the volume mounted at /app', () => {
    const [f] = findingsOf(`${ID}--crio`, ID);
    assert.ok(f);
    assert.equal(f.summary, 'Container catalog cannot start: "/app/server" does not exist in quay.io/acme/catalog:4.2.0.');
    assert.match(f.explanation, /CRI-O reports this when it creates the container, as CreateContainerError/);
    assert.match(f.explanation, /volume "cache" is mounted: the mount replaces that directory of the image/);
    assert.match(evidenceText(f), /\[status\] status\.containerStatuses\{catalog\}\.state\.waiting: CreateContainerError: container create failed/);
  });

  it('shell exit 127: "sh: curl: not found" in busybox, with the busybox hint', () => {
    const [f] = findingsOf(`${ID}--shell-127`, ID);
    assert.ok(f);
    assert.equal(f.summary, 'Container sync exits with code 127: its shell cannot find the command "curl" in busybox:1.36 ("sh: curl: not found").');
    assert.match(evidenceText(f), /\[log\] sync \(previous\): sh: curl: not found/);
    assert.match(f.fixes[0]!.description, /busybox has no curl: use wget/);
  });

  it('a single string with spaces as command: says to split it into an array', () => {
    const [f] = findingsOf(`${ID}--single-string`, ID);
    assert.ok(f);
    assert.match(f.summary, /single string "sh -c 'echo hello && sleep 3600'".*must be split into an array/);
    assert.match(evidenceText(f), /\[spec\] spec\.containers\[0\]\.command: \["sh -c 'echo hello && sleep 3600'"\]/);
    assert.match(evidenceText(f), /state\.waiting: RunContainerError \(same message as lastState\.terminated\)/);
    assert.equal(f.fixes[0]!.description, 'Write each word as its own array element: command: ["sh", "-c", "echo hello && sleep 3600"]');
    assert.match(f.fixes[1]!.description, /cannot be changed in place/, 'a bare pod: no patch command');
  });

  it('does not fire on the inline-script case (that is shell-script-without-c)', () => {
    assert.deepEqual(findingsOf('shell-script-without-c--bash', ID), []);
    assert.deepEqual(findingsOf('shell-script-without-c', ID), []);
  });

  it('does not fire on a running container or a plain application error', () => {
    assert.deepEqual(findingsOf('shell-script-without-c--not-script-file', ID), []);
    assert.deepEqual(findingsOf('container-exit-error', ID), []);
  });


  it('bash script with Windows line endings: says CRLF, not a missing command', () => {
    const [f] = findingsOf('command-not-found--crlf', 'command-not-found');
    assert.ok(f);
    assert.equal(f.container, 'billing');
    assert.match(f.summary, /runs a script saved with Windows line endings/);
    assert.match(f.explanation, /Every line of \/opt\/app\/entrypoint\.sh ends with a carriage return/);
    assert.match(evidenceText(f), /\[log\] billing \(previous\): \/opt\/app\/entrypoint\.sh: line 6: \$'\\r': command not found/);
    assert.equal(f.fixes.length, 1);
    assert.match(f.fixes[0]!.description, /dos2unix/);
    assert.doesNotMatch(f.fixes[0]!.description, /install/);
  });
});
