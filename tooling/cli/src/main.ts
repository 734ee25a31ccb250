import type { CliContext } from './cli-context.js';
import { errorReport, EXIT_USAGE, usageError } from './terminal/cli-error.js';
import { jsonError, wantsJson, writeJson } from './terminal/json-output.js';
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
  update: {
    summary: 'regenerate a connector from a newer OpenAPI document, keeping its overrides',
    load: () => import('./commands/update.js').then((command) => ({ run: command.updateCommand, help: command.updateHelp })),
  },
  catalog: {
    summary: "write a built connector's catalog, README reference and operation types",
    load: () => import('./commands/catalog.js').then((command) => ({ run: command.catalogCommand, help: command.catalogHelp })),
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
       patchbay --version [--json]

Commands:
${Object.entries(commands)
  .map(([name, command]) => `  ${name.padEnd(14)}${command.summary}`)
  .join('\n')}

Run \`patchbay <command> --help\` for a command's options. Commands that print results take
--json: stdout is then one JSON document, the result or { "error": { "code", "message" } }.
Exit codes: 0 done, 1 failed, 2 wrong command line (nothing was done).`;

/**
 * Runs the CLI; returns the exit code. A failure is one line on stderr (`patchbay <command>:
 * <message>`), or with `--json` the `{ error: { code, message } }` document on stdout.
 */
export async function main(argv: string[], streams: CliStreams): Promise<number> {
  const [name, ...args] = argv;
  const json = wantsJson(argv);
  if (name === '--version' || name === '-v') {
    if (json) writeJson(streams.stdout, { version: VERSION });
    else streams.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (name === undefined || name === '--help' || name === '-h') {
    streams.stdout.write(`${usage}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const entry = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!entry) {
    const report = errorReport(usageError(`unknown command "${name}"; commands: ${Object.keys(commands).join(', ')}`));
    if (json) writeJson(streams.stdout, jsonError(report));
    else streams.stderr.write(`patchbay: ${report.message}\n${usage}\n`);
    return report.exitCode;
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
    const report = errorReport(error);
    if (json) writeJson(streams.stdout, jsonError(report));
    else streams.stderr.write(`patchbay ${name}: ${report.message}\n`);
    return report.exitCode;
  }
}
