import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { OperationHttp } from '@patchbay/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_DIRECTORY, expectHandlerFree, linkToolchain, npmRun, patchbay, temporaryDirectory } from './cli-binary.test-helper.js';

const require = createRequire(import.meta.url);
// Real documents from the registry, pinned as devDependencies (@readme/oas-examples 8.2.2).
const examples = path.dirname(require.resolve('@readme/oas-examples/package.json'));

let root: string;

beforeAll(async () => {
  root = await temporaryDirectory('openapi');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const UNPAGED_NOTICE = String.raw`\d+ list operations? with no paging the generator recognises \(marked paginationUnknown; pages\(\) reads one page and warns\): [\w., ]+\n`;

interface Catalog {
  baseUrl: string;
  auth: Record<string, unknown>;
  operations: Record<string, { http: OperationHttp; inputSchema: { required?: string[]; properties: Record<string, unknown> }; outputSchema?: unknown; description?: string }>;
}

/**
 * Generates a package, type-checks it before its first build (its operation types are written at
 * scaffold time), builds it with CI set (so those types must be what the build writes), validates
 * it, and checks it needs no handler: every operation is sent from its `http` definition.
 */
async function scaffoldBuildValidate(name: string, exportName: string, source: string, extra: string[] = [], cwd = root): Promise<Catalog> {
  const directory = path.join(root, name);
  const generated = await patchbay(['new', name, '--dir', directory, '--from-openapi', source, ...extra], { cwd });
  // Each step of the generation on stderr, with its time, and the list operations whose paging is
  // unknown where there are some; stdout keeps the result.
  expect(generated.stderr).toMatch(
    new RegExp(`^patchbay new: parsed \\S+ \\((OpenAPI 3\\.\\d\\.\\d|Swagger 2\\.0), [\\d,]+ operations?\\) \\(\\d+\\.\\d s\\)\\npatchbay new: converted [\\d,]+ operations?; \\w+ auth \\(\\d+\\.\\d s\\)\\n(${UNPAGED_NOTICE})?patchbay new: generated operation types \\(\\d+\\.\\d s\\)\\npatchbay new: wrote \\d+ files to \\S+ \\(\\d+\\.\\d s\\)\\n$`),
  );
  expect(generated.code).toBe(0);
  await linkToolchain(directory);
  const typechecked = await npmRun(directory, 'typecheck');
  expect(typechecked.code, typechecked.stdout + typechecked.stderr).toBe(0);
  const built = await npmRun(directory, 'build');
  expect(built.code, built.stdout + built.stderr).toBe(0);
  const validated = await patchbay(['validate', directory], { cwd: root });
  expect(validated.stdout).toBe(`${name}: ok\n`);
  expect(validated.code).toBe(0);
  await expectHandlerFree(directory, exportName);
  return JSON.parse(await readFile(path.join(directory, 'dist', 'catalog.json'), 'utf8')) as Catalog;
}

describe('patchbay new --from-openapi with real documents', () => {
  it('generates the Petstore (OpenAPI 3.0) connector from a package path, builds it and passes its own tests', async () => {
    // A package path, resolved from the directory the command runs in.
    const catalog = await scaffoldBuildValidate('petstore', 'PetstoreModule', '@readme/oas-examples/3.0/json/petstore.json', [], CLI_DIRECTORY);
    expect(catalog.baseUrl).toBe('http://petstore.swagger.io/v2');
    // petstore_auth is an implicit-only OAuth2 flow the runtime cannot run; the API key is next.
    expect(catalog.auth).toMatchObject({ strategy: 'api_key', in: 'header', name: 'api_key', environment: { apiKey: 'PETSTORE_API_KEY' } });
    expect(Object.keys(catalog.operations)).toHaveLength(20);
    const getPet = catalog.operations.getPetById!;
    expect(getPet.http).toEqual({ method: 'GET', path: '/pet/{petId}' });
    expect(getPet.inputSchema).toMatchObject({ required: ['petId'], properties: { petId: { type: 'integer', format: 'int64', description: 'ID of pet to return' } } });
    // Shared schemas are stored once, at the top of the catalog, and referred to from operations.
    expect(getPet.outputSchema).toEqual({ $ref: '#/$defs/Pet' });
    expect(catalog).toMatchObject({ catalogVersion: 2, $defs: { Pet: { required: ['name', 'photoUrls'] }, Category: {}, Tag: {} } });
    // The request body's fields sit beside the path fields, as in connectors/github.
    expect(catalog.operations.addPet!.inputSchema).toMatchObject({ required: ['name', 'photoUrls'], properties: { name: { type: 'string' } } });
    expect(catalog.operations.addPet!.http).toEqual({ method: 'POST', path: '/pet' });
    // Where the default split is not how the API takes a field, the http definition says so.
    expect(catalog.operations.deletePet!.http).toEqual({ method: 'DELETE', path: '/pet/{petId}', headerParams: { api_key: 'api_key' } });
    expect(catalog.operations.updatePetWithForm!.http).toEqual({ method: 'POST', path: '/pet/{petId}', bodyType: 'form' });
    expect(catalog.operations.createUsersWithArrayInput!.http).toEqual({ method: 'POST', path: '/user/createWithArray', bodyParam: 'body' });
    const tested = await npmRun(path.join(root, 'petstore'), 'test');
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout).toMatch(/Tests\s+10 passed/);
  }, 600_000);

  it('generates the Petstore (Swagger 2.0) connector', async () => {
    const catalog = await scaffoldBuildValidate('petstore-swagger', 'PetstoreSwaggerModule', path.join(examples, '2.0', 'json', 'petstore.json'));
    expect(catalog.baseUrl).toBe('http://petstore.swagger.io/v2');
    expect(catalog.operations.findPetsByStatus!.inputSchema).toMatchObject({
      required: ['status'],
      properties: { status: { type: 'array', items: { type: 'string', enum: ['available', 'pending', 'sold'] } } },
    });
    expect(catalog.operations.updatePetWithForm!.inputSchema.properties).toHaveProperty('name');
    expect(catalog.operations.createUsersWithArrayInput!.inputSchema).toMatchObject({ required: ['body'], properties: { body: { type: 'array' } } });
  }, 600_000);

  it('generates Train Travel (OpenAPI 3.1, OAuth2 and circular-safe components) and honours --include/--exclude', async () => {
    const source = path.join(examples, '3.1', 'json', 'train-travel.json');
    const catalog = await scaffoldBuildValidate('train-travel', 'TrainTravelModule', source, ['--include', 'Bookings', '--include', '/stations', '--exclude', '/bookings/{bookingId}/payment']);
    const paths = Object.values(catalog.operations).map((operation) => operation.http.path);
    expect(paths).toContain('/stations');
    expect(paths).toContain('/bookings');
    expect(paths).not.toContain('/trips');
    expect(paths).not.toContain('/bookings/{bookingId}/payment');
    expect(catalog.auth).toMatchObject({ strategy: 'oauth2', tokenUrl: expect.stringMatching(/^https:/), scopes: expect.arrayContaining(['read']) });
  }, 600_000);

  it('handles circular schemas', async () => {
    const catalog = await scaffoldBuildValidate('circular', 'CircularModule', path.join(examples, '3.0', 'json', 'schema-circular.json'), ['--base-url', 'https://circular.example.com']);
    expect(JSON.stringify(catalog)).toContain('"$ref":"#/$defs/');
    expect(catalog.baseUrl).toBe('https://circular.example.com');
  }, 600_000);

  it('keeps stderr silent with --quiet, and with --json prints only the result', async () => {
    const source = path.join(examples, '3.0', 'json', 'petstore.json');
    const quiet = await patchbay(['new', 'quiet-pets', '--dir', path.join(root, 'quiet-pets'), '--from-openapi', source, '--quiet'], { cwd: root });
    expect(quiet).toMatchObject({ code: 0, stderr: '', stdout: expect.stringMatching(/^Created @patchbay\/connector-quiet-pets in quiet-pets: 20 operations, api_key auth/) });
    const json = await patchbay(['new', 'json-pets', '--dir', path.join(root, 'json-pets'), '--from-openapi', source, '--json'], { cwd: root });
    expect(json).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(json.stdout)).toMatchObject({ package: '@patchbay/connector-json-pets', connector: 'json-pets', directory: 'json-pets', operations: 20, auth: 'api_key' });
  });

  it('reports an unreadable document with its location in one line', async () => {
    const broken = path.join(root, 'broken.json');
    await writeFile(broken, '{ "openapi": "3.0.0", "paths": { ');
    const ran = await patchbay(['new', 'broken', '--dir', path.join(root, 'broken'), '--from-openapi', broken], { cwd: root });
    expect(ran.code).toBe(1);
    expect(ran.stderr).toMatch(new RegExp(`^patchbay new: cannot read the OpenAPI document ${broken}: Error parsing .*\\(1:\\d+\\)\\n$`));
    const missing = await patchbay(['new', 'missing', '--from-openapi', 'nowhere/openapi.json'], { cwd: root });
    expect(missing.stderr).toBe('patchbay new: cannot read the OpenAPI document nowhere/openapi.json: no such file or package path\n');
    const filtered = await patchbay(['new', 'none', '--dir', path.join(root, 'none'), '--from-openapi', path.join(examples, '3.0', 'json', 'petstore.json'), '--include', 'nothing'], { cwd: root });
    // The document was read before the filters left nothing: that step is reported, then the error.
    expect(filtered.stderr).toMatch(/^patchbay new: parsed petstore\.json \(OpenAPI 3\.0\.0, 20 operations\) \(\d+\.\d s\)\npatchbay new: .*petstore\.json: no operation left after --include\/--exclude\n$/);
  });
});
