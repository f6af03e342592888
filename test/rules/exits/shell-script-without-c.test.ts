import { strict as assert } from 'node:assert';
import { checkWith, diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';
import { rule } from '../../../lib/rules/exits/shellScriptWithoutC.ts';

const ID = 'shell-script-without-c';

describe(ID, () => {
  it('busybox: sh given the loop as a file name, confirmed by "can\'t open" and exit 2', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.severity, 'critical');
    assert.equal(f.container, 'looper');
    assert.match(f.summary, /passes the script "while true; do echo SUCCESS; done" to sh without -c/);
    assert.match(f.summary, /exits with code 2/);
    const ev = evidenceText(f);
    assert.match(ev, /\[spec\] spec\.containers\[0\]\.command: sh 'while true; do echo SUCCESS; done'/);
    assert.match(ev, /\[status\] status\.containerStatuses\{looper\}\.lastState\.terminated: exit code 2 \(Error\)/);
    assert.match(ev, /\[log\] looper \(previous\): sh: can't open 'while true; do echo SUCCESS; done': No such file or directory/);
    assert.match(f.explanation, /The log confirms it/);
    assert.match(f.fixes[0]!.description, /command: \["sh", "-c", "while true; do echo SUCCESS; done"\]/);
    assert.equal(
      f.fixes[1]!.command,
      `kubectl patch deployment looper -n default --type=json -p '[{"op":"add","path":"/spec/template/spec/containers/0/command/1","value":"-c"}]'`,
    );
  });

  it('the log confirms it but no exit code is known: the summary ends "and cannot open it.", with no dangling comma', () => {
    const [f] = checkWith(ID, rule, (b) => {
      const status = b.pod.status!.containerStatuses![0]!;
      delete status.lastState;
      status.state = { waiting: { reason: 'CrashLoopBackOff' } };
    });
    assert.match(f?.summary ?? '', /looks for a file of that name and cannot open it\.$/);
  });

  it('is the primary cause and replaces container-exit-error for the same container', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('dash on Debian: "/bin/sh: 0: cannot open …: No such file"', () => {
    const [f] = findingsOf(`${ID}--dash`, ID);
    assert.ok(f);
    assert.equal(f.container, 'worker');
    assert.match(evidenceText(f), /\[log\] worker \(previous\): \/bin\/sh: 0: cannot open echo "starting worker"; exec python3 -m worker: No such file/);
    assert.match(f.fixes[0]!.description, /command: \["\/bin\/sh", "-c", "echo \\"starting worker\\"; exec python3 -m worker"\]/);
  });

  it('bash with the script in args: exit 127, -c goes in front of args', () => {
    const [f] = findingsOf(`${ID}--bash`, ID);
    assert.ok(f);
    assert.match(f.summary, /to bash without -c.*exits with code 127/);
    assert.match(evidenceText(f), /\[log\] reporter \(previous\): bash: echo hi; sleep 10: No such file or directory/);
    assert.match(f.fixes[0]!.description, /args: \["-c", "echo hi; sleep 10"\] \(command stays \["bash"\]\)/);
    assert.match(f.fixes[1]!.command ?? '', /"path":"\/spec\/template\/spec\/containers\/0\/args\/0","value":"-c"/);
  });

  it('init container without logs: the spec and exit code 2 suffice, and it replaces init-container-failed', () => {
    const d = diagnoseFixture(`${ID}--init-container`);
    const [f] = d.findings.filter((x) => x.rule === ID);
    assert.ok(f);
    assert.equal(f.container, 'wait-for-db');
    assert.match(f.summary, /^Init container wait-for-db passes the script/);
    assert.match(f.explanation, /No log line was available to confirm it, but exit code 2/);
    assert.match(f.fixes[1]!.command ?? '', /\/spec\/template\/spec\/initContainers\/0\/command\/1/);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((x) => x.rule === 'init-container-failed'));
  });

  it('does not fire on sh /scripts/start.sh, a real script file, that runs', () => {
    const d = diagnoseFixture(`${ID}--not-script-file`);
    assert.deepEqual(findingsOf(`${ID}--not-script-file`, ID), []);
    assert.equal(d.healthy, true);
  });

  it('does not fire on a correct sh -c', () => {
    const d = diagnoseFixture(`${ID}--not-with-c`);
    assert.deepEqual(d.findings.filter((f) => f.severity !== 'info'), []);
  });


  it('"-c script" in one array element: bash rejects it as an option; split it in two', () => {
    const [f, ...rest] = findingsOf('shell-script-without-c--c-joined', 'shell-script-without-c');
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'orders');
    assert.match(f.summary, /gives \/bin\/bash "-c" and its script as one argument \("-c \/app\/bin\/migrate && exec \/app\/bin\/server"\), which the shell rejects as an invalid option and exits with code 2\./);
    assert.match(evidenceText(f), /\[log\] orders \(previous\): \/bin\/bash: - : invalid option/);
    assert.match(f.fixes[0]!.description, /command: \["\/bin\/bash", "-c", "\/app\/bin\/migrate && exec \/app\/bin\/server"\]$/);
    assert.equal(
      f.fixes[1]!.command,
      `kubectl patch deployment orders -n shop --type=json -p '[{"op":"replace","path":"/spec/template/spec/containers/0/command","value":["/bin/bash","-c","/app/bin/migrate && exec /app/bin/server"]}]'`,
    );
    assert.equal(diagnoseFixture('shell-script-without-c--c-joined').findings[0]?.rule, 'shell-script-without-c');
  });
});
