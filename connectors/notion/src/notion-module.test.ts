import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { NotionModule } from './index.js';

describe('NotionModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(NotionModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(NotionModule.operations).sort()).toEqual([
      'blocks.children.append',
      'blocks.children.list',
      'databases.query',
      'databases.retrieve',
      'pages.create',
      'pages.retrieve',
      'pages.update',
      'search',
      'users.me',
    ]);
    for (const operation of Object.values(NotionModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(NotionModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(NotionModule)));
  });
});
