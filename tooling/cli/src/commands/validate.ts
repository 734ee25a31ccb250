import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { checkConnectorModule, toCatalog, type ConnectorModule } from '@patchbay/contract';
import { importConnectorModule, readConnectorPackage } from '@patchbay/connector-kit';
import { handledOperations } from '@patchbay/runtime';
import type { CliContext } from '../cli-context.js';
import { JSON_FLAG, printResult } from '../terminal/json-output.js';
import { parseFlags } from '../terminal/parse-flags.js';

export const validateHelp = `Usage: patchbay validate [dir...] [--json]

Checks connector packages (default: the current directory): the package.json "patchbay" field,
that the module export resolves, the connector contract (every schema compiles), that every
operation has an http definition or a handler and every handler an operation, and that the built
catalog matches the module. Lists every violation, file by file; exits 1 when there is any.

Options:
  --json   print { ok, packages: [{ directory, ok, violations: [{ file, message }] }] } as JSON`;

interface Violation {
  file: string;
  message: string;
}

interface CheckedPackage {
  directory: string;
  ok: boolean;
  violations: Violation[];
}

export async function validateCommand(args: string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseFlags('validate', args, JSON_FLAG);
  const directories = (positionals.length > 0 ? positionals : ['.']).map((directory) => path.resolve(context.cwd, directory));
  const relative = (file: string) => path.relative(context.cwd, file) || '.';
  const packages: CheckedPackage[] = [];
  for (const directory of directories) {
    const violations = (await validatePackage(directory)).map((violation) => ({ file: relative(violation.file), message: violation.message }));
    packages.push({ directory: relative(directory), ok: violations.length === 0, violations });
  }
  const ok = packages.every((checked) => checked.ok);
  printResult(context.stdout, values.json, { ok, packages }, () => {
    for (const checked of packages) {
      const count = checked.violations.length;
      context.stdout.write(checked.ok ? `${checked.directory}: ok\n` : `${checked.directory}: ${count} violation${count === 1 ? '' : 's'}\n`);
      for (const violation of checked.violations) context.stdout.write(`  ${violation.file}: ${violation.message}\n`);
    }
  });
  return ok ? 0 : 1;
}

async function validatePackage(directory: string): Promise<Violation[]> {
  const manifest = path.join(directory, 'package.json');
  let pkg;
  try {
    pkg = await readConnectorPackage(directory);
  } catch (error) {
    return [{ file: manifest, message: stripPrefix((error as Error).message, manifest) }];
  }
  const violations: Violation[] = [];
  const manifestJson = JSON.parse(await readFile(manifest, 'utf8')) as { keywords?: unknown };
  if (!Array.isArray(manifestJson.keywords) || !manifestJson.keywords.includes('patchbay-connector')) {
    violations.push({ file: manifest, message: 'keywords should include "patchbay-connector" so registries list it' });
  }
  const moduleFile = path.resolve(directory, pkg.field.module);
  let module: unknown;
  try {
    module = await importConnectorModule(pkg);
  } catch (error) {
    return [...violations, { file: moduleFile, message: `the module export does not resolve: ${(error as Error).message}` }];
  }
  const handled = typeof module === 'object' && module !== null ? handledOperations(module as ConnectorModule) : undefined;
  const checked = checkConnectorModule(module, handled ? { handledOperations: handled } : {});
  if (!checked.valid) {
    for (const violation of checked.violations) violations.push({ file: moduleFile, message: `${violation.path || '(module)'} ${violation.message}` });
    return violations;
  }
  if (checked.module.id !== pkg.field.connector) {
    violations.push({ file: manifest, message: `patchbay.connector "${pkg.field.connector}" differs from the module id "${checked.module.id}"` });
  }
  const catalogFile = path.resolve(directory, pkg.field.catalog);
  const catalogText = await readFile(catalogFile, 'utf8').catch(() => undefined);
  if (catalogText === undefined) {
    violations.push({ file: catalogFile, message: "is missing; run the package's build" });
  } else if (!sameJson(catalogText, toCatalog(checked.module))) {
    violations.push({ file: catalogFile, message: "is out of date with the module; run the package's build" });
  }
  return violations;
}

function stripPrefix(message: string, prefix: string): string {
  return message.startsWith(`${prefix}: `) ? message.slice(prefix.length + 2) : message;
}

// The build writes a catalog with shared definitions compact and others indented: compare content.
function sameJson(text: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(text)) === JSON.stringify(value);
  } catch {
    return false;
  }
}
