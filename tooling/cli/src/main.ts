import type { CliContext } from './cli-context.js';
import { catalogCommand, catalogHelp } from './commands/catalog.js';
import { listCommand, listHelp } from './commands/list.js';
import { newCommand, newHelp } from './commands/new.js';
import { runCommand, runHelp } from './commands/run.js';
import { validateCommand, validateHelp } from './commands/validate.js';

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Defaults to `process.stdin`; prompts are asked only when it is a terminal. */
  stdin?: NodeJS.ReadableStream;
  /** Defaults to `process.cwd()`. */
  cwd?: string;
  /** Defaults to `process.env`. */
  env?: NodeJS.ProcessEnv;
}

type Command = (args: string[], context: CliContext) => Promise<number>;

const commands: Record<string, { run: Command; help: string; summary: string }> = {
  new: { run: newCommand, help: newHelp, summary: 'scaffold a connector package, from flags, prompts or an OpenAPI document' },
  catalog: { run: (args, context) => catalogCommand(args, context.stdout), help: catalogHelp, summary: "write a built connector's catalog and README reference" },
  validate: { run: validateCommand, help: validateHelp, summary: 'check connector packages against the contract' },
  list: { run: listCommand, help: listHelp, summary: 'show the connectors an app here discovers' },
  run: { run: runCommand, help: runHelp, summary: 'execute one operation and print the result' },
};

const usage = `Usage: patchbay <command> [options]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(10)}${command.summary}`)
  .join('\n')}

Run \`patchbay <command> --help\` for a command's options.`;

/** Runs the CLI; returns the exit code. Errors are one line on stderr. */
export async function main(argv: string[], streams: CliStreams): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    streams.stdout.write(`${usage}\n`);
    return name === undefined ? 1 : 0;
  }
  const command = commands[name];
  if (!command) {
    streams.stderr.write(`patchbay: unknown command "${name}"\n${usage}\n`);
    return 1;
  }
  if (args.includes('--help') || args.includes('-h')) {
    streams.stdout.write(`${command.help}\n`);
    return 0;
  }
  const context: CliContext = {
    stdout: streams.stdout,
    stderr: streams.stderr,
    stdin: streams.stdin ?? process.stdin,
    cwd: streams.cwd ?? process.cwd(),
    env: streams.env ?? process.env,
  };
  try {
    return await command.run(args, context);
  } catch (error) {
    streams.stderr.write(`patchbay ${name}: ${(error as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
