/**
 * Reading files the CLI is pointed at — a scenario, the network file a scenario names, an
 * edge list — as a careful tool should, since they may come from someone else:
 *
 * - only regular files: the check is an fstat on the opened descriptor (no separate stat
 *   that the file could change after), and a FIFO is opened non-blocking, so
 *   `network.file: /dev/zero` or a named pipe fails at once instead of reading forever;
 * - never more than a limit of bytes, checked against the size before reading and again
 *   while reading (a file that grows);
 * - a scenario's network file stays inside the scenario's folder: absolute paths, `..`
 *   and symbolic links that lead out are refused unless the user passes
 *   `--allow-files-outside`.
 *
 * Messages name the file as written and never quote its content.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { HearsayError } from '../errors.js';

/** The longest string V8 can hold (2^29 − 24 UTF-16 units on 64-bit): no text file longer than this can be read whole. */
export const MAX_TEXT_LENGTH = 2 ** 29 - 24;

/**
 * Bytes allowed per tie when the network-file limit is derived from the tie limit. An
 * edge-list line between two of 5,000,000 people written as numbers takes about 10–16
 * bytes (the benchmark's 5,000,000-tie Barabási–Albert list: 13 bytes a line) [A].
 */
export const BYTES_PER_TIE = 10;

/**
 * The default `--max-network-bytes`: {@link BYTES_PER_TIE} bytes for each tie the tie
 * limit allows (50,000,000 ties → 500,000,000 bytes), and never more than the longest
 * text Node can hold.
 */
export function defaultMaxNetworkBytes(maxTies: number): number {
  return Math.min(maxTies * BYTES_PER_TIE, MAX_TEXT_LENGTH);
}

/** A file the CLI will not read: one line saying what was expected and what it found. */
export class FileRefusedError extends HearsayError {
  override name = 'FileRefusedError';
  readonly code: string | undefined;
  /** The reason alone, for a caller's own wording: `ENOENT`, `a named pipe (FIFO), not a regular file`. */
  readonly reason: string;
  constructor(message: string, code?: string, reason?: string) {
    super(message);
    this.code = code;
    this.reason = reason ?? code ?? message;
  }
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export interface ReadOptions {
  /** Refuse files larger than this many bytes. */
  readonly maxBytes: number;
  /** How to raise the limit, for the message (`raise it with --max-network-bytes`). */
  readonly limitHint?: string;
  /** Refuse a symbolic link as the last part of the path (the caller has resolved it already). */
  readonly noFollow?: boolean;
  /** The file as the user wrote it, for messages (default `path`). */
  readonly name?: string;
}

/**
 * The text (UTF-8) of the regular file at `path`, at most `maxBytes` bytes.
 * @throws {FileRefusedError} when it cannot be opened, is not a regular file, or is larger.
 */
export function readRegularFile(path: string, options: ReadOptions): string {
  const hint = options.limitHint === undefined ? '' : ` (${options.limitHint})`;
  const shown = JSON.stringify(options.name ?? path);
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (options.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let fd: number;
  try {
    fd = openSync(path, flags);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new FileRefusedError(`expected a readable file, received ${shown} (${code})`, code, code);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileRefusedError(`expected a regular file, received ${shown} (${kindOf(stats)})`, 'ENOTREG', `${kindOf(stats)}, not a regular file`);
    const tooLarge = (size: string) =>
      new FileRefusedError(`expected a file of at most ${options.maxBytes} bytes${hint}, received ${shown} of ${size} bytes`, 'EFBIG', `${size} bytes, more than ${options.maxBytes}${hint}`);
    if (stats.size > options.maxBytes) throw tooLarge(String(stats.size));
    // One byte more than allowed shows a file that grew past the limit after fstat.
    const cap = options.maxBytes + 1;
    let buffer = Buffer.allocUnsafe(Math.min(cap, stats.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length === cap) break;
        const bigger = Buffer.allocUnsafe(Math.min(cap, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > options.maxBytes) throw tooLarge(`more than ${options.maxBytes}`);
    return buffer.toString('utf8', 0, length);
  } catch (error) {
    if (error instanceof FileRefusedError) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new FileRefusedError(`expected a readable file, received ${shown} (${code})`, code, code);
  } finally {
    closeSync(fd);
  }
}

function leaves(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

export interface NetworkFileOptions {
  /** `--allow-files-outside`: read a network file wherever it is. */
  readonly allowOutside: boolean;
  /** `--max-network-bytes`. */
  readonly maxBytes: number;
}

/**
 * The text of the network file `name` that a scenario in `folder` names. Relative to the
 * folder, and inside it: an absolute path, a `..` that leaves it, or a symbolic link
 * (anywhere on the way) that leads out of it is refused unless `allowOutside`.
 * @throws {FileRefusedError} naming the file as written, never quoting its content.
 */
export function readScenarioNetworkFile(folder: string, name: string, options: NetworkFileOptions): string {
  const limitHint = 'raise it with --max-network-bytes';
  const how = 'pass --allow-files-outside to read it anyway';
  if (options.allowOutside) return readRegularFile(resolve(folder, name), { maxBytes: options.maxBytes, limitHint, name });
  if (isAbsolute(name)) {
    throw new FileRefusedError(`expected a path inside the scenario's folder, received the absolute path ${JSON.stringify(name)} (${how})`, 'EOUTSIDE');
  }
  const path = resolve(folder, name);
  if (leaves(folder, path)) {
    throw new FileRefusedError(`expected a path inside the scenario's folder, received ${JSON.stringify(name)}, which leaves it (${how})`, 'EOUTSIDE');
  }
  let real: string;
  let realFolder: string;
  try {
    realFolder = realpathSync(folder);
    real = realpathSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new FileRefusedError(`expected a readable file, received ${JSON.stringify(name)} (${code})`, code);
  }
  if (leaves(realFolder, real)) {
    throw new FileRefusedError(`expected a file inside the scenario's folder, received ${JSON.stringify(name)}, a symbolic link that leads out of it (${how})`, 'EOUTSIDE');
  }
  // The resolved path, opened without following a link swapped in since.
  return readRegularFile(real, { maxBytes: options.maxBytes, limitHint, noFollow: true, name });
}
