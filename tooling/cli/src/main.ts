import { catalogCommand, catalogHelp } from './commands/catalog.js';

export interface CliStreams {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

type Command = (args: string[], streams: CliStreams) => Promise<number>;

const commands: Record<string, { run: Command; help: string }> = {
  catalog: { run: (args, streams) => catalogCommand(args, streams.stdout), help: catalogHelp },
};

const usage = `Usage: patchbay <command> [options]

Commands:
${Object.keys(commands)
  .map((name) => `  ${name}`)
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
  try {
    return await command.run(args, streams);
  } catch (error) {
    streams.stderr.write(`patchbay ${name}: ${(error as Error).message}\n`);
    return 1;
  }
}
