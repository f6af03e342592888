// Reading a bundle's files without trusting them: regular files only (no device, FIFO or socket), no
// symbolic link leading outside the bundle folder, every read bounded. A log is read from its end, with
// the bound the live source asks the kubelet for, so a 2 GB log costs 256 KiB.
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { LOG_LIMIT_BYTES, LOG_TAIL_LINES } from '../bundle/logs.ts';
import { errorMessage, UserError } from './errors.ts';

/**
 * The most a bundle file, a single `--from` file or stdin may hold (about 40,000 events as the API returns
 * them): the bytes, the objects kept, parsing garbage and Node itself stay under 200 MB.
 */
export const FILE_LIMIT_BYTES = 32 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** One line for a failed read: "permission denied" rather than the errno text. */
export function cannotRead(label: string, err: unknown): UserError {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new UserError(`${label}: cannot read: permission denied`);
  return new UserError(`${label}: cannot read: ${errorMessage(err).replace(/^[A-Z]+: /, '')}`);
}

function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The real path of `path` when it is a regular file (or, with `folder`, a folder) inside `root` (itself a
 * real path); throws a UserError saying why not. Symbolic links are followed only while they stay
 * in the bundle.
 */
export function checkedPath(root: string, path: string, label: string, folder = false): string {
  let real: string;
  try {
    real = lstatSync(path).isSymbolicLink() ? realpathSync(path) : path;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new UserError(`${label}: a symbolic link to nothing`);
    throw cannotRead(label, err);
  }
  if (real !== path && !isInside(root, real)) throw new UserError(`${label}: a symbolic link leading outside the bundle folder`);
  let stats: Stats;
  try {
    stats = lstatSync(real);
  } catch (err) {
    throw cannotRead(label, err);
  }
  const ok = folder ? stats.isDirectory() : stats.isFile();
  if (!ok) throw new UserError(`${label}: ${folder ? 'not a folder' : kindOf(stats)}, not a regular file`);
  return real;
}

/** Opens without following a last symbolic link and without blocking on a FIFO swapped in meanwhile. */
function openRegular(path: string, label: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch (err) {
    throw cannotRead(label, err);
  }
  const stats = fstatSync(fd);
  if (!stats.isFile()) {
    closeSync(fd);
    throw new UserError(`${label}: ${kindOf(stats)}, not a regular file`);
  }
  return { fd, size: stats.size };
}

function tooLarge(label: string, size: number | undefined): UserError {
  const what = size === undefined ? `more than ${formatBytes(FILE_LIMIT_BYTES)}` : formatBytes(size);
  return new UserError(`${label}: ${what} is more than the ${formatBytes(FILE_LIMIT_BYTES)} podwhy reads from one file`);
}

/** The whole content of a regular file (already checked with checkedPath), refused when over the limit. */
export function readBundleFile(path: string, label: string): Buffer {
  const { fd, size } = openRegular(path, label);
  try {
    if (size > FILE_LIMIT_BYTES) throw tooLarge(label, size);
    return readUpTo(fd, label, size);
  } finally {
    closeSync(fd);
  }
}

/**
 * Everything a file descriptor yields (stdin, a pipe, a file the user named), up to the limit: a stream
 * has no size to check first, so it is read in chunks and refused once past the limit.
 */
export function readUpTo(fd: number, label: string, sizeHint = 0): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafe(Math.min(Math.max(sizeHint + 1, 64 * 1024), FILE_LIMIT_BYTES + 1));
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      // A non-blocking stdin with nothing yet: wait a little rather than spin.
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
        continue;
      }
      throw cannotRead(label, err);
    }
    if (n === 0) break;
    total += n;
    if (total > FILE_LIMIT_BYTES) throw tooLarge(label, undefined);
    chunks.push(chunk.subarray(0, n));
    if (n === chunk.length) chunk = Buffer.allocUnsafe(Math.min(chunk.length * 2, FILE_LIMIT_BYTES + 1));
    else chunk = chunk.subarray(n);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, total);
}

/** Reads a file the user named with --from: any readable thing (a process substitution is a pipe), bounded. */
export function readNamedInput(path: string): Buffer {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (err) {
    throw cannotRead(path, err);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isFile() && stats.size > FILE_LIMIT_BYTES) throw tooLarge(path, stats.size);
    return readUpTo(fd, path, stats.isFile() ? stats.size : 0);
  } finally {
    closeSync(fd);
  }
}

/**
 * The tail of a log file as the live source gets it from the kubelet: the last LOG_TAIL_LINES lines, at
 * most LOG_LIMIT_BYTES, read with one positioned read at the end of the file.
 */
export function readLogTail(path: string, label: string): string {
  const { fd, size } = openRegular(path, label);
  try {
    const length = Math.min(size, LOG_LIMIT_BYTES);
    const start = size - length;
    const buf = Buffer.allocUnsafe(length);
    let got = 0;
    while (got < length) {
      const n = readSync(fd, buf, got, length - got, start + got);
      if (n === 0) break;
      got += n;
    }
    return lastLines(buf.subarray(0, got), start > 0);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw cannotRead(label, err);
  } finally {
    closeSync(fd);
  }
}

/** The last LOG_TAIL_LINES lines of `bytes`; `partialStart` when the bytes begin mid-file (mid-line). */
function lastLines(bytes: Buffer, partialStart: boolean): string {
  let from = 0;
  if (partialStart) {
    // Drop the partial first line, unless the whole window is one line (then keep its end).
    const nl = bytes.indexOf(0x0a);
    if (nl >= 0 && nl < bytes.length - 1) from = nl + 1;
    else while (from < bytes.length && (bytes[from]! & 0xc0) === 0x80) from++; // not mid-character
  }
  // Count LOG_TAIL_LINES line ends back from the end (a final newline ends the last line, it does not start one).
  const end = bytes.length;
  let lines = 0;
  let pos = bytes[end - 1] === 0x0a ? end - 1 : end;
  while (pos > from) {
    const nl = bytes.lastIndexOf(0x0a, pos - 1);
    if (nl < from) break;
    lines++;
    if (lines === LOG_TAIL_LINES) {
      return bytes.toString('utf8', nl + 1, end);
    }
    pos = nl;
  }
  return bytes.toString('utf8', from, end);
}
