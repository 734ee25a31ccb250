import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { CLIENT_FACTORY } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { JiraModule } from './index.js';

describe('JiraModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(JiraModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(JiraModule.operations).sort()).toEqual([
      'issues.addComment',
      'issues.create',
      'issues.doTransition',
      'issues.get',
      'issues.getTransitions',
      'issues.search',
      'issues.update',
      'myself.get',
    ]);
    for (const operation of Object.values(JiraModule.operations)) expect(operation.http?.path).toMatch(/^\//);
    const client = JiraModule[CLIENT_FACTORY]({ id: 'handlers', credentials: {}, config: {} }, {});
    expect(client.handlerIds().sort()).toEqual(Object.keys(JiraModule.operations).sort());
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(JiraModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(JiraModule)));
  });
});
