import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createSchemaCompiler, type JSONSchema, type OperationDefinition } from '@patchbay/contract';
import type { VendorDeclarations } from './vendor-declarations.js';

/**
 * The folder of an installed vendor package, found from its entry point: many SDKs export
 * neither `package.json` nor their declaration files, which a conformance test reads by path.
 */
export function vendorPackageDirectory(name: string, from: string): string {
  let folder = dirname(createRequire(from).resolve(name));
  for (let depth = 0; depth < 10; depth++) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) return folder;
    folder = dirname(folder);
  }
  throw new Error(`${name}: no package.json above its entry point`);
}

/** The input fields an operation declares and the ones it requires, its path parameters included. */
export function operationFields(operation: OperationDefinition): { names: Set<string>; required: Set<string> } {
  const schema = operation.inputSchema as { properties?: Record<string, unknown>; required?: string[] };
  return { names: new Set(Object.keys(schema.properties ?? {})), required: new Set(schema.required ?? []) };
}

/**
 * Every `field: value` a vendor's types list as a string literal that the operation's input schema
 * rejects: an enum narrower than the vendor's makes a valid call fail validation before it is sent.
 */
export function rejectedVendorLiterals(operation: OperationDefinition, declarations: VendorDeclarations, shape: string): string[] {
  const properties = (operation.inputSchema as { properties?: Record<string, JSONSchema> }).properties ?? {};
  const compiler = createSchemaCompiler();
  const rejected: string[] = [];
  for (const [field, schema] of Object.entries(properties)) {
    const literals = declarations.literals(shape, field);
    if (literals.length === 0) continue;
    const validate = compiler.compile(schema);
    for (const literal of literals) if (validate(literal) !== null) rejected.push(`${field}: ${literal}`);
  }
  return rejected;
}
