import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { OperationPagination } from '@patchbay/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHandlerFree, linkToolchain, npmRun, patchbay, temporaryDirectory } from './cli-binary.test-helper.js';

// Stripe's and Twilio's own documents, gzipped in test-documents/; PATCHBAY_SPECS names another folder.
const SPECS = process.env.PATCHBAY_SPECS ?? path.resolve(import.meta.dirname, '..', 'test-documents');
const vendors = [
  { name: 'stripe-gen', exportName: 'StripeGenModule', file: 'stripe-2020-08-27.openapi.json.gz', list: 'getCustomers' },
  { name: 'twilio-gen', exportName: 'TwilioGenModule', file: 'twilio-api-v2010.openapi.json.gz', list: 'listCall' },
];

let root: string;

beforeAll(async () => {
  root = await temporaryDirectory('vendors');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('patchbay new --from-openapi with whole vendor documents', () => {
  it.each(vendors)('$name: generates, builds, passes its own tests and validates, its lists paged', async ({ name, exportName, file, list }) => {
    const document = path.join(root, file.replace(/\.gz$/, ''));
    await writeFile(document, gunzipSync(await readFile(path.join(SPECS, file))));
    const directory = path.join(root, name);
    const generated = await patchbay(['new', name, '--dir', directory, '--from-openapi', document], { cwd: root, timeoutMs: 600_000 });
    expect(generated.code, generated.stderr).toBe(0);
    await linkToolchain(directory);
    const built = await npmRun(directory, 'build', 900_000);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const tested = await npmRun(directory, 'test', 900_000);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    const validated = await patchbay(['validate', directory], { cwd: root, timeoutMs: 900_000 });
    expect(validated.stdout).toBe(`${name}: ok\n`);
    await expectHandlerFree(directory, exportName);
    const catalog = JSON.parse(await readFile(path.join(directory, 'dist', 'catalog.json'), 'utf8')) as { operations: Record<string, { pagination?: OperationPagination }> };
    expect(catalog.operations[list]?.pagination).toMatchObject({ style: 'cursor' });
    console.log(`${name}: ${Object.keys(catalog.operations).length} operations; generate ${(generated.durationMs / 1000).toFixed(1)} s, build ${(built.durationMs / 1000).toFixed(1)} s, test ${(tested.durationMs / 1000).toFixed(1)} s`);
  }, 2_400_000);
});
