import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { HubspotModule } from './index.js';

describe('HubspotModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(HubspotModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(HubspotModule.operations).sort()).toEqual([
      'companies.create',
      'companies.get',
      'contacts.create',
      'contacts.get',
      'contacts.list',
      'contacts.search',
      'contacts.update',
      'deals.create',
      'deals.update',
    ]);
    for (const operation of Object.values(HubspotModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(HubspotModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(HubspotModule)));
  });
});
