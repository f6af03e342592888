// Release archives are reproducible: same files, same bytes, whatever order, owner or clock.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, inflateRawSync } from 'node:zlib';
import { archiveEpoch, DEFAULT_EPOCH, readFromTgz, tar, tarGz, zip, type ArchiveEntry } from '../../scripts/release/archive.ts';

const ENTRIES: ArchiveEntry[] = [
  { name: 'kubectl-podwhy', data: Buffer.from('#!/bin/sh\necho podwhy\n'), executable: true },
  { name: 'LICENSE', data: Buffer.from('Apache License\n'.repeat(50)), executable: false },
  { name: 'kubectl_complete-podwhy', data: Buffer.from('#!/bin/sh\n'), executable: true },
];

describe('release archives', () => {
  it('the same files give the same bytes, in whatever order they are given', () => {
    const reversed = [...ENTRIES].reverse();
    assert.deepEqual(tarGz(ENTRIES, DEFAULT_EPOCH), tarGz(reversed, DEFAULT_EPOCH));
    assert.deepEqual(zip(ENTRIES, DEFAULT_EPOCH), zip(reversed, DEFAULT_EPOCH));
  });

  it('tar headers: sorted names, owner and group 0 with no names, modes 0755/0644, the one fixed time', () => {
    const archive = tar(ENTRIES, DEFAULT_EPOCH);
    const headers: { name: string; mode: string; uid: string; gid: string; mtime: number; uname: string }[] = [];
    for (let pos = 0; pos + 512 <= archive.length; ) {
      const h = archive.subarray(pos, pos + 512);
      if (h.every((b) => b === 0)) break;
      const field = (s: number, l: number) => h.subarray(s, s + l).toString('utf8').replace(/\0.*$/s, '');
      const size = parseInt(field(124, 12), 8);
      headers.push({ name: field(0, 100), mode: field(100, 8), uid: field(108, 8), gid: field(116, 8), mtime: parseInt(field(136, 12), 8), uname: field(265, 32) });
      // The checksum is the sum of the header bytes with the checksum field read as spaces.
      let sum = 0;
      for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
      assert.equal(parseInt(field(148, 8), 8), sum);
      pos += 512 + Math.ceil(size / 512) * 512;
    }
    assert.deepEqual(headers.map((h) => h.name), ['LICENSE', 'kubectl-podwhy', 'kubectl_complete-podwhy']);
    assert.deepEqual(headers.map((h) => h.mode), ['0000644', '0000755', '0000755']);
    for (const h of headers) assert.deepEqual([h.uid, h.gid, h.mtime, h.uname], ['0000000', '0000000', DEFAULT_EPOCH, '']);
  });

  it('gzip header: no file name, no time, the OS byte fixed', () => {
    const gz = tarGz(ENTRIES, DEFAULT_EPOCH);
    assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 8]);
    assert.equal(gz[3]! & 0x08, 0, 'no FNAME flag');
    assert.equal(gz.readUInt32LE(4), 0, 'MTIME 0');
    assert.equal(gz[9], 3);
    assert.deepEqual(gunzipSync(gz), tar(ENTRIES, DEFAULT_EPOCH));
  });

  it('zip: deflated entries that inflate back, Unix modes, a 1980-01-01 time', () => {
    const archive = zip(ENTRIES, DEFAULT_EPOCH);
    const end = archive.length - 22;
    assert.equal(archive.readUInt32LE(end), 0x06054b50);
    let pos = archive.readUInt32LE(end + 16);
    const seen: { name: string; mode: number; date: number; time: number; data: Buffer }[] = [];
    for (let i = 0; i < archive.readUInt16LE(end + 10); i++) {
      assert.equal(archive.readUInt32LE(pos), 0x02014b50);
      const nameLength = archive.readUInt16LE(pos + 28);
      const local = archive.readUInt32LE(pos + 42);
      const compressed = archive.readUInt32LE(pos + 20);
      const localNameLength = archive.readUInt16LE(local + 26);
      const data = inflateRawSync(archive.subarray(local + 30 + localNameLength, local + 30 + localNameLength + compressed));
      seen.push({ name: archive.subarray(pos + 46, pos + 46 + nameLength).toString(), mode: archive.readUInt32LE(pos + 38) >>> 16, date: archive.readUInt16LE(pos + 14), time: archive.readUInt16LE(pos + 12), data });
      pos += 46 + nameLength;
    }
    assert.deepEqual(seen.map((s) => [s.name, (s.mode & 0o777).toString(8)]), [['LICENSE', '644'], ['kubectl-podwhy', '755'], ['kubectl_complete-podwhy', '755']]);
    for (const s of seen) {
      assert.deepEqual([s.date, s.time], [(0 << 9) | (1 << 5) | 1, 0]);
      assert.deepEqual(s.data, ENTRIES.find((e) => e.name === s.name)!.data);
    }
  });

  it('SOURCE_DATE_EPOCH sets the time; nothing else does', () => {
    assert.equal(archiveEpoch({}), DEFAULT_EPOCH);
    assert.equal(archiveEpoch({ SOURCE_DATE_EPOCH: '1767225600' }), 1767225600);
    assert.notDeepEqual(tarGz(ENTRIES, 1767225600), tarGz(ENTRIES, DEFAULT_EPOCH));
    assert.throws(() => archiveEpoch({ SOURCE_DATE_EPOCH: 'yesterday' }), /SOURCE_DATE_EPOCH/);
  });

  it('reads one file back out of a .tgz, as npm packs them', () => {
    const tgz = tarGz([{ name: 'package/bin/node', data: Buffer.from('ELF'), executable: true }, ...ENTRIES], DEFAULT_EPOCH);
    assert.equal(readFromTgz(tgz, 'package/bin/node').toString(), 'ELF');
    assert.throws(() => readFromTgz(tgz, 'package/bin/missing'), /not in the package/);
  });

  it('the system tar extracts them with the modes and time set', () => {
    const dir = mkdtempSync(join(tmpdir(), 'podwhy-archive-'));
    try {
      writeFileSync(join(dir, 'a.tar.gz'), tarGz(ENTRIES, DEFAULT_EPOCH));
      execFileSync('tar', ['xzf', 'a.tar.gz'], { cwd: dir });
      assert.deepEqual(readdirSync(dir).sort(), ['LICENSE', 'a.tar.gz', 'kubectl-podwhy', 'kubectl_complete-podwhy']);
      assert.equal(statSync(join(dir, 'kubectl-podwhy')).mode & 0o777, 0o755);
      assert.equal(statSync(join(dir, 'LICENSE')).mode & 0o777, 0o644);
      assert.equal(statSync(join(dir, 'LICENSE')).mtimeMs / 1000, DEFAULT_EPOCH);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
