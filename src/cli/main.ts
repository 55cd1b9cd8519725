/**
 * The `hearsay` command. Exit codes: 0 ok, 2 invalid input or usage (one clear line on
 * stderr), 1 an unexpected failure.
 */
import { Command, CommanderError } from 'commander';
import { HearsayError } from '../errors.js';
import { VERSION } from '../version.js';
import { OutputError, UsageError } from './errors.js';
import { calibrateCommand } from './calibrate.js';
import { mergeCommand } from './merge.js';
import { scenarioCommands } from './scenario.js';
import { spreadCommand } from './spread.js';

export function buildProgram(): Command {
  const program = new Command('hearsay')
    .description('Put a number on word of mouth: how far a story travels, and what it costs.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });
  for (const command of scenarioCommands()) program.addCommand(command);
  program.addCommand(spreadCommand());
  program.addCommand(mergeCommand());
  program.addCommand(calibrateCommand());
  for (const command of program.commands) command.exitOverride();
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; parse errors have already been printed.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError || error instanceof HearsayError) {
      process.stderr.write(`hearsay: ${error.message}\n`);
      return 2;
    }
    if (error instanceof OutputError) {
      process.stderr.write(`hearsay: ${error.message}\n`);
      return 1;
    }
    process.stderr.write(`hearsay: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

/**
 * stdout that cannot take the output: a reader that stopped early (`| head`, EPIPE) ends
 * the program quietly with 0, as there is no one left to tell; anything else (a full disk,
 * ENOSPC) is one line on stderr and exit 1. Never a stack trace.
 */
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  process.stderr.write(`hearsay: cannot write the output to stdout (${error.code ?? error.message})\n`);
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`hearsay: unexpected failure: ${String(error)}\n`);
    process.exitCode = 1;
  },
);
