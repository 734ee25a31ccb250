import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { LinearModule } from './index.js';

describe('LinearModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(LinearModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(LinearModule.operations).sort()).toEqual([
      'comments.create',
      'issues.create',
      'issues.get',
      'issues.list',
      'issues.update',
      'projects.list',
      'teams.list',
      'viewer',
    ]);
    for (const operation of Object.values(LinearModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(LinearModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(LinearModule)));
  });
});
