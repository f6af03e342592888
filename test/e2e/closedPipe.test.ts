// `kubectl podwhy … | head`: the reader closes the pipe before the report is written. The plugin ends with the
// diagnosis' exit status and nothing on stderr, not an unhandled EPIPE stack trace.
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = new URL('../../', import.meta.url).pathname;

function runWithClosedStdout(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kubectl-podwhy'), ...args]);
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('stdout closed by its reader (kubectl podwhy … | head)', () => {
  it('a problem found: exit 1, stderr empty', async () => {
    const { code, stderr } = await runWithClosedStdout(['--from', join(ROOT, 'fixtures', 'oom-killed')]);
    assert.equal(stderr, '');
    assert.equal(code, 1);
  });

  it('a healthy pod: exit 0, stderr empty', async () => {
    const { code, stderr } = await runWithClosedStdout(['--from', join(ROOT, 'fixtures', 'healthy-running'), '-o', 'json']);
    assert.equal(stderr, '');
    assert.equal(code, 0);
  });
});
