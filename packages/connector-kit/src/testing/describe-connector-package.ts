import { readFile } from 'node:fs/promises';
import { checkConnectorModule, createSchemaCompiler, sharedDefinitionsUri, toCatalog, type ConnectorModule, type JSONSchema } from '@patchbay/contract';
import { handledOperations } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { renderReference } from '../readme/readme-reference.js';
import { generateOperationTypes, OPERATION_TYPES_FILE } from '../types/operation-types.js';
import { describeFixtures, type FixtureOptions } from './describe-fixtures.js';
import { exampleCode, typecheckExample } from './readme-example.js';

/**
 * The package-level tests every connector runs (its `*-module.test.ts` is this one call): the
 * contract, the wiring of every operation, the files derived from the module, a README example
 * that compiles, cursors that feed back into the input as `meta.nextCursor` gives them, and the
 * recorded fixtures replayed (see `describeFixtures`). `packageRoot` is the package
 * directory as a URL (`new URL('..', import.meta.url)` from a file in `src/`).
 */
export function describeConnectorPackage(module: ConnectorModule, packageRoot: URL, options: FixtureOptions = {}): void {
  describe(`the ${module.id} connector package`, () => {
    it('satisfies the connector contract, with an http definition or a handler for every operation', () => {
      const handled = handledOperations(module);
      const result = checkConnectorModule(module, handled ? { handledOperations: handled } : {});
      expect(result.violations).toEqual([]);
      expect(Object.keys(module.operations).length).toBeGreaterThan(0);
      for (const [id, operation] of Object.entries(module.operations)) {
        if (operation.http !== undefined) expect(operation.http.path, id).toMatch(/^\//);
      }
    });

    it('ships the catalog, README reference and operation types written from the module', async () => {
      const catalog = JSON.parse(await readFile(new URL('dist/catalog.json', packageRoot), 'utf8')) as unknown;
      expect(catalog).toEqual(toCatalog(module));
      const readme = await readFile(new URL('README.md', packageRoot), 'utf8');
      expect(readme).toContain(renderReference(toCatalog(module)));
      const types = await readFile(new URL(OPERATION_TYPES_FILE, packageRoot), 'utf8');
      expect(types).toBe(await generateOperationTypes(module));
    });

    it('has a README example that compiles strict against the built package, as an app would', async () => {
      const code = exampleCode(await readFile(new URL('README.md', packageRoot), 'utf8'));
      expect(code, 'README.md has no ```ts block under "## Example"').toBeDefined();
      expect(await typecheckExample(packageRoot, code!)).toEqual([]);
    });

    it('takes every list cursor back in the input as meta.nextCursor (a string) carries it', () => {
      const compiler = createSchemaCompiler();
      for (const [id, operation] of Object.entries(module.operations)) {
        const pagination = operation.pagination;
        if (pagination === undefined) continue;
        const schema = operation.inputSchema.properties?.[pagination.cursorParam];
        expect(schema, `${id}: the input has no field "${pagination.cursorParam}" for its cursor`).toBeDefined();
        const cursor = pagination.style === 'page' || pagination.style === 'link' || pagination.style === 'offset' ? '2' : 'cursor-2';
        const shared = module.$defs === undefined ? undefined : { uri: sharedDefinitionsUri(module.id), definitions: module.$defs };
        expect(compiler.compile(schema as JSONSchema, shared)(cursor), `${id}: "${pagination.cursorParam}" refuses the cursor "${cursor}"`).toBeNull();
      }
    });
  });
  describeFixtures(module, packageRoot, options);
}
