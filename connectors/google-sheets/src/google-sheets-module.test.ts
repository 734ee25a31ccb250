import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { CLIENT_FACTORY } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { GoogleSheetsModule } from './index.js';

describe('GoogleSheetsModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(GoogleSheetsModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(GoogleSheetsModule.operations).sort()).toEqual([
      'spreadsheets.batchUpdate',
      'spreadsheets.create',
      'spreadsheets.get',
      'spreadsheets.values.append',
      'spreadsheets.values.batchGet',
      'spreadsheets.values.batchUpdate',
      'spreadsheets.values.clear',
      'spreadsheets.values.get',
      'spreadsheets.values.update',
    ]);
    for (const operation of Object.values(GoogleSheetsModule.operations)) expect(operation.http?.path).toMatch(/^\//);
    const client = GoogleSheetsModule[CLIENT_FACTORY]({ id: 'handlers', credentials: {}, config: {} }, {});
    expect(client.handlerIds().sort()).toEqual(Object.keys(GoogleSheetsModule.operations).sort());
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(GoogleSheetsModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(GoogleSheetsModule)));
  });
});
