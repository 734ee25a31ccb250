#!/usr/bin/env node
// Records the missing fixtures of a connector generated from a vendor's OpenAPI document (GitHub's
// by default): a schema stand-in answers each operation with a sample of its outputSchema, and
// `patchbay record <connector> --missing --base-url <stand-in>` records one sampled case for every
// operation without a fixture. Run after `pnpm build`: node tooling/cli/scripts/record-schema-fixtures.mjs [name]
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importConnectorModule, readConnectorPackage, readFixtureFiles } from '@patchbay/connector-kit';
import { startSchemaStandIn } from '@patchbay/stand-ins';
import { main, sampleValue } from '@patchbay/cli';

/** Values for the patterned fields of GitHub's document that no plain sample matches. */
const knownValues = {
  version: '1.0.0',
  ref: 'refs/heads/main',
  digest: `sha256:${'0'.repeat(64)}`,
  subject_digest: `sha256:${'0'.repeat(64)}`,
  key: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB',
};

const root = fileURLToPath(new URL('../../../', import.meta.url));
const name = process.argv[2] ?? 'github';
const directory = path.join(root, 'connectors', name);
const module = await importConnectorModule(await readConnectorPackage(directory));
const standIn = await startSchemaStandIn(module, { sample: sampleValue });
// A throwaway token, so the recorder redacts a real-looking credential and none is ever written.
const env = { ...process.env };
for (const variable of Object.values(module.auth.environment ?? {})) env[variable] = `stand-in-${randomBytes(12).toString('hex')}`;
const streams = { stdout: process.stdout, stderr: process.stderr, cwd: root, env };
const target = path.relative(root, directory);
try {
  await main(['record', target, '--missing', '--base-url', standIn.url], streams);
  // --missing leaves out operations whose input has a pattern or a conditional body it cannot
  // satisfy; those get the values below, the rest of their input still sampled from the schema.
  const existing = await readFixtureFiles(path.join(directory, 'fixtures'));
  let failed = 0;
  for (const [operation, definition] of Object.entries(module.operations)) {
    if (existing.has(operation)) continue;
    const input = {};
    for (const field of definition.inputSchema.required ?? []) {
      const schema = definition.inputSchema.properties[field];
      input[field] = sampleValue(schema, module.$defs ?? {}) ?? knownValues[field] ?? sampleValue(withoutConditions(schema), module.$defs ?? {});
    }
    const code = await main(['record', target, operation, '--case', 'sampled', '--input', JSON.stringify(input), '--base-url', standIn.url], streams);
    if (code !== 0) failed += 1;
  }
  process.exitCode = failed > 0 ? 1 : 0;
} finally {
  await standIn.close();
}

/** An object body whose anyOf/oneOf only say which properties are required: the first branch's required ones. */
function withoutConditions(schema) {
  const resolved = schema.$ref === undefined ? schema : module.$defs[schema.$ref.replace('#/$defs/', '')];
  const { anyOf, oneOf, not: _not, if: _if, then: _then, else: _else, ...rest } = resolved;
  const first = (anyOf ?? oneOf)?.[0];
  return { ...rest, required: [...(rest.required ?? []), ...(first?.required ?? [])] };
}
