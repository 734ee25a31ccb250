import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { PatchbayError, type ConnectorModule } from '@patchbay/contract';
import { importConnectorModule, readConnectorPackage, readFixtureFiles, recordFixtureCase, writeFixtureCase, type FixtureCase } from '@patchbay/connector-kit';
import { ConnectorFramework } from '@patchbay/runtime';
import type { CliContext } from '../cli-context.js';
import { sampleValue } from '../scaffold/sample-value.js';
import { JSON_FLAG } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const recordHelp = `Usage: patchbay record <connector> <operation> --input <json|@file> [options]
       patchbay record <connector> --all [options]
       patchbay record <connector> --missing --base-url <mock server> [options]

Runs one call through the runtime and writes it as a fixture, fixtures/<operation>.json: the
request and the response, credentials redacted and volatile headers (dates, request ids, rate-limit
counters) left out. <connector> is a connector package directory (fixtures go in its fixtures/) or
a connector the app here discovers (fixtures go in ./fixtures/<connector>/). Credentials come from
the environment variables the connector names (auth.environment, e.g. GITHUB_TOKEN), then the
--connection file. With --all, every case already in the fixtures is recorded again from its own
input: the way to refresh them against the live API, or a sandbox, with your own credentials.
With --missing, every operation that has no fixture yet gets one case, "sampled", its input made
up from the operation's input schema (required fields only): the way to record a connector
generated from an OpenAPI document in bulk, against a mock server of that document.

Options:
  --input <json|@file>   the operation's input
  --case <name>          the case's name in the file (default: default); a case of that name is replaced
  --all                  record every existing case again
  --missing              record a sampled case for every operation without a fixture
  --connection <file>    JSON { "credentials": {…}, "config": {…} } for the connection
  --base-url <url>       send to this base URL (a stand-in, a sandbox) instead of the connector's default
  --out <dir>            write the fixture files here
  --json                 print what was written as JSON`;

interface Recorded {
  file: string;
  operation: string;
  case: string;
  exchanges: number;
  result: FixtureCase['result'];
}

export async function recordCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('record', args, {
    input: { type: 'string' },
    case: { type: 'string' },
    all: { type: 'boolean' },
    missing: { type: 'boolean' },
    connection: { type: 'string' },
    'base-url': { type: 'string' },
    out: { type: 'string' },
    ...JSON_FLAG,
  });
  const [target, operation] = positionals;
  const bulk = values.all === true || values.missing === true;
  if (values.all && values.missing) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'give --all or --missing, not both' });
  if (!target || (bulk ? positionals.length !== 1 : !operation || positionals.length !== 2)) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: 'give a connector and an operation, e.g. `patchbay record connectors/github issues.get --input \'{…}\'`, or a connector and --all or --missing' });
  }
  if (!bulk && values.input === undefined) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--input is required (the operation\'s input as JSON or @file)' });

  const { module, fixtures } = await resolveConnector(target, context.cwd);
  const directory = values.out === undefined ? fixtures : path.resolve(context.cwd, values.out);
  const connection = await readConnection(values.connection, context.cwd);
  const credentials: Record<string, unknown> = {};
  for (const [field, variable] of Object.entries(module.auth.environment ?? {})) {
    const value = context.env[variable];
    if (value !== undefined && value !== '') credentials[field] = value;
  }
  Object.assign(credentials, connection.credentials);
  const configFor = (recorded: Record<string, unknown>) => ({
    ...recorded,
    ...connection.config,
    ...(values['base-url'] === undefined ? {} : { baseUrl: values['base-url'] }),
  });

  const skipped: string[] = [];
  const planned: { operation: string; name: string; input: Record<string, unknown>; config: Record<string, unknown> }[] = [];
  if (values.all) {
    for (const [id, file] of await readFixtureFiles(directory)) {
      for (const fixtureCase of file.cases) planned.push({ operation: id, name: fixtureCase.name, input: fixtureCase.input, config: configFor(fixtureCase.connection.config) });
    }
    if (planned.length === 0) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${directory} holds no fixture to record again` });
  } else if (values.missing) {
    const existing = await readFixtureFiles(directory);
    for (const [id, definition] of Object.entries(module.operations)) {
      if ((existing.get(id)?.cases.length ?? 0) > 0) continue;
      const input = sampleValue(definition.inputSchema, module.$defs ?? {});
      if (isRecord(input)) planned.push({ operation: id, name: 'sampled', input, config: configFor({}) });
      else skipped.push(`${id}: no input can be made up from its schema; record it with --input`);
    }
  } else {
    const input = await readJson(values.input!, '--input', context.cwd);
    if (!isRecord(input)) throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--input must be a JSON object' });
    planned.push({ operation: operation!, name: values.case ?? 'default', input, config: configFor({}) });
  }

  const written: Recorded[] = [];
  for (const call of planned) {
    let fixtureCase: FixtureCase;
    try {
      fixtureCase = await recordFixtureCase({ module, operation: call.operation, input: call.input, credentials, config: call.config, name: call.name });
    } catch (error) {
      // One operation that cannot be recorded does not stop a bulk run; it is reported at the end.
      if (!bulk) throw error;
      skipped.push(`${call.operation}: ${(error as Error).message}`);
      continue;
    }
    const file = await writeFixtureCase(directory, module.id, call.operation, fixtureCase);
    const entry = { file: path.relative(context.cwd, file) || file, operation: call.operation, case: call.name, exchanges: fixtureCase.exchanges.length, result: fixtureCase.result };
    written.push(entry);
    if (!values.json) {
      const ended = entry.result.ok ? 'ok' : entry.result.code;
      context.stdout.write(`${entry.file}: case "${entry.case}", ${entry.exchanges} exchange${entry.exchanges === 1 ? '' : 's'}, ${ended}\n`);
    }
  }
  if (values.json) context.stdout.write(`${JSON.stringify(written, null, 2)}\n`);
  for (const line of skipped) context.stderr.write(`patchbay record: not recorded: ${line}\n`);
  return skipped.length > 0 ? 1 : 0;
}

/** A package directory when the argument is one, else a connector the app at `cwd` discovers. */
async function resolveConnector(target: string, cwd: string): Promise<{ module: ConnectorModule; fixtures: string }> {
  const directory = path.resolve(cwd, target);
  const isPackage = await stat(path.join(directory, 'package.json')).then((info) => info.isFile(), () => false);
  if (isPackage) {
    const pkg = await readConnectorPackage(directory);
    return { module: (await importConnectorModule(pkg)) as ConnectorModule, fixtures: path.join(directory, 'fixtures') };
  }
  const framework = await ConnectorFramework.create({ cwd });
  if (framework.catalog(target) === undefined) {
    throw new PatchbayError({ code: 'CONNECTOR_NOT_FOUND', message: `"${target}" is neither a connector package directory nor a connector discovered from ${cwd}` });
  }
  return { module: await framework.module(target), fixtures: path.join(cwd, 'fixtures', target) };
}

async function readConnection(file: string | undefined, cwd: string): Promise<{ credentials: Record<string, unknown>; config: Record<string, unknown> }> {
  if (file === undefined) return { credentials: {}, config: {} };
  const parsed = await readJson(`@${file}`, '--connection', cwd);
  if (!isRecord(parsed) || (parsed.credentials !== undefined && !isRecord(parsed.credentials)) || (parsed.config !== undefined && !isRecord(parsed.config))) {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: '--connection must name a JSON file { "credentials": {…}, "config": {…} }' });
  }
  return { credentials: (parsed.credentials as Record<string, unknown> | undefined) ?? {}, config: (parsed.config as Record<string, unknown> | undefined) ?? {} };
}

/** JSON given inline or as `@file`. Never quotes the text, which may hold a credential. */
async function readJson(value: string, label: string, cwd: string): Promise<unknown> {
  let text = value;
  if (value.startsWith('@')) {
    const file = path.resolve(cwd, value.slice(1));
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${label}: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}` });
    }
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new PatchbayError({ code: 'VALIDATION_FAILED', message: `${label} is not valid JSON` });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
