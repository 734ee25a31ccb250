import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { CLIENT_FACTORY } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { TwilioModule } from './index.js';

describe('TwilioModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(TwilioModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(TwilioModule.operations).sort()).toEqual([
      'accounts.get',
      'calls.create',
      'calls.list',
      'incomingPhoneNumbers.list',
      'messages.create',
      'messages.get',
      'messages.list',
    ]);
    for (const operation of Object.values(TwilioModule.operations)) expect(operation.http?.path).toMatch(/^\//);
    const client = TwilioModule[CLIENT_FACTORY]({ id: 'handlers', credentials: {}, config: {} }, {});
    expect(client.handlerIds().sort()).toEqual(Object.keys(TwilioModule.operations).sort());
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(TwilioModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(TwilioModule)));
  });
});
