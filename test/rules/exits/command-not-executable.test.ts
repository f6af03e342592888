import { strict as assert } from 'node:assert';
import { diagnoseFixture, evidenceText, findingsOf } from '../../support/fixtures.ts';

const ID = 'command-not-executable';

describe(ID, () => {
  it('containerd: exec "/opt/app/entrypoint.sh": permission denied, from a ConfigMap volume with mode 0644', () => {
    const [f, ...rest] = findingsOf(ID, ID);
    assert.ok(f);
    assert.equal(rest.length, 0);
    assert.equal(f.container, 'billing');
    assert.equal(f.summary, 'Container billing cannot start: /opt/app/entrypoint.sh in alpine:3.20 is not executable (permission denied).');
    assert.match(f.explanation, /ConfigMap volume "entrypoint" mounted at \/opt\/app, whose files get mode 0644/);
    assert.match(evidenceText(f), /lastState\.terminated: exit code 128 \(StartError\), message: .*exec: "\/opt\/app\/entrypoint\.sh": permission denied/);
    assert.equal(
      f.fixes[1]!.command,
      `kubectl patch deployment billing -n billing --type=json -p '[{"op":"add","path":"/spec/template/spec/volumes/0/configMap/defaultMode","value":493}]'`,
    );
    assert.ok(f.fixes.some((x) => /RUN chmod \+x \/opt\/app\/entrypoint\.sh/.test(x.description)));
    assert.ok(f.fixes.some((x) => /call it through the shell.*command: \["sh", "\/opt\/app\/entrypoint\.sh"\]/.test(x.description)), 'args stay as they are');
  });

  it('is the primary cause, not container-exit-error', () => {
    const d = diagnoseFixture(ID);
    assert.equal(d.findings[0]?.rule, ID);
    assert.ok(!d.findings.some((f) => f.rule === 'container-exit-error'));
  });

  it('CRI-O, runc ≥1.1 wording "exec /deployments/run-java.sh: permission denied", non-root user', () => {
    const [f] = findingsOf(`${ID}--crio`, ID);
    assert.ok(f);
    assert.match(f.summary, /\/deployments\/run-java\.sh in .*inventory:latest is not executable/);
    assert.match(evidenceText(f), /state\.waiting: CreateContainerError: container create failed: .*exec \/deployments\/run-java\.sh: permission denied/);
    assert.match(f.explanation, /runs as a non-root user/);
    assert.ok(f.fixes.some((x) => /non-root user/.test(x.description)));
  });

  it('does not fire on a missing executable (that is command-not-found)', () => {
    assert.deepEqual(findingsOf('command-not-found', ID), []);
    assert.deepEqual(findingsOf('command-not-found--crio', ID), []);
  });
});
