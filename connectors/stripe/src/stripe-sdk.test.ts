import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { operationFields, readVendorDeclarations, rejectedVendorLiterals, vendorPackageDirectory, type VendorDeclarations } from '@patchbay/connector-kit/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { StripeModule } from './index.js';

/** Each operation's resource in Stripe's official SDK and the params type it takes. */
const sdk: Record<string, { resource: string; shape: string }> = {
  'customers.create': { resource: 'Customers', shape: 'CustomerCreateParams' },
  'customers.retrieve': { resource: 'Customers', shape: 'CustomerRetrieveParams' },
  'customers.list': { resource: 'Customers', shape: 'CustomerListParams' },
  'paymentIntents.create': { resource: 'PaymentIntents', shape: 'PaymentIntentCreateParams' },
  'paymentIntents.retrieve': { resource: 'PaymentIntents', shape: 'PaymentIntentRetrieveParams' },
  'subscriptions.create': { resource: 'Subscriptions', shape: 'SubscriptionCreateParams' },
  'invoices.list': { resource: 'Invoices', shape: 'InvoiceListParams' },
  'refunds.create': { resource: 'Refunds', shape: 'RefundCreateParams' },
  'events.new': { resource: 'Events', shape: 'EventListParams' },
};

let root: string;
let declarations: VendorDeclarations;

beforeAll(() => {
  // stripe's ESM build carries one declaration file per resource, generated from Stripe's OpenAPI description.
  root = join(vendorPackageDirectory('stripe', import.meta.url), 'esm');
  const resources = new Set(Object.values(sdk).map((entry) => join(root, 'resources', `${entry.resource}.d.ts`)));
  declarations = readVendorDeclarations([...resources, join(root, 'shared.d.ts')]);
});

/** The requests a resource sends, `METHOD /path/{}` with path parameters unnamed (the SDK calls them `id`). */
function sentRequests(resource: string): Set<string> {
  const source = readFileSync(join(root, 'resources', `${resource}.js`), 'utf8');
  return new Set([...source.matchAll(/_makeRequest\('(\w+)', [`'](\/v1\/[^`']+)[`']/g)].map((match) => `${match[1]} ${match[2]!.replace(/\$\{[^}]+\}/g, '{}')}`));
}

/**
 * Where the connector knowingly differs from the SDK, which describes Stripe's newest API version
 * while the connector pins 2024-06-20: fields that version requires or still takes.
 */
const pinnedVersionRequires: Record<string, string[]> = {
  // Newer versions also take `customer_account` instead; 2024-06-20 needs a customer, and a
  // subscription without items has nothing to bill.
  'subscriptions.create': ['customer', 'items'],
};
const pinnedVersionTakes: Record<string, string[]> = {
  // Refused from 2026-09-30 on by the connector itself (payment-method-types.ts).
  'paymentIntents.create': ['payment_method_types'],
  // The trigger's own poll state, which the runtime hands it.
  'events.new': ['state'],
};

const operations = Object.entries(StripeModule.operations);
const pathParameters = (path: string) => [...path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
const shapeOf = (id: string) => declarations.shape(sdk[id]!.shape)!;

describe('Stripe operations against the official SDK (stripe@23.1.0)', () => {
  it('maps every operation of the module', () => {
    expect(Object.keys(sdk).sort()).toEqual(operations.map(([id]) => id).sort());
  });

  it('reads request shapes and required fields out of the SDK', () => {
    expect(declarations.shape('PaymentIntentCreateParams')?.required).toEqual(new Set(['amount', 'currency']));
    expect(declarations.shape('CustomerListParams')?.names.has('starting_after')).toBe(true);
    expect(sentRequests('PaymentIntents').has('GET /v1/payment_intents/{}')).toBe(true);
  });

  it.each(operations)('%s is sent with the SDK’s method and path', (id, operation) => {
    expect(sentRequests(sdk[id]!.resource)).toContain(`${operation.http!.method} ${operation.http!.path.replace(/\{\w+\}/g, '{}')}`);
  });

  it.each(operations)('%s requires exactly what the SDK requires, and what the pinned version adds', (id, operation) => {
    const required = [...shapeOf(id).required, ...pathParameters(operation.http!.path), ...(pinnedVersionRequires[id] ?? [])];
    expect(operationFields(operation).required).toEqual(new Set(required));
  });

  it.each(operations)('%s names only fields the SDK defines, and what the pinned version takes', (id, operation) => {
    const names = new Set([...shapeOf(id).names, ...pathParameters(operation.http!.path), ...(pinnedVersionTakes[id] ?? [])]);
    expect([...operationFields(operation).names].filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(operations)('%s accepts every enum value the SDK lists', (id, operation) => {
    // The SDK's `Emptyable<T>` adds '' to clear a field on update; a create has nothing to clear.
    const rejected = rejectedVendorLiterals(operation, declarations, sdk[id]!.shape).filter((entry) => !entry.endsWith(': '));
    expect(rejected).toEqual([]);
  });

  it('paymentIntents.create takes what newer API versions take, and payment_method_types only as optional', () => {
    const fields = operationFields(StripeModule.operations['paymentIntents.create']!);
    for (const name of ['allowed_payment_method_types', 'automatic_payment_methods']) {
      expect(fields.names.has(name)).toBe(true);
      expect(shapeOf('paymentIntents.create').names.has(name)).toBe(true);
    }
    expect(shapeOf('paymentIntents.create').names.has('payment_method_types')).toBe(false);
    for (const name of ['payment_method_types', 'allowed_payment_method_types', 'automatic_payment_methods']) expect(fields.required.has(name)).toBe(false);
  });
});
