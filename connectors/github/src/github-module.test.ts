import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { GithubModule } from './index.js';

describe('GithubModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(GithubModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(GithubModule.operations).sort()).toEqual([
      'issues.create',
      'issues.createComment',
      'issues.get',
      'issues.list',
      'issues.update',
      'pulls.list',
      'repos.get',
      'users.me',
    ]);
    for (const operation of Object.values(GithubModule.operations)) expect(operation.http?.path).toMatch(/^\//);
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(GithubModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(GithubModule)));
  });
});
