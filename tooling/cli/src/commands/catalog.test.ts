import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REFERENCE_END, REFERENCE_START } from '@patchbay/connector-kit';
import { catalogCommand } from './catalog.js';

// A plain module: no imports, so the temp package needs no node_modules.
const MODULE_SOURCE = `
const inputSchema = { type: 'object', required: ['name'], properties: { name: { type: 'string' } } };
export const EchoModule = {
  specificationVersion: 'patchbay.connector/v1',
  id: 'echo', displayName: 'Echo', version: '1.0.0',
  auth: { strategy: 'none' },
  operations: { 'echo.say': { kind: 'action', displayName: 'Say', inputSchema } },
  inputSchema: {
    type: 'object', required: ['operation', 'input'],
    allOf: [{ if: { properties: { operation: { const: 'echo.say' } } }, then: { properties: { input: inputSchema } } }],
  },
  async execute({ operation, input }) { return { ok: true, data: input, meta: { operation, attempts: 0, durationMs: 0 } }; },
};
`;

let directory: string;

beforeEach(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'patchbay-catalog-'));
  await mkdir(path.join(directory, 'dist'));
  await writeFile(path.join(directory, 'dist/index.js'), MODULE_SOURCE);
  await writeFile(
    path.join(directory, 'package.json'),
    JSON.stringify({
      name: '@acme/connector-echo',
      version: '1.0.0',
      type: 'module',
      patchbay: { connector: 'echo', module: './dist/index.js', export: 'EchoModule', catalog: './dist/catalog.json' },
    }),
  );
  await writeFile(path.join(directory, 'README.md'), `# Echo\n\n${REFERENCE_START}\n${REFERENCE_END}\n`);
});

afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(directory, { recursive: true, force: true });
});

async function run(flags: string[] = []): Promise<{ code: number; output: string }> {
  const stream = new PassThrough();
  let output = '';
  stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await catalogCommand([directory, ...flags], { stdout: stream, stderr: stream, stdin: process.stdin, cwd: process.cwd(), env: process.env });
  return { code, output };
}

describe('patchbay catalog', () => {
  it('writes the catalog, the operation types and an empty README reference, in CI too', async () => {
    vi.stubEnv('CI', 'true');
    expect(await run()).toEqual({ code: 0, output: '@acme/connector-echo: catalog written (1 operations)\n' });
    const catalog = JSON.parse(await readFile(path.join(directory, 'dist/catalog.json'), 'utf8')) as { id: string; operations: object };
    expect(catalog).toMatchObject({ catalogVersion: 1, id: 'echo', operations: { 'echo.say': { displayName: 'Say' } } });
    expect(await readFile(path.join(directory, 'README.md'), 'utf8')).toContain('| `echo.say` | action |');
    const types = await readFile(path.join(directory, 'src/operation-types.ts'), 'utf8');
    expect(types).toContain('export interface EchoSayInput {');
    expect(types).toContain('"echo.say": { input: EchoSayInput; output: EchoSayOutput };');
  });

  it('refreshes a stale README reference and operation types locally, and fails on them in CI without touching them', async () => {
    vi.stubEnv('CI', '');
    await run();
    const readmePath = path.join(directory, 'README.md');
    const typesPath = path.join(directory, 'src/operation-types.ts');
    const staleReadme = (await readFile(readmePath, 'utf8')).replace('| `echo.say` |', '| `echo.shout` |');
    const staleTypes = (await readFile(typesPath, 'utf8')).replace('EchoSayInput', 'EchoShoutInput');
    await writeFile(readmePath, staleReadme);
    await writeFile(typesPath, staleTypes);

    vi.stubEnv('CI', 'true');
    expect(await run()).toEqual({
      code: 1,
      output: "@acme/connector-echo: README.md's reference section and src/operation-types.ts out of date; run the build locally and commit the result\n",
    });
    expect(await readFile(readmePath, 'utf8')).toBe(staleReadme);
    expect(await readFile(typesPath, 'utf8')).toBe(staleTypes);

    vi.stubEnv('CI', '');
    expect((await run()).code).toBe(0);
    expect(await readFile(readmePath, 'utf8')).toContain('| `echo.say` |');
    expect(await readFile(typesPath, 'utf8')).not.toContain('EchoShoutInput');
  });

  it('lists every contract violation and writes nothing', async () => {
    await writeFile(path.join(directory, 'dist/index.js'), 'export const EchoModule = { id: "Echo!" };\n');
    const { code, output } = await run();
    expect(code).toBe(1);
    expect(output).toContain('the module violates the contract');
    expect(output).toContain('id: must be lowercase letters, digits and dashes');
    expect(output).toContain('execute: must be a function');
    await expect(readFile(path.join(directory, 'dist/catalog.json'))).rejects.toThrow();
    await expect(readFile(path.join(directory, 'src/operation-types.ts'))).rejects.toThrow();
  });

  it('prints its result as JSON with --json', async () => {
    vi.stubEnv('CI', '');
    const { code, output } = await run(['--json']);
    expect(code).toBe(0);
    expect(JSON.parse(output)).toEqual({ package: '@acme/connector-echo', operations: 1, typesChanged: true });
  });

  it('fails with every violation in one error under --json, for main to print as { error }', async () => {
    await writeFile(path.join(directory, 'dist/index.js'), 'export const EchoModule = { id: "Echo!" };\n');
    const failed = run(['--json']);
    await expect(failed).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      message: expect.stringMatching(/^@acme\/connector-echo: the module violates the contract: .*; id: must be lowercase letters, digits and dashes; .*; execute: must be a function/),
    });
  });
});
