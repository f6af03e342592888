// --watch on the command line: listed in --help, and its misuse refused with one line, exit 2.
import { strict as assert } from 'node:assert';
import { runCli } from '../support/cli.ts';

describe('--watch flags', () => {
  it('--help lists --watch and --timeout', async () => {
    const r = await runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /kubectl podwhy POD --watch +follow the pod until it is Ready/);
    assert.match(r.stdout, /-w, --watch +After the report, follow the pod/);
    assert.match(r.stdout, /--timeout +With --watch: how long to wait for the pod to be Ready .*\[default: "10m"\]/s);
  });

  const refused: [string[], RegExp][] = [
    [['web', '--watch', '--timeout', 'soon'], /^podwhy: --timeout: invalid value "soon" \(use a duration such as 30s, 5m, 1h; 0 waits without limit\)\n$/],
    [['web', '--watch', '--from', '.'], /^podwhy: --watch follows a pod in a cluster; it cannot be used with --from\n$/],
    [['web', '--watch', '--save', '/tmp/x'], /^podwhy: --watch cannot be used with --save \(save a bundle without --watch\)\n$/],
    [['--watch', '-n', 'default', '--kubeconfig', '/nonexistent'], /^podwhy: --watch follows one pod: name it \(POD or TYPE\/NAME\); a namespace-wide scan cannot be watched yet\n$/],
  ];
  for (const [argv, message] of refused) {
    it(`refuses ${argv.join(' ')}: one line, exit 2`, async () => {
      const r = await runCli(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, message);
    });
  }
});
