import type { ConnectorExecuteOutput } from '@patchbay/contract';
import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager, type PollState } from '@patchbay/runtime';
import { startStripeStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { STRIPE_API_VERSION, StripeModule, type StripeOperations } from './index.js';

const stripe = useConnectorTest({
  module: StripeModule,
  start: startStripeStandIn,
  connectionId: 'stripe',
  connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.url } }),
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const dataOf = <T>(result: ConnectorExecuteOutput): T => {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as T;
};

describe('Stripe connector against a Stripe stand-in', () => {
  it('declares every operation under /v1/, and events.new as a polling trigger deduplicated by id', () => {
    for (const operation of Object.values(StripeModule.operations)) expect(operation.http?.path).toMatch(/^\/v1\//);
    expect(StripeModule.operations['events.new']?.trigger).toEqual({ type: 'polling', dedupeKey: 'id' });
  });

  it('creates a customer with a bracketed form body, a pinned version and an idempotency key', async () => {
    const result = await stripe.manager.execute('stripe', 'customers.create', { email: 'ada@example.com', name: 'Ada Lovelace', metadata: { plan: 'pro', seats: '5' } });
    expect(result).toMatchObject({ ok: true, data: { object: 'customer', email: 'ada@example.com', metadata: { plan: 'pro', seats: '5' } }, meta: { status: 200, attempts: 1 } });
    const request = stripe.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/customers' });
    expect(request.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({ email: 'ada@example.com', name: 'Ada Lovelace', 'metadata[plan]': 'pro', 'metadata[seats]': '5' });
    expect(request.headers.authorization).toBe(`Bearer ${stripe.standIn.apiKey}`);
    expect(request.headers['stripe-version']).toBe(STRIPE_API_VERSION);
    expect(request.headers['idempotency-key']).toMatch(UUID);
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-stripe\//);
  });

  it('reuses one Idempotency-Key across the retries of a call, and a new one per call', async () => {
    stripe.standIn.serverErrorNext('/v1/customers');
    const result = await stripe.manager.execute('stripe', 'customers.create', { name: 'Retried once' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    const [failed, retried] = stripe.standIn.requests;
    expect(failed!.headers['idempotency-key']).toMatch(UUID);
    expect(retried!.headers['idempotency-key']).toBe(failed!.headers['idempotency-key']);
    expect(retried!.body).toBe(failed!.body);
    expect(stripe.standIn.state.customers.filter((customer) => customer.name === 'Retried once')).toHaveLength(1);

    await stripe.manager.execute('stripe', 'customers.create', { name: 'Another call' });
    expect(stripe.lastRequest().headers['idempotency-key']).not.toBe(failed!.headers['idempotency-key']);
  });

  it('lets the caller pass its own Idempotency-Key, so a repeated call is replayed, not repeated', async () => {
    const options = { context: { idempotencyKey: 'order-1001-customer' } };
    const first = await stripe.manager.execute('stripe', 'customers.create', { name: 'Order 1001' }, options);
    const again = await stripe.manager.execute('stripe', 'customers.create', { name: 'Order 1001' }, options);
    expect(dataOf<{ id: string }>(again).id).toBe(dataOf<{ id: string }>(first).id);
    expect(stripe.standIn.requests.map((request) => request.headers['idempotency-key'])).toEqual(['order-1001-customer', 'order-1001-customer']);
    const reused = await stripe.manager.execute('stripe', 'customers.create', { name: 'Something else' }, options);
    expect(reused).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, message: expect.stringContaining('idempotency_error') } });
  });

  it('retrieves a customer by path parameter and reports a missing one as NOT_FOUND', async () => {
    const id = stripe.standIn.state.customers[0]!.id;
    expect(await stripe.manager.execute('stripe', 'customers.retrieve', { customer: id })).toMatchObject({ ok: true, data: { id, name: 'Customer 1' } });
    expect(stripe.lastRequest()).toMatchObject({ method: 'GET', path: `/v1/customers/${id}`, query: {}, body: '' });
    expect(stripe.lastRequest().headers['idempotency-key']).toBeUndefined();
    const missing = await stripe.manager.execute('stripe', 'customers.retrieve', { customer: 'cus_missing' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, message: expect.stringContaining("No such customer: 'cus_missing'") } });
  });

  it('lists customers page by page through starting_after and has_more', async () => {
    const ids: string[] = [];
    const connection = stripe.manager.connection<StripeOperations>('stripe');
    for await (const customer of connection.items('customers.list', { limit: 5 })) ids.push(customer.id);
    expect(ids).toEqual(stripe.standIn.state.customers.map((customer) => customer.id).reverse());
    const queries = stripe.standIn.requests.map((request) => request.query);
    expect(queries[0]).toEqual({ limit: '5' });
    expect(queries[1]).toEqual({ limit: '5', starting_after: ids[4] });
    expect(queries.at(-1)?.starting_after).toBe(ids[Math.floor((ids.length - 1) / 5) * 5 - 1]);
  });

  it('charges, declines, retrieves and refunds payment intents', async () => {
    const customer = stripe.standIn.state.customers[1]!.id;
    const paid = await stripe.manager.execute('stripe', 'paymentIntents.create', {
      amount: 4200,
      currency: 'usd',
      customer,
      payment_method: 'pm_card_visa',
      confirm: true,
      metadata: { order: '1001' },
    });
    expect(paid).toMatchObject({ ok: true, data: { status: 'succeeded', amount_received: 4200 } });
    expect(stripe.lastRequest().form).toEqual({ amount: '4200', currency: 'usd', customer, payment_method: 'pm_card_visa', confirm: 'true', 'metadata[order]': '1001' });
    const intent = dataOf<{ id: string }>(paid).id;

    expect(await stripe.manager.execute('stripe', 'paymentIntents.retrieve', { intent })).toMatchObject({ ok: true, data: { id: intent, status: 'succeeded' } });
    expect(stripe.lastRequest().path).toBe(`/v1/payment_intents/${intent}`);

    const declined = await stripe.manager.execute('stripe', 'paymentIntents.create', { amount: 4200, currency: 'usd', payment_method: 'pm_card_chargeDeclined', confirm: true });
    expect(declined).toMatchObject({
      ok: false,
      error: { code: 'UPSTREAM_ERROR', status: 402, retryable: false, message: expect.stringContaining('Your card was declined. (card_error, card_declined, generic_decline)') },
      meta: { attempts: 1 },
    });

    const refund = await stripe.manager.execute('stripe', 'refunds.create', { payment_intent: intent, amount: 1000, reason: 'requested_by_customer' });
    expect(refund).toMatchObject({ ok: true, data: { object: 'refund', amount: 1000, status: 'succeeded' } });
    expect(stripe.lastRequest().form).toEqual({ payment_intent: intent, amount: '1000', reason: 'requested_by_customer' });
    expect(stripe.lastRequest().headers['idempotency-key']).toMatch(UUID);
  });

  it('subscribes a customer with items sent as items[0][price] and lists the invoice', async () => {
    const customer = stripe.standIn.state.customers[2]!.id;
    const subscription = await stripe.manager.execute('stripe', 'subscriptions.create', {
      customer,
      items: [{ price: 'price_basic', quantity: 3 }, { price: 'price_pro' }],
      metadata: { source: 'patchbay' },
    });
    expect(subscription).toMatchObject({ ok: true, data: { object: 'subscription', status: 'active', customer } });
    expect(stripe.lastRequest().form).toEqual({
      customer,
      'items[0][price]': 'price_basic',
      'items[0][quantity]': '3',
      'items[1][price]': 'price_pro',
      'metadata[source]': 'patchbay',
    });
    const invoices = await stripe.manager.execute('stripe', 'invoices.list', { customer, status: 'open' });
    expect(invoices).toMatchObject({ ok: true, data: { object: 'list', has_more: false, data: [{ amount_due: 8000, subscription: dataOf<{ id: string }>(subscription).id }] } });
    expect(stripe.lastRequest().query).toEqual({ customer, status: 'open' });
    expect(invoices.ok && invoices.meta.nextCursor).toBeUndefined();
  });

  it('polls new events, delivering each once although consecutive polls overlap', async () => {
    const first = await stripe.manager.poll('stripe', 'events.new', { input: { type: 'customer.created' } });
    expect(first.ok).toBe(true);
    expect(first.items).toHaveLength(stripe.standIn.state.events.filter((event) => event.type === 'customer.created').length);
    expect(first.items.map((item) => (item as { created: number }).created)).toEqual(
      [...first.items.map((item) => (item as { created: number }).created)].sort((left, right) => left - right),
    );

    await stripe.manager.execute('stripe', 'customers.create', { name: 'Polled A' });
    await stripe.manager.execute('stripe', 'customers.create', { name: 'Polled B' });
    const stored = JSON.parse(JSON.stringify(first.state)) as PollState;
    const second = await stripe.manager.poll('stripe', 'events.new', { input: { type: 'customer.created' }, state: stored });
    expect(second.items.map((item) => (item as { data: { object: { name: string } } }).data.object.name)).toEqual(['Polled A', 'Polled B']);
    expect(stripe.lastRequest().query).toMatchObject({ type: 'customer.created', limit: '100', 'created[gte]': String((stored.cursor as { created: number }).created) });

    // The next poll lists the newest second again (created[gte]); nothing is delivered twice.
    const since = (second.state.cursor as { created: number }).created;
    expect(stripe.standIn.state.events.filter((event) => event.type === 'customer.created' && event.created >= since).length).toBeGreaterThan(0);
    const third = await stripe.manager.poll('stripe', 'events.new', { input: { type: 'customer.created' }, state: second.state });
    expect(third).toMatchObject({ ok: true, items: [] });
    expect(stripe.standIn.requests.filter((request) => request.path === '/v1/events').length).toBe(3);
  });

  it('reports a wrong key as AUTH_FAILED without echoing it', async () => {
    await stripe.manager.connect({ id: 'bad', connector: 'stripe', credentials: { apiKey: 'sk_test_wrong_key_value_9999' }, config: { baseUrl: stripe.standIn.url } });
    const result = await stripe.manager.execute('bad', 'customers.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('Invalid API Key provided') } });
    expect(JSON.stringify(result)).not.toContain('sk_test_wrong_key_value_9999');
  });

  it('retries a 429 and reports RATE_LIMITED once retries run out', async () => {
    stripe.standIn.rateLimitNext('/v1/customers');
    expect(await stripe.manager.execute('stripe', 'customers.list', { limit: 1 })).toMatchObject({ ok: true, meta: { attempts: 2 } });
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [StripeModule], retry: { retries: 0 } });
    await manager.connect({ id: 'stripe', connector: 'stripe', credentials: { apiKey: stripe.standIn.apiKey }, config: { baseUrl: stripe.standIn.url } });
    stripe.standIn.rateLimitNext();
    const limited = await manager.execute('stripe', 'paymentIntents.create', { amount: 500, currency: 'usd' });
    await manager.close();
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true, message: expect.stringContaining('rate_limit') } });
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await stripe.manager.execute('stripe', 'subscriptions.create', { customer: 'cus_x', items: [] });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(stripe.standIn.requests).toHaveLength(0);
  });

  it('sends a connection’s API version and connected account', async () => {
    await stripe.manager.connect({
      id: 'connected',
      connector: 'stripe',
      credentials: { apiKey: stripe.standIn.apiKey },
      config: { baseUrl: stripe.standIn.url, apiVersion: '2025-01-27.acacia', stripeAccount: 'acct_123' },
    });
    await stripe.manager.execute('connected', 'customers.list', { limit: 1 });
    expect(stripe.lastRequest().headers).toMatchObject({ 'stripe-version': '2025-01-27.acacia', 'stripe-account': 'acct_123' });
  });

  it('serves a connection pinning a newer Stripe-Version: no payment_method_types, automatic_payment_methods sent as given', async () => {
    await stripe.manager.connect({
      id: 'newer',
      connector: 'stripe',
      credentials: { apiKey: stripe.standIn.apiKey },
      config: { baseUrl: stripe.standIn.url, apiVersion: '2025-09-30.clover' },
    });
    const input = { amount: 2000, currency: 'eur', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } };
    const result = await stripe.manager.execute('newer', 'paymentIntents.create', input);
    expect(result).toMatchObject({ ok: true, data: { object: 'payment_intent', automatic_payment_methods: { enabled: true, allow_redirects: 'never' } } });
    const request = stripe.lastRequest();
    expect(request.headers['stripe-version']).toBe('2025-09-30.clover');
    expect(new URLSearchParams(request.body).get('automatic_payment_methods[enabled]')).toBe('true');
    expect(request.body).not.toContain('payment_method_types');

    // Leaving both out is valid too: Stripe then turns automatic payment methods on.
    const bare = await stripe.manager.execute('newer', 'paymentIntents.create', { amount: 2000, currency: 'eur' });
    expect(bare).toMatchObject({ ok: true, data: { automatic_payment_methods: { enabled: true } } });
  });

  it('sends payment_method_types on the pinned version and allowed_payment_method_types from 2026-09-30 on, refusing the other before sending', async () => {
    const pinned = await stripe.manager.execute('stripe', 'paymentIntents.create', { amount: 2000, currency: 'usd', payment_method_types: ['card'] });
    expect(pinned).toMatchObject({ ok: true, data: { payment_method_types: ['card'] } });
    expect(new URLSearchParams(stripe.lastRequest().body).get('payment_method_types[0]')).toBe('card');
    const tooNew = await stripe.manager.execute('stripe', 'paymentIntents.create', { amount: 2000, currency: 'usd', allowed_payment_method_types: ['card'] });
    expect(tooNew).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('use payment_method_types') }, meta: { attempts: 0 } });

    await stripe.manager.connect({
      id: 'endive',
      connector: 'stripe',
      credentials: { apiKey: stripe.standIn.apiKey },
      config: { baseUrl: stripe.standIn.url, apiVersion: '2026-10-28.endive' },
    });
    const sent = stripe.standIn.requests.length;
    const old = await stripe.manager.execute('endive', 'paymentIntents.create', { amount: 2000, currency: 'usd', payment_method_types: ['card'] });
    expect(old).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('use allowed_payment_method_types') }, meta: { attempts: 0 } });
    expect(stripe.standIn.requests).toHaveLength(sent);
    const allowed = await stripe.manager.execute('endive', 'paymentIntents.create', { amount: 2000, currency: 'usd', allowed_payment_method_types: ['card', 'link'] });
    expect(allowed).toMatchObject({ ok: true, data: { payment_method_types: ['card', 'link'] } });
    expect(stripe.lastRequest().headers['stripe-version']).toBe('2026-10-28.endive');
    expect(new URLSearchParams(stripe.lastRequest().body).getAll('allowed_payment_method_types[1]')).toEqual(['link']);
  });
});
