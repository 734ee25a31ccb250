import type { ConnectorExecuteOutput } from '@patchbay/contract';
import { IntegrationManager, type PollState } from '@patchbay/runtime';
import { startStripeStandIn, type StripeStandIn } from '@patchbay/stand-ins';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION, StripeModule } from './index.js';

let standIn: StripeStandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  standIn = await startStripeStandIn();
});

afterAll(async () => {
  await standIn.close();
});

async function createManager(options: Parameters<typeof IntegrationManager.create>[0] = {}) {
  const created = await IntegrationManager.create({
    cwd: new URL('..', import.meta.url).pathname,
    modules: [StripeModule],
    retry: { minDelayMs: 1, maxDelayMs: 5, retries: 2 },
    ...options,
  });
  await created.connect({ id: 'stripe', connector: 'stripe', credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } });
  return created;
}

beforeEach(async () => {
  standIn.requests.length = 0;
  manager = await createManager();
});

afterEach(async () => {
  await manager.close();
});

function lastRequest() {
  const request = standIn.requests.at(-1);
  if (!request) throw new Error('the stand-in received no request');
  return request;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dataOf = <T>(result: ConnectorExecuteOutput): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
};

describe('Stripe connector against a Stripe stand-in', () => {
  it('creates a customer with a bracketed form body, a pinned version and an idempotency key', async () => {
    const result = await manager.execute('stripe', 'customers.create', { email: 'ada@example.com', name: 'Ada Lovelace', metadata: { plan: 'pro', seats: '5' } });
    expect(result).toMatchObject({ ok: true, data: { object: 'customer', email: 'ada@example.com', metadata: { plan: 'pro', seats: '5' } }, meta: { status: 200, attempts: 1 } });
    const request = lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/customers' });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', 'metadata[plan]': 'pro', 'metadata[seats]': '5' });
    expect(request.headers.authorization).toBe(`Bearer ${standIn.apiKey}`);
    expect(request.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(request.headers['idempotency-key']).toMatch(UUID);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-stripe\//);
  });

  it('reuses one Idempotency-Key across the retries of a call, and a new one per call', async () => {
    standIn.serverErrorNext('/v1/customers');
    const result = await manager.execute('stripe', 'customers.create', { name: 'Retried once' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    const [failed, retried] = standIn.requests;
    expect(failed!.headers['idempotency-key']).toMatch(UUID);
    expect(retried!.headers['idempotency-key']).toBe(failed!.headers['idempotency-key']);
    expect(retried!.body).toBe(failed!.body);
    expect(standIn.state.customers.filter((customer) => customer.name === 'Retried once')).toHaveLength(1);

    await manager.execute('stripe', 'customers.create', { name: 'Another call' });
    expect(lastRequest().headers['idempotency-key']).not.toBe(failed!.headers['idempotency-key']);
  });

  it('lets the caller pass its own Idempotency-Key, so a repeated call is replayed, not repeated', async () => {
    const options = { context: { idempotencyKey: 'order-1001-customer' } };
    const first = await manager.execute('stripe', 'customers.create', { name: 'Order 1001' }, options);
    const again = await manager.execute('stripe', 'customers.create', { name: 'Order 1001' }, options);
    expect(dataOf<{ id: string }>(again).id).toBe(dataOf<{ id: string }>(first).id);
    expect(standIn.requests.map((request) => request.headers['idempotency-key'])).toEqual(['order-1001-customer', 'order-1001-customer']);
    const reused = await manager.execute('stripe', 'customers.create', { name: 'Something else' }, options);
    expect(reused).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, message: expect.stringContaining('idempotency_error') } });
  });

  it('retrieves a customer by path parameter and reports a missing one as NOT_FOUND', async () => {
    const id = standIn.state.customers[0]!.id;
    expect(await manager.execute('stripe', 'customers.retrieve', { customer: id })).toMatchObject({ ok: true, data: { id, name: 'Customer 1' } });
    expect(lastRequest()).toMatchObject({ method: 'GET', path: `/v1/customers/${id}`, query: {}, body: '' });
    expect(lastRequest().headers['idempotency-key']).toBeUndefined();
    const missing = await manager.execute('stripe', 'customers.retrieve', { customer: 'cus_missing' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, message: expect.stringContaining("No such customer: 'cus_missing'") } });
  });

  it('lists customers page by page through starting_after and has_more', async () => {
    const ids: string[] = [];
    for await (const customer of manager.items('stripe', 'customers.list', { limit: 5 })) ids.push((customer as { id: string }).id);
    expect(ids).toEqual(standIn.state.customers.map((customer) => customer.id).reverse());
    const queries = standIn.requests.map((request) => request.query);
    expect(queries[0]).toEqual({ limit: '5' });
    expect(queries[1]).toEqual({ limit: '5', starting_after: ids[4] });
    expect(queries.at(-1)?.starting_after).toBe(ids[Math.floor((ids.length - 1) / 5) * 5 - 1]);
  });

  it('charges, declines, retrieves and refunds payment intents', async () => {
    const customer = standIn.state.customers[1]!.id;
    const paid = await manager.execute('stripe', 'paymentIntents.create', {
      amount: 4200,
      currency: 'usd',
      customer,
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { order: '1001' },
    });
    expect(paid).toMatchObject({ ok: true, data: { status: 'succeeded', amount_received: 4200 } });
    expect(lastRequest().form).toEqual({ amount: '4200', currency: 'usd', customer, payment_method: 'pm_card_visa', confirm: 'true', 'metadata[order]': '1001' });
    const intent = dataOf<{ id: string }>(paid).id;

    expect(await manager.execute('stripe', 'paymentIntents.retrieve', { intent })).toMatchObject({ ok: true, data: { id: intent, status: 'succeeded' } });
    expect(lastRequest().path).toBe(`/v1/payment_intents/${intent}`);

    const declined = await manager.execute('stripe', 'paymentIntents.create', { amount: 4200, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true });
    expect(declined).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_ERROR', status: 402, retryable: false, message: expect.stringContaining('Your card was declined. (card_error, card_declined, generic_decline)') },
      meta: { attempts: 1 },
    });

    const refund = await manager.execute('stripe', 'refunds.create', { payment_intent: intent, amount: 1000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ ok: true, data: { object: 'refund', amount: 1000, status: 'succeeded' } });
    expect(lastRequest().form).toEqual({ payment_intent: intent, amount: '1000', reason: 'requested_by_customer' });
    expect(lastRequest().headers['idempotency-key']).toMatch(UUID);
  });

  it('subscribes a customer with items sent as items[0][price] and lists the invoice', async () => {
    const customer = standIn.state.customers[2]!.id;
    const subscription = await manager.execute('stripe', 'subscriptions.create', {
      customer,
      items: [{ price: 'price_basic', quantity: 3 }, { price: 'price_pro' }],
      metadata: { source: 'patchbay' },
    });
    expect(subscription).toMatchObject({ ok: true, data: { object: 'subscription', status: 'active', customer } });
    expect(lastRequest().form).toEqual({
      customer,
      'items[0][price]': 'price_basic',
      'items[0][quantity]': '3',
      'items[1][price]': 'price_pro',
      'metadata[source]': 'patchbay',
    });
    const invoices = await manager.execute('stripe', 'invoices.list', { customer, status: 'open' });
    expect(invoices).toMatchObject({ ok: true, data: { object: 'list', has_more: false, data: [{ amount_due: 8000, subscription: dataOf<{ id: string }>(subscription).id }] } });
    expect(lastRequest().query).toEqual({ customer, status: 'open' });
    expect(invoices.ok && invoices.meta.nextCursor).toBeUndefined();
  });

  it('polls new events, delivering each once although consecutive polls overlap', async () => {
    const first = await manager.poll('stripe', 'events.new', { input: { type: 'customer.created' } });
    expect(first.ok).toBe(true);
    expect(first.items).toHaveLength(standIn.state.events.filter((event) => event.type === 'customer.created').length);
    expect(first.items.map((item) => (item as { created: number }).created)).toEqual(
      [...first.items.map((item) => (item as { created: number }).created)].sort((left, right) => left - right),
    );

    await manager.execute('stripe', 'customers.create', { name: 'Polled A' });
    await manager.execute('stripe', 'customers.create', { name: 'Polled B' });
    const stored = JSON.parse(JSON.stringify(first.state)) as PollState;
    const second = await manager.poll('stripe', 'events.new', { input: { type: 'customer.created' }, state: stored });
    expect(second.items.map((item) => (item as { data: { object: { name: string } } }).data.object.name)).toEqual(['Polled A', 'Polled B']);
    expect(lastRequest().query).toMatchObject({ type: 'customer.created', limit: '100', 'created[gte]': String((stored.cursor as { created: number }).created) });

    // The next poll lists the newest second again (created[gte]); nothing is delivered twice.
    const since = (second.state.cursor as { created: number }).created;
    expect(standIn.state.events.filter((event) => event.type === 'customer.created' && event.created >= since).length).toBeGreaterThan(0);
    const third = await manager.poll('stripe', 'events.new', { input: { type: 'customer.created' }, state: second.state });
    expect(third).toMatchObject({ ok: true, items: [] });
    expect(standIn.requests.filter((request) => request.path === '/v1/events').length).toBe(3);
  });

  it('reports a wrong key as AUTH_FAILED without echoing it', async () => {
    await manager.connect({ id: 'bad', connector: 'stripe', credentials: { apiKey: 'sk_test_wrong_key_value_9999' }, config: { baseUrl: standIn.url } });
    const result = await manager.execute('bad', 'customers.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('Invalid API Key provided') } });
    expect(JSON.stringify(result)).not.toContain('sk_test_wrong_key_value_9999');
  });

  it('retries a 429 and reports RATE_LIMITED once retries run out', async () => {
    standIn.rateLimitNext('/v1/customers');
    expect(await manager.execute('stripe', 'customers.list', { limit: 1 })).toMatchObject({ ok: true, meta: { attempts: 2 } });
    await manager.close();
    manager = await createManager({ retry: { retries: 0 } });
    standIn.rateLimitNext();
    const limited = await manager.execute('stripe', 'paymentIntents.create', { amount: 500, currency: 'usd' });
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true, message: expect.stringContaining('rate_limit') } });
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await manager.execute('stripe', 'subscriptions.create', { customer: 'cus_x', items: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(standIn.requests).toHaveLength(0);
  });

  it('sends a connection’s API version and connected account', async () => {
    await manager.connect({
      id: 'connected',
      connector: 'stripe',
      credentials: { apiKey: standIn.apiKey },
      config: { baseUrl: standIn.url, apiVersion: '2025-01-27.acacia', stripeAccount: 'acct_123' },
    });
    await manager.execute('connected', 'customers.list', { limit: 1 });
    expect(lastRequest().headers).toMatchObject({ 'stripe-version': '2025-01-27.acacia', 'stripe-account': 'acct_123' });
  });
});
