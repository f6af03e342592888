// Hostile offline bundles: files that are not what they claim (links out of the bundle, FIFOs, devices),
// files too large, logs of any size. Each with its exit status, its one-line message, and for the large
// ones the peak memory of the CLI in a child process.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, ftruncateSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { LOG_LIMIT_BYTES, LOG_TAIL_LINES } from '../../lib/bundle/logs.ts';
import { cannotRead, FILE_LIMIT_BYTES } from '../../lib/source/bundleFiles.ts';
import { loadOffline } from '../../lib/source/offline.ts';
import { runCli } from '../support/cli.ts';
import { eventsJson, expectOneLineError, NOW, podJson, runMeasured, tempDir } from '../support/hostileFiles.ts';

/** A sparse file of `size` bytes whose last bytes are `tail`: costs no disk, only what is read of it. */
function sparseFile(path: string, size: number, tail = ''): void {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, size - Buffer.byteLength(tail));
  if (tail) writeSync(fd, tail, size - Buffer.byteLength(tail));
  closeSync(fd);
}

const MEMORY_BOUND_MIB = 200;

describe('hostile offline files', function () {
  this.timeout(120_000);

  describe('logs are read from the end, bounded like the live source', () => {
    it('keeps the last 200 lines of a longer log', () => {
      const lines = Array.from({ length: 500 }, (_, i) => `line ${i + 1}`);
      const dir = tempDir({ 'pod.json': podJson, 'logs/hello.previous.log': `${lines.join('\n')}\n` });
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      const tail = bundle!.logs.hello?.previous;
      assert.ok(tail && 'text' in tail);
      assert.equal(tail.text, `${lines.slice(-LOG_TAIL_LINES).join('\n')}\n`);
    });

    it('keeps at most 256 KiB, cut at a line start, of a log of long lines', () => {
      const line = `${'y'.repeat(999)}\n`;
      const dir = tempDir({ 'pod.json': podJson, 'logs/hello.log': `first\n${line.repeat(1000)}last\n` });
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      const tail = bundle!.logs.hello?.current;
      assert.ok(tail && 'text' in tail);
      assert.ok(Buffer.byteLength(tail.text) <= LOG_LIMIT_BYTES);
      assert.ok(tail.text.startsWith('y') && tail.text.endsWith('\nlast\n'), 'whole lines, the newest kept');
    });

    it('a 2 GB log costs its tail: diagnosed within the memory bound', () => {
      const dir = tempDir({ 'pod.json': podJson });
      mkdirSync(join(dir, 'logs'));
      sparseFile(join(dir, 'logs', 'hello.previous.log'), 2 * 1024 ** 3, 'SUCCESS: the job is done\n');
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      const tail = bundle!.logs.hello?.previous;
      assert.ok(tail && 'text' in tail);
      assert.equal(tail.text.slice(-25), 'SUCCESS: the job is done\n');
      assert.equal(Buffer.byteLength(tail.text), LOG_LIMIT_BYTES, 'the last 256 KiB (NULs and the last line)');
      const run = runMeasured(['--from', dir, '-o', 'json']);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(run.maxRssMiB < MEMORY_BOUND_MIB, `peak memory ${run.maxRssMiB.toFixed(0)} MiB`);
    });
  });

  describe('files that are not regular files inside the bundle', () => {
    it('a log linked to a file outside the bundle is not read; a note says so', async () => {
      const outside = tempDir({ 'secret.txt': 'root:$6$hash-of-a-password:19000:0:99999:7:::\n' });
      const dir = tempDir({ 'pod.json': podJson });
      mkdirSync(join(dir, 'logs'));
      symlinkSync(join(outside, 'secret.txt'), join(dir, 'logs', 'hello.previous.log'));
      const result = await runCli(['--from', dir, '-o', 'json']);
      assert.equal(result.code, 1, result.stderr);
      assert.doesNotMatch(result.stdout, /hash-of-a-password/);
      const notes = (JSON.parse(result.stdout) as { notes: string[] }).notes;
      assert.ok(notes.includes('logs/hello.previous.log: a symbolic link leading outside the bundle folder: not read, the diagnosis goes without it'), notes.join('\n'));
    });

    it('a log linked to /dev/zero is not read (it would never end)', () => {
      const dir = tempDir({ 'pod.json': podJson });
      mkdirSync(join(dir, 'logs'));
      symlinkSync('/dev/zero', join(dir, 'logs', 'hello.log'));
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      assert.equal(bundle!.logs.hello, undefined);
      assert.ok(bundle!.notes.some((n) => n.startsWith('logs/hello.log: a symbolic link leading outside the bundle folder')));
    });

    it('a log that is a FIFO is not opened (opening it would wait forever for a writer)', () => {
      const dir = tempDir({ 'pod.json': podJson });
      mkdirSync(join(dir, 'logs'));
      execFileSync('mkfifo', [join(dir, 'logs', 'hello.log')]);
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      assert.equal(bundle!.logs.hello, undefined);
      assert.ok(bundle!.notes.includes('logs/hello.log: a FIFO (named pipe), not a regular file: not read, the diagnosis goes without it'), bundle!.notes.join('\n'));
    });

    it('a link inside the bundle is followed', () => {
      const dir = tempDir({ 'pod.json': podJson, 'saved/hello.txt': 'SUCCESS\n' });
      mkdirSync(join(dir, 'logs'));
      symlinkSync(join('..', 'saved', 'hello.txt'), join(dir, 'logs', 'hello.previous.log'));
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      assert.deepEqual(bundle!.logs.hello, { previous: { text: 'SUCCESS\n' } });
    });

    it('pod.json linked outside the bundle: refused', async () => {
      const outside = tempDir({ 'pod.json': podJson });
      const dir = tempDir();
      symlinkSync(join(outside, 'pod.json'), join(dir, 'pod.json'));
      await expectOneLineError(['--from', dir], /^podwhy: pod\.json: a symbolic link leading outside the bundle folder$/m);
    });

    it('events.json that is a FIFO: refused, without waiting', async () => {
      const dir = tempDir({ 'pod.json': podJson });
      execFileSync('mkfifo', [join(dir, 'events.json')]);
      await expectOneLineError(['--from', dir], /^podwhy: events\.json: a FIFO \(named pipe\), not a regular file$/m);
    });

    it('a logs/ folder linked outside the bundle is not read', () => {
      const outside = tempDir({ 'hello.log': 'from elsewhere\n' });
      const dir = tempDir({ 'pod.json': podJson });
      symlinkSync(outside, join(dir, 'logs'));
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      assert.deepEqual(bundle!.logs, {});
      assert.ok(bundle!.notes.some((n) => n.startsWith('logs/: a symbolic link leading outside the bundle folder')));
    });

    it('an unreadable file or folder is "permission denied", not an internal error', () => {
      const err = Object.assign(new Error("EACCES: permission denied, scandir '/case/logs'"), { code: 'EACCES' });
      assert.equal(cannotRead('logs/', err).message, 'logs/: cannot read: permission denied');
    });
  });

  describe('size limits', () => {
    it('a pod.json over 32 MiB is refused before it is read', async () => {
      const dir = tempDir();
      sparseFile(join(dir, 'pod.json'), FILE_LIMIT_BYTES + 1024 * 1024);
      await expectOneLineError(['--from', dir], /^podwhy: pod\.json: 33\.0 MiB is more than the 32\.0 MiB podwhy reads from one file$/m);
    });

    it('a single --from file over 32 MiB is refused', async () => {
      const dir = tempDir();
      sparseFile(join(dir, 'case.json'), 3 * 1024 ** 3);
      await expectOneLineError(['--from', join(dir, 'case.json')], /case\.json: 3\.0 GiB is more than the 32\.0 MiB podwhy reads from one file$/m);
    });

    it('stdin over 32 MiB is refused', async () => {
      await expectOneLineError(['--from', '-'], /^podwhy: stdin: more than the 32\.0 MiB podwhy reads from one file$/m, ' '.repeat(FILE_LIMIT_BYTES + 1));
    });

    it('stdin is read in bounded chunks from a pipe', () => {
      const run = runMeasured(['--from', '-', '-o', 'json'], podJson);
      assert.equal(run.code, 1, run.stderr);
      assert.equal((JSON.parse(run.stdout) as { pod: { name: string } }).pod.name, 'hello-7c9d8b6f5d-x2k8p');
    });
  });

  describe('events', () => {
    function manyEvents(n: number): string {
      const base = (JSON.parse(eventsJson) as { items: Record<string, unknown>[] }).items;
      const items = Array.from({ length: n }, (_, i) => {
        const e = structuredClone(base[i % base.length]!) as { metadata: { name: string }; lastTimestamp: string; firstTimestamp: string; message: string };
        e.metadata.name = `hello.${i}`;
        e.lastTimestamp = e.firstTimestamp = new Date(Date.parse('2026-11-25T00:00:00Z') + i * 1000).toISOString().replace('.000', '');
        e.message = `${e.message} #${i}`;
        return e;
      });
      return JSON.stringify({ apiVersion: 'v1', kind: 'List', items });
    }

    it('keeps the newest 10,000 events, with a note', () => {
      const dir = tempDir({ 'pod.json': podJson, 'events.json': manyEvents(12_000) });
      const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
      assert.equal(bundle!.raw?.events?.length, 10_000);
      assert.match(bundle!.events!.at(-1)!.message, /#11999$/);
      assert.match(bundle!.events![0]!.message, /#2000$/, 'the oldest 2,000 left out');
      assert.ok(bundle!.notes.includes('events.json: 12,000 events; only the newest 10,000 were read'), bundle!.notes.join('\n'));
    });

    it('40,000 events (as many as 32 MiB hold): diagnosed within the memory bound', () => {
      const dir = tempDir({ 'pod.json': podJson, 'events.json': manyEvents(40_000) });
      const run = runMeasured(['--from', dir, '-o', 'json']);
      assert.equal(run.code, 1, run.stderr);
      assert.ok(run.maxRssMiB < MEMORY_BOUND_MIB, `peak memory ${run.maxRssMiB.toFixed(0)} MiB`);
    });
  });

  it('a control: the same bundle without hostile files diagnoses normally', () => {
    const dir = tempDir({ 'pod.json': podJson, 'events.json': eventsJson, 'logs/hello.previous.log': 'SUCCESS\n' });
    writeFileSync(join(dir, 'capture.json'), JSON.stringify({ apiVersion: 'podwhy/v1', kind: 'Capture', capturedAt: '2026-11-25T09:49:10Z' }));
    const [bundle] = loadOffline({ from: dir, fallbackNow: NOW });
    assert.deepEqual(bundle!.notes, []);
    assert.equal(bundle!.events?.length, 5);
  });
});
