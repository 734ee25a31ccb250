import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { OpenaiModule } from './index.js';

describe('OpenaiModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(OpenaiModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(OpenaiModule.operations).sort()).toEqual([
      'chat.completions.create',
      'embeddings.create',
      'files.create',
      'files.list',
      'images.generate',
      'models.list',
      'models.retrieve',
      'moderations.create',
    ]);
    for (const operation of Object.values(OpenaiModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(OpenaiModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(OpenaiModule)));
  });
});
