#!/usr/bin/env node
// Records the missing fixtures of a connector generated from a vendor's OpenAPI document (GitHub's
// by default): a schema stand-in answers each operation with a sample of its outputSchema, and
// `patchbay record <connector> --missing --base-url <stand-in>` records one sampled case for every
// operation without a fixture. Run after `pnpm build`: node tooling/cli/scripts/record-schema-fixtures.mjs [name]
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importConnectorModule, readConnectorPackage } from '@patchbay/connector-kit';
import { startSchemaStandIn } from '@patchbay/stand-ins';
import { main, sampleValue } from '@patchbay/cli';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const name = process.argv[2] ?? 'github';
const directory = path.join(root, 'connectors', name);
const module = await importConnectorModule(await readConnectorPackage(directory));
const standIn = await startSchemaStandIn(module, { sample: sampleValue });
// A throwaway token, so the recorder redacts a real-looking credential and none is ever written.
const env = { ...process.env };
for (const variable of Object.values(module.auth.environment ?? {})) env[variable] = `stand-in-${randomBytes(12).toString('hex')}`;
try {
  process.exitCode = await main(['record', path.relative(root, directory), '--missing', '--base-url', standIn.url], { stdout: process.stdout, stderr: process.stderr, cwd: root, env });
} finally {
  await standIn.close();
}
