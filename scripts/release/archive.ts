// Reproducible release archives: the same files give the same bytes, on any run, in any clone.
// Written here rather than with a tar/zip library because determinism is the whole point and the
// formats are small: entries sorted by name, one fixed time, owner and group 0 with no names,
// modes 0644/0755 only, no gzip file name or time, no zip extra fields.
import { crc32, deflateRawSync, gunzipSync, gzipSync } from 'node:zlib';

export interface ArchiveEntry {
  name: string;
  data: Buffer;
  executable: boolean;
}

/** 1980-01-01T00:00:00Z: the earliest time a zip can hold. */
export const DEFAULT_EPOCH = 315_532_800;

/** The archive time: SOURCE_DATE_EPOCH (the reproducible-builds convention), else 1980-01-01. */
export function archiveEpoch(env: NodeJS.ProcessEnv): number {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return DEFAULT_EPOCH;
  if (!/^\d+$/.test(value)) throw new Error(`SOURCE_DATE_EPOCH must be seconds since 1970, got "${value}"`);
  return Math.max(Number(value), DEFAULT_EPOCH);
}

const sorted = (entries: ArchiveEntry[]): ArchiveEntry[] => [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const mode = (e: ArchiveEntry): number => (e.executable ? 0o755 : 0o644);

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function tarHeader(entry: ArchiveEntry, mtime: number): Buffer {
  if (Buffer.byteLength(entry.name) > 100) throw new Error(`tar: name longer than 100 bytes: ${entry.name}`);
  const header = Buffer.alloc(512);
  header.write(entry.name, 0, 100, 'utf8');
  header.write(octal(mode(entry), 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii'); // uid
  header.write(octal(0, 8), 116, 'ascii'); // gid
  header.write(octal(entry.data.length, 12), 124, 'ascii');
  header.write(octal(mtime, 12), 136, 'ascii');
  header.write('        ', 148, 'ascii'); // checksum placeholder: eight spaces
  header.write('0', 156, 'ascii'); // regular file
  header.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return header;
}

/** An uncompressed ustar archive of the entries. */
export function tar(entries: ArchiveEntry[], mtime: number): Buffer {
  const parts: Buffer[] = [];
  for (const entry of sorted(entries)) {
    parts.push(tarHeader(entry, mtime), entry.data);
    const pad = (512 - (entry.data.length % 512)) % 512;
    if (pad > 0) parts.push(Buffer.alloc(pad));
  }
  parts.push(Buffer.alloc(1024)); // end of archive: two zero blocks
  return Buffer.concat(parts);
}

/** gzip header byte 9: the OS. Fixed to Unix, whatever system compressed it. */
const GZIP_OS_UNIX = 3;

/** A .tar.gz: zlib writes no file name and a zero time; the OS byte is fixed too. */
export function tarGz(entries: ArchiveEntry[], mtime: number): Buffer {
  const gz = gzipSync(tar(entries, mtime), { level: 9 });
  gz[9] = GZIP_OS_UNIX;
  return gz;
}

function dosDateTime(epochSeconds: number): { date: number; time: number } {
  const d = new Date(epochSeconds * 1000);
  const date = ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate();
  const time = (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2);
  return { date, time };
}

const ZIP_VERSION = 20; // 2.0: deflate
const MADE_BY_UNIX = (3 << 8) | ZIP_VERSION; // so unzip restores the Unix modes below
const UTF8_NAMES = 0x0800;
const DEFLATE = 8;

/** A .zip, deflated, with Unix modes in the external attributes and no extra fields. */
export function zip(entries: ArchiveEntry[], mtime: number): Buffer {
  const { date, time } = dosDateTime(mtime);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted(entries)) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(ZIP_VERSION, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, compressed);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(MADE_BY_UNIX, 4);
    central.writeUInt16LE(ZIP_VERSION, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal attributes: all 0
    central.writeUInt32LE(((0o100000 | mode(entry)) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** One file out of a .tgz (an npm package): ustar and pax headers as npm writes them. */
export function readFromTgz(tgz: Buffer, path: string): Buffer {
  const archive = gunzipSync(tgz);
  let pos = 0;
  let paxPath: string | undefined;
  while (pos + 512 <= archive.length) {
    const header = archive.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const field = (start: number, length: number) => header.subarray(start, start + length).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const prefix = field(345, 155);
    const name = paxPath ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    const body = archive.subarray(pos + 512, pos + 512 + size);
    paxPath = undefined;
    if (type === 'x') paxPath = /\d+ path=([^\n]*)\n/.exec(body.toString('utf8'))?.[1];
    else if ((type === '0' || type === '') && name === path) return Buffer.from(body);
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${path}: not in the package`);
}
