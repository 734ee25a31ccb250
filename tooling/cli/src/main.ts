import type { CliContext } from './cli-context.js';
import { VERSION } from './version.js';

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

interface Command {
  run: (args: string[], context: CliContext) => Promise<number>;
  help: string;
}

// Each command is loaded when it runs: the connector kit that `new`, `catalog` and `validate`
// use loads tsup and json-schema-to-typescript, a quarter of a second `run` should not pay.
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  new: {
    summary: 'scaffold a connector package, from flags, prompts or an OpenAPI document',
    load: () => import('./commands/new.js').then((command) => ({ run: command.newCommand, help: command.newHelp })),
  },
  catalog: {
    summary: "write a built connector's catalog, README reference and operation types",
    load: () => import('./commands/catalog.js').then((command) => ({ run: (args, context) => command.catalogCommand(args, context.stdout), help: command.catalogHelp })),
  },
  validate: {
    summary: 'check connector packages against the contract',
    load: () => import('./commands/validate.js').then((command) => ({ run: command.validateCommand, help: command.validateHelp })),
  },
  list: {
    summary: 'show the connectors an app here discovers',
    load: () => import('./commands/list.js').then((command) => ({ run: command.listCommand, help: command.listHelp })),
  },
  diff: {
    summary: "compare a connector's catalog with its last published one and classify each change",
    load: () => import('./commands/diff.js').then((command) => ({ run: command.diffCommand, help: command.diffHelp })),
  },
  'release-gate': {
    summary: 'refuse a release whose version bump is smaller than its catalog changes need',
    load: () => import('./commands/release-gate.js').then((command) => ({ run: command.releaseGateCommand, help: command.releaseGateHelp })),
  },
  record: {
    summary: 'run one call and write it as a replayable fixture, credentials redacted',
    load: () => import('./commands/record.js').then((command) => ({ run: command.recordCommand, help: command.recordHelp })),
  },
  run: {
    summary: 'execute one operation and print the result',
    load: () => import('./commands/run.js').then((command) => ({ run: command.runCommand, help: command.runHelp })),
  },
  mcp: {
    summary: "serve connections' operations as MCP tools (stdio or Streamable HTTP)",
    load: () => import('./commands/mcp.js').then((command) => ({ run: command.mcpCommand, help: command.mcpHelp })),
  },
};

const usage = `Usage: patchbay <command> [options]
       patchbay --version

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(14)}${command.summary}`)
  .join('\n')}

Run \`patchbay <command> --help\` for a command's options.`;

/** Runs the CLI; returns the exit code. Errors are one line on stderr. */
export async function main(argv: string[], streams: CliStreams): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v') {
    streams.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    streams.stdout.write(`${usage}\n`);
    return name === undefined ? 1 : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    streams.stderr.write(`patchbay: unknown command "${name}"\n${usage}\n`);
    return 1;
  }
  const command = await entry.load();
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
