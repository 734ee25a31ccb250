import path from 'node:path';
import { parseArgs } from 'node:util';
import { PatchbayError } from '@patchbay/contract';
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
import { createProgress } from '../terminal/progress.js';
import { createPrompter } from '../terminal/prompts.js';

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
  --api-key-in <header|query>  where an api_key goes (default: header)
  --api-key-name <name>        header or query parameter of an api_key (default: X-API-Key)
  --token-url <url>            OAuth2 token URL
  --authorization-url <url>    OAuth2 authorization URL
  --scope <scope>              OAuth2 scope (repeatable)
  --from-openapi <file>        generate from an OpenAPI 3.0/3.1 or Swagger 2 document (a file or package path)
  --include <tag-or-/path>     keep only operations with this tag or under this path (repeatable)
  --exclude <tag-or-/path>     leave out operations with this tag or under this path (repeatable)
  --yes                        do not ask; take defaults
  -h, --help                   show this help`;

const OPTIONS = {
  dir: { type: 'string' },
  'display-name': { type: 'string' },
  description: { type: 'string' },
  auth: { type: 'string' },
  'base-url': { type: 'string' },
  operation: { type: 'string', multiple: true },
  'api-key-in': { type: 'string' },
  'api-key-name': { type: 'string' },
  'token-url': { type: 'string' },
  'authorization-url': { type: 'string' },
  scope: { type: 'string', multiple: true },
  'from-openapi': { type: 'string' },
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  yes: { type: 'boolean', short: 'y' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export async function newCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  const name = positionals[0];
  if (!name || positionals.length > 1) throw usageError('give exactly one connector name, e.g. `patchbay new acme-crm`');
  if (!CONNECTOR_ID_PATTERN.test(name)) throw usageError(`connector name ${JSON.stringify(name)} must be lowercase letters, digits and dashes`);
  if (values['base-url'] !== undefined) checkUrl(values['base-url'], '--base-url');
  const directory = path.resolve(context.cwd, values.dir ?? path.join('connectors', name));
  const environmentPrefix = name.toUpperCase().replace(/-/g, '_');
  const started = performance.now();

  let plan: ConnectorPlan;
  if (values['from-openapi'] !== undefined) {
    const progress = createProgress(context.stderr);
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
    });
    progress.done();
    const unpaged = unpagedNotice(plan.operations);
    if (unpaged !== undefined) context.stderr.write(`${unpaged}\n`);
  } else {
    plan = await planFromAnswers(name, values, context, environmentPrefix);
  }

  const location = locatePackage(directory);
  const written = await writeConnector(plan, location);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const where = path.relative(context.cwd, directory) || '.';
  context.stdout.write(
    `Created ${packageName(plan)} in ${where}: ${plan.operations.length} operation${plan.operations.length === 1 ? '' : 's'}, ${plan.auth.strategy} auth, ${written.length} files in ${seconds} s\n`,
  );
  const install = location.monorepoRoot ? 'pnpm install' : 'npm install';
  context.stdout.write(`Next: ${install}, then \`npm run build && npm test\` in ${where}\n`);
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
        apiKeyIn: values['api-key-in'] === 'query' ? 'query' : 'header',
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

function checkUrl(value: string, label: string): string {
  try {
    if (['http:', 'https:'].includes(new URL(value).protocol)) return value.replace(/\/+$/, '');
  } catch {
    // reported below
  }
  throw usageError(`${label} must be an http(s) URL, got ${JSON.stringify(value)}`);
}

function usageError(message: string): PatchbayError {
  return new PatchbayError({ code: 'VALIDATION_FAILED', message });
}
