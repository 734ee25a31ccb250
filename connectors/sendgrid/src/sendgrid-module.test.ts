import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { CLIENT_FACTORY } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { SendgridModule } from './index.js';

describe('SendgridModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(SendgridModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(SendgridModule.operations).sort()).toEqual([
      'bounces.list',
      'contacts.search',
      'contacts.upsert',
      'lists.list',
      'mail.send',
      'stats.get',
      'templates.list',
    ]);
    for (const operation of Object.values(SendgridModule.operations)) expect(operation.http?.path).toMatch(/^\//);
    const client = SendgridModule[CLIENT_FACTORY]({ id: 'handlers', credentials: {}, config: {} }, {});
    expect(client.handlerIds().sort()).toEqual(Object.keys(SendgridModule.operations).sort());
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(SendgridModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(SendgridModule)));
  });
});
