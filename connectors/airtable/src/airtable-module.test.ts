import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { AirtableModule } from './index.js';

describe('AirtableModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(AirtableModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(AirtableModule.operations).sort()).toEqual([
      'bases.list',
      'records.create',
      'records.delete',
      'records.get',
      'records.list',
      'records.update',
      'tables.list',
    ]);
    for (const operation of Object.values(AirtableModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(AirtableModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(AirtableModule)));
  });
});
