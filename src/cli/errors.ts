/** A command-line usage error: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * Output that could not be written for a reason outside the user's input (a full disk):
 * printed as one line, exit code 1.
 */
export class OutputError extends Error {
  override name = 'OutputError';
}

/** Error codes of a disk or device that cannot take more (not a mistake in the command). */
const ENVIRONMENT_CODES = new Set(['ENOSPC', 'EDQUOT', 'EFBIG', 'EIO']);

/**
 * A write failure as one line: exit 1 for a full disk or a failing device, exit 2 for a
 * place the user named that cannot be written (missing folder, no permission, a file
 * where a folder belongs). Anything else is left to the unexpected-failure path.
 */
export function writeFailure(error: unknown, what: string, after = ''): Error {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === undefined) return error instanceof Error ? error : new Error(String(error));
  if (ENVIRONMENT_CODES.has(code)) return new OutputError(`${what} (${code})${after}`);
  if (['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EEXIST', 'EROFS', 'EISDIR', 'ENAMETOOLONG', 'ELOOP'].includes(code)) {
    return new UsageError(`${what} (${code}${code === 'ENOENT' ? ': no such folder' : ''})${after}`);
  }
  return error instanceof Error ? error : new Error(String(error));
}
