import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { describe, expect, it } from 'vitest';
import { StripeModule } from './index.js';

describe('StripeModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(StripeModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(StripeModule.operations).sort()).toEqual([
      'customers.create',
      'customers.list',
      'customers.retrieve',
      'events.new',
      'invoices.list',
      'paymentIntents.create',
      'paymentIntents.retrieve',
      'refunds.create',
      'subscriptions.create',
    ]);
    for (const operation of Object.values(StripeModule.operations)) expect(operation.http?.path).toMatch(/^\/v1\//);
    expect(StripeModule.operations['events.new']?.trigger).toEqual({ type: 'polling', dedupeKey: 'id' });
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(StripeModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(StripeModule)));
  });
});
