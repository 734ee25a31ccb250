import path from 'node:path';
import type { CliContext } from '../cli-context.js';
import { unpagedNotice } from '../openapi/pagination-from-openapi.js';
import { planFromOpenApi } from '../openapi/plan-from-openapi.js';
import { authForStrategy, SCAFFOLD_AUTH_STRATEGIES } from '../scaffold/auth-for-strategy.js';
import type { ConnectorPlan } from '../scaffold/connector-plan.js';
import { CONNECTOR_ID_PATTERN, titleCase } from '../scaffold/names.js';
import { locatePackage } from '../scaffold/package-location.js';
import { planFromFlags } from '../scaffold/plan-from-flags.js';
import { packageName } from '../scaffold/render-package-files.js';
import { writeConnector } from '../scaffold/write-connector.js';
import { usageError } from '../terminal/cli-error.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';
import { createProgress } from '../terminal/progress.js';
import { createPrompter } from '../terminal/prompts.js';
import { createStepLog, formatCount } from '../terminal/step-log.js';

export const newHelp = `Usage: patchbay new <name> [options]

Scaffolds a connector package in connectors/<name>, or --dir, shaped like connectors/github:
the client class and module, every operation declared once with its wire definition (sent by the
runtime with no handler), the operation types, tests, README and changeset. Its build is
\`patchbay-connector build\` from @patchbay/connector-kit. Asks for what is missing when run in a
terminal; every answer is also a flag, and --yes takes the defaults for the rest.

Options:
  --dir <path>                 where to write the package (default: connectors/<name>)
  --display-name <text>        human-readable name (default: from <name> or the document title)
  --description <text>         one line about the connector
  --auth <strategy>            ${SCAFFOLD_AUTH_STRATEGIES.join('|')} (default: bearer, or the document's securitySchemes)
  --base-url <url>             API base URL (default: https://api.<name>.com, or the document's servers)
  --operation <id=METHOD /path>  an operation, e.g. 'issues.create=POST /repos/{owner}/{repo}/issues' (repeatable)
  --api-key-in <header|query|cookie>  where an api_key goes (default: header)
  --api-key-name <name>        header, query parameter or cookie of an api_key (default: X-API-Key)
  --grant-type <grant>         OAuth2 authorization_code|client_credentials (default: authorization_code)
  --token-url <url>            OAuth2 token URL
  --authorization-url <url>    OAuth2 authorization URL
  --scope <scope>              OAuth2 scope (repeatable)
  --from-openapi <file>        generate from an OpenAPI 3.0/3.1 or Swagger 2 document (a file or package path)
  --include <tag-or-/path>     keep only operations with this tag or under this path (repeatable)
  --exclude <tag-or-/path>     leave out operations with this tag or under this path (repeatable)
  --yes                        do not ask; take defaults
  --quiet                      no progress lines or notes on stderr
  --json                       print { package, connector, directory, operations, auth, files, durationMs } as JSON (implies --quiet)
  -h, --help                   show this help

From a document, each step is reported on stderr as it ends, with its time (parsed, converted,
wrote); a terminal also shows a progress bar while operations are converted.`;

const OPTIONS = {
  dir: { type: 'string' },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  auth: { type: 'string' },
  'base-url': { type: 'string' },
  operation: { type: 'string', multiple: true },
  'api-key-in': { type: 'string' },
  'api-key-name': { type: 'string' },
  'grant-type': { type: 'string' },
  'token-url': { type: 'string' },
  'authorization-url': { type: 'string' },
  scope: { type: 'string', multiple: true },
  'from-openapi': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  yes: { type: 'boolean', short: 'y' },
  quiet: { type: 'boolean', short: 'q' },
  ...JSON_FLAG,
} as const;

type Values = ReturnType<typeof parseFlags<typeof OPTIONS>>['values'];

export async function newCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('new', args, OPTIONS);
  const name = positionals[0];
  if (!name || positionals.length > 1) throw usageError('give exactly one connector name, e.g. `patchbay new acme-crm`');
  if (!CONNECTOR_ID_PATTERN.test(name)) throw usageError(`connector name ${JSON.stringify(name)} must be lowercase letters, digits and dashes`);
  if (values['base-url'] !== undefined) checkUrl(values['base-url'], '--base-url');
  if (values.auth !== undefined) oneOf(values.auth, '--auth', SCAFFOLD_AUTH_STRATEGIES);
  const silent = Boolean(values.quiet || values.json);
  // From flags the work is instant: step lines are for documents, where it can take a while.
  const steps = createStepLog(context.stderr, { silent: silent || values['from-openapi'] === undefined, prefix: 'patchbay new' });
  const directory = path.resolve(context.cwd, values.dir ?? path.join('connectors', name));
  const environmentPrefix = name.toUpperCase().replace(/-/g, '_');
  const started = performance.now();

  let plan: ConnectorPlan;
  if (values['from-openapi'] !== undefined) {
    const progress = createProgress(context.stderr, { silent });
    plan = await planFromOpenApi({
      source: values['from-openapi'],
      cwd: context.cwd,
      name,
      filters: { include: values.include ?? [], exclude: values.exclude ?? [] },
      auth: values.auth,
      baseUrl: values['base-url'],
      displayName: values['display-name'],
      description: values.description,
      environmentPrefix,
      onProgress: (label, done, total) => progress.update(label, done, total),
      onStep: (message) => {
        progress.done();
        steps.step(message);
      },
    });
    progress.done();
    const unpaged = unpagedNotice(plan.operations);
    // Silent with --quiet or --json: the JSON result lists the same operations.
    if (unpaged !== undefined && !silent) context.stderr.write(`${unpaged}\n`);
  } else {
    plan = await planFromAnswers(name, values, context, environmentPrefix);
  }

  const location = locatePackage(directory);
  const written = await writeConnector(plan, location, (message) => steps.step(message));
  const where = path.relative(context.cwd, directory) || '.';
  steps.step(`wrote ${formatCount(written.length)} files to ${where}`);
  const durationMs = Math.round(performance.now() - started);
  const result = {
    package: packageName(plan),
    connector: plan.name,
    directory: where,
    operations: plan.operations.length,
    auth: plan.auth.strategy,
    files: written.map((file) => path.relative(context.cwd, file)),
    unpagedOperations: plan.operations.filter((operation) => operation.paginationUnknown).map((operation) => operation.id),
    durationMs,
  };
  printResult(context.stdout, values.json, result, () => {
    const count = plan.operations.length;
    context.stdout.write(
      `Created ${result.package} in ${where}: ${formatCount(count)} operation${count === 1 ? '' : 's'}, ${plan.auth.strategy} auth, ${written.length} files in ${(durationMs / 1000).toFixed(1)} s\n`,
    );
    const install = location.monorepoRoot ? 'pnpm install' : 'npm install';
    context.stdout.write(`Next: ${install}, then \`npm run build && npm test\` in ${where}\n`);
  });
  return 0;
}

async function planFromAnswers(name: string, values: Values, context: CliContext, environmentPrefix: string): Promise<ConnectorPlan> {
  const interactive = !values.yes && (context.stdin as { isTTY?: boolean }).isTTY === true;
  const prompter = interactive ? createPrompter(context.stdin, context.stderr) : undefined;
  try {
    const ask = async (given: string | undefined, question: string, fallback: string) =>
      given ?? (prompter ? await prompter.ask(question, fallback) : fallback);
    const displayName = await ask(values['display-name'], 'Display name', titleCase(name));
    const description = await ask(values.description, 'Description', `The ${displayName} API as a Patchbay connector.`);
    const auth = await ask(values.auth, `Auth (${SCAFFOLD_AUTH_STRATEGIES.join('/')})`, 'bearer');
    const baseUrl = checkUrl(await ask(values['base-url'], 'Base URL', `https://api.${name}.com`), 'base URL');
    const operations =
      values.operation ?? (prompter ? await prompter.askMany("Operation as 'id=METHOD /path'", []) : []);
    return planFromFlags({
      name,
      displayName,
      description,
      baseUrl,
      operations,
      auth: authForStrategy(auth, {
        environmentPrefix,
        baseUrl,
        apiKeyIn: oneOf(values['api-key-in'], '--api-key-in', ['header', 'query', 'cookie']),
        grantType: oneOf(values['grant-type'], '--grant-type', ['authorization_code', 'client_credentials']),
        apiKeyName: values['api-key-name'],
        tokenUrl: values['token-url'] && checkUrl(values['token-url'], '--token-url'),
        authorizationUrl: values['authorization-url'] && checkUrl(values['authorization-url'], '--authorization-url'),
        scopes: values.scope,
      }),
    });
  } finally {
    prompter?.close();
  }
}

function oneOf<T extends string>(value: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  throw usageError(`${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
}

function checkUrl(value: string, label: string): string {
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw usageError(`${label} must be an http(s) URL, got ${JSON.stringify(value)}`);
}

