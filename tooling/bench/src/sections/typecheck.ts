import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ConnectorCatalog } from '@patchbay/contract';
import { table } from '../markdown.js';
import { progress, runSection } from '../run-section.js';
import type { SectionResult } from '../section-result.js';
import { formatSpread, pairwise, spread } from '../stats.js';

const REPEATS = 3;
/** Every connector in the workspace; each is a dependency of this package, so its types resolve here. */
const CONNECTORS = ['airtable', 'github', 'google-sheets', 'hubspot', 'jira', 'linear', 'notion', 'openai', 'sendgrid', 'slack', 'stripe', 'twilio'];
// Sections are bundled flat into dist/, so the package is one level up.
const PACKAGE_DIRECTORY = fileURLToPath(new URL('..', import.meta.url));
const run = promisify(execFile);

interface Connector {
  id: string;
  typeName: string;
  operations: string[];
}

runSection(async () => {
  const connectors = await Promise.all(CONNECTORS.map(readConnector));
  const operationCount = connectors.reduce((total, connector) => total + connector.operations.length, 0);
  // Inside this package, so `@patchbay/connector-*` resolve through its node_modules.
  const directory = path.join(PACKAGE_DIRECTORY, '.bench-tmp', `typecheck-${process.pid}`);
  await mkdir(directory, { recursive: true });
  try {
    await writeFile(path.join(directory, 'typed.ts'), typedApp(connectors));
    await writeFile(path.join(directory, 'untyped.ts'), untypedApp(connectors));
    for (const name of ['typed', 'untyped']) await writeFile(path.join(directory, `tsconfig.${name}.json`), tsconfig(`${name}.ts`));

    progress(`typecheck of an app calling all ${operationCount} operations of ${connectors.length} connectors: warm-up + ${REPEATS} repeats`);
    await typecheck(directory, 'typed');
    const typed: number[] = [];
    const untyped: number[] = [];
    for (let repeat = 0; repeat < REPEATS; repeat++) {
      typed.push(await typecheck(directory, 'typed'));
      untyped.push(await typecheck(directory, 'untyped'));
    }
    const ratio = spread(pairwise(typed, untyped, (a, b) => a / b));
    const body = [
      `\`tsc --noEmit\` (TypeScript from this package, \`strict\`, \`exactOptionalPropertyTypes\`, \`noUncheckedIndexedAccess\`, ` +
        '`module: nodenext`, `skipLibCheck` as most apps set it) of one app file that connects to every connector and calls every one of its ' +
        `${operationCount} operations. The typed app uses \`manager.connect<XOperations>()\` handles with each operation's ` +
        'generated input and output types; the baseline calls the same operations through the untyped `manager.execute`. ' +
        'Each run is a fresh `tsc` process, so the figures include starting TypeScript and reading every declaration file.',
      '',
      table(
        ['app', 'typecheck time', 'ratio to untyped'],
        [
          ['typed handles, all 12 connectors', formatSpread(spread(typed), 2, ' s'), formatSpread(ratio, 2, 'x')],
          ['untyped `execute` (baseline)', formatSpread(spread(untyped), 2, ' s'), '1x'],
        ],
      ),
    ].join('\n');
    return {
      title: 'Typecheck time of an app using every connector',
      body,
      targets: [
        {
          name: `typecheck of an app typed over all 12 connectors (${operationCount} operations)`,
          goal: 'reported; ≤ 2x the untyped app',
          measured: `${formatSpread(spread(typed), 2, ' s')}, ${formatSpread(ratio, 2, 'x')}`,
          met: ratio.median <= 2,
        },
      ],
    } satisfies SectionResult;
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});

async function readConnector(id: string): Promise<Connector> {
  const catalogFile = path.join(PACKAGE_DIRECTORY, 'node_modules', '@patchbay', `connector-${id}`, 'dist', 'catalog.json');
  const catalog = JSON.parse(await readFile(catalogFile, 'utf8')) as ConnectorCatalog;
  const typeName = `${id.split('-').map((part) => part[0]!.toUpperCase() + part.slice(1)).join('')}Operations`;
  return { id, typeName, operations: Object.keys(catalog.operations) };
}

function typedApp(connectors: Connector[]): string {
  const imports = connectors.map((connector) => `import type { ${connector.typeName} } from '@patchbay/connector-${connector.id}';`);
  const calls = connectors.flatMap((connector, index) => [
    `  const c${index} = await manager.connect<${connector.typeName}>({ id: '${connector.id}', connector: '${connector.id}' });`,
    ...connector.operations.map((operation, call) =>
      callSource(`r${index}_${call}`, `c${index}.execute('${operation}', input<${connector.typeName}['${operation}']['input']>())`),
    ),
  ]);
  return appSource(imports, calls);
}

function untypedApp(connectors: Connector[]): string {
  const calls = connectors.flatMap((connector) => [
    `  await manager.connect({ id: '${connector.id}', connector: '${connector.id}' });`,
    ...connector.operations.map((operation, call) =>
      callSource(`r_${connector.id.replace(/-/g, '_')}_${call}`, `manager.execute('${connector.id}', '${operation}', input<Record<string, unknown>>())`),
    ),
  ]);
  return appSource([], calls);
}

/** One call and a use of its result, so the compiler checks both the input and the output type. */
function callSource(name: string, call: string): string {
  return `  const ${name} = await ${call};\n  if (${name}.ok) sink(${name}.data); else sink(${name}.error.code);`;
}

function appSource(imports: string[], calls: string[]): string {
  return [
    "import { IntegrationManager } from '@patchbay/runtime';",
    ...imports,
    '',
    'declare function input<T>(): T;',
    'declare function sink(value: unknown): void;',
    '',
    'export async function main(): Promise<void> {',
    '  const manager = await IntegrationManager.create();',
    ...calls,
    '}',
    '',
  ].join('\n');
}

function tsconfig(file: string): string {
  const compilerOptions = {
    target: 'ES2022',
    lib: ['ES2023'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
  };
  return `${JSON.stringify({ compilerOptions, files: [file] }, null, 2)}\n`;
}

/** Seconds one `tsc --noEmit` of the app takes; fails the section if the app does not compile. */
async function typecheck(directory: string, name: string): Promise<number> {
  const tsc = path.join(PACKAGE_DIRECTORY, 'node_modules', 'typescript', 'bin', 'tsc');
  const started = performance.now();
  try {
    await run(process.execPath, [tsc, '-p', path.join(directory, `tsconfig.${name}.json`)], { cwd: directory, maxBuffer: 16 << 20 });
  } catch (error) {
    const output = (error as { stdout?: string }).stdout ?? '';
    throw new Error(`The ${name} app does not typecheck:\n${output.slice(0, 4000)}`);
  }
  return (performance.now() - started) / 1000;
}
