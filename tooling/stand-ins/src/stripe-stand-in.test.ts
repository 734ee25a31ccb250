import { request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { parseStripeParams } from './stripe-form.js';
import { startStripeStandIn, type StripeStandIn, type StripeStandInOptions } from './stripe-stand-in.js';

const started: StripeStandIn[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((standIn) => standIn.close()));
});

async function start(options?: StripeStandInOptions): Promise<StripeStandIn> {
  const standIn = await startStripeStandIn(options);
  started.push(standIn);
  return standIn;
}

interface CallOptions {
  form?: string;
  key?: string | null;
  idempotencyKey?: string;
}

/** Calls the stand-in as Stripe's SDKs do: bearer secret key, form-encoded POST bodies. */
async function call(standIn: StripeStandIn, method: 'GET' | 'POST', path: string, { form, key, idempotencyKey }: CallOptions = {}) {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key ?? standIn.apiKey}`;
  if (form !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  const response = await request(`${standIn.url}${path}`, { method, headers, body: form });
  return { status: response.statusCode, headers: response.headers, json: (await response.body.json()) as Record<string, unknown> };
}

describe('parseStripeParams', () => {
  it('decodes bracketed keys into objects and arrays', () => {
    expect(parseStripeParams('customer=cus_1&items[0][price]=price_basic&items[0][quantity]=2&items[1][price]=price_pro&metadata[plan]=pro&expand[]=a&expand[]=b')).toEqual({
      customer: 'cus_1',
      items: [{ price: 'price_basic', quantity: '2' }, { price: 'price_pro' }],
      metadata: { plan: 'pro' },
      expand: ['a', 'b'],
    });
  });
});

describe('Stripe stand-in', () => {
  it('refuses missing and wrong keys with Stripe’s 401 body, masking the key', async () => {
    const standIn = await start();
    expect((await call(standIn, 'GET', '/v1/customers', { key: null })).status).toBe(401);
    const wrong = await call(standIn, 'GET', '/v1/customers', { key: 'sk_test_wrongkey1234' });
    expect(wrong).toMatchObject({ status: 401, json: { error: { type: 'invalid_request_error', message: expect.stringMatching(/^Invalid API Key provided: sk_test_\*+1234$/) } } });
    expect(wrong.headers['request-id']).toMatch(/^req_standin/);
  });

  it('creates and retrieves a customer from a form body with metadata', async () => {
    const standIn = await start({ seed: false });
    const created = await call(standIn, 'POST', '/v1/customers', { form: 'email=ada%40example.com&name=Ada&metadata[plan]=pro' });
    expect(created).toMatchObject({ status: 200, json: { object: 'customer', email: 'ada@example.com', metadata: { plan: 'pro' } } });
    expect(created.headers['stripe-version']).toBe('2024-06-20');
    expect((await call(standIn, 'GET', `/v1/customers/${created.json.id as string}`)).json).toMatchObject({ name: 'Ada' });
    expect(await call(standIn, 'GET', '/v1/customers/cus_missing')).toMatchObject({
      status: 404,
      json: { error: { type: 'invalid_request_error', code: 'resource_missing', param: 'id', message: "No such customer: 'cus_missing'" } },
    });
    expect((await call(standIn, 'POST', '/v1/customers', { form: 'emali=x' })).json).toMatchObject({ error: { code: 'parameter_unknown', param: 'emali' } });
  });

  it('lists newest first with starting_after and has_more', async () => {
    const standIn = await start();
    const first = await call(standIn, 'GET', '/v1/customers?limit=5');
    expect(first.json).toMatchObject({ object: 'list', url: '/v1/customers', has_more: true });
    expect((first.json.data as { name: string }[]).map((customer) => customer.name)).toEqual(['Customer 12', 'Customer 11', 'Customer 10', 'Customer 9', 'Customer 8']);
    const last = (first.json.data as { id: string }[]).at(-1)!.id;
    const second = await call(standIn, 'GET', `/v1/customers?limit=10&starting_after=${last}`);
    expect(second.json).toMatchObject({ has_more: false });
    expect(second.json.data).toHaveLength(7);
    expect((await call(standIn, 'GET', '/v1/customers?limit=101')).status).toBe(400);
  });

  it('replays a POST with the same Idempotency-Key and refuses the key with other parameters', async () => {
    const standIn = await start({ seed: false });
    const first = await call(standIn, 'POST', '/v1/customers', { form: 'name=Once', idempotencyKey: 'key-1' });
    const replay = await call(standIn, 'POST', '/v1/customers', { form: 'name=Once', idempotencyKey: 'key-1' });
    expect(replay.json.id).toBe(first.json.id);
    expect(replay.headers['idempotent-replayed']).toBe('true');
    expect(standIn.state.customers).toHaveLength(1);
    expect(await call(standIn, 'POST', '/v1/customers', { form: 'name=Twice', idempotencyKey: 'key-1' })).toMatchObject({
      status: 400,
      json: { error: { type: 'idempotency_error' } },
    });
  });

  it('confirms, declines and refunds payment intents, and bills subscriptions', async () => {
    const standIn = await start();
    const customer = standIn.state.customers[0]!.id;
    const paid = await call(standIn, 'POST', '/v1/payment_intents', { form: `amount=2000&currency=usd&customer=${customer}&payment_method=pm_card_visa&confirm=true` });
    expect(paid.json).toMatchObject({ status: 'succeeded', amount_received: 2000 });
    const declined = await call(standIn, 'POST', '/v1/payment_intents', { form: 'amount=2000&currency=usd&payment_method=pm_card_chargeDeclined&confirm=true' });
    expect(declined).toMatchObject({ status: 402, json: { error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline' } } });
    expect((await call(standIn, 'POST', '/v1/payment_intents', { form: 'currency=usd' })).json).toMatchObject({ error: { code: 'parameter_missing', param: 'amount' } });
    const refund = await call(standIn, 'POST', '/v1/refunds', { form: `payment_intent=${paid.json.id as string}&amount=500` });
    expect(refund.json).toMatchObject({ object: 'refund', amount: 500, status: 'succeeded' });
    expect((await call(standIn, 'POST', '/v1/refunds', { form: `payment_intent=${paid.json.id as string}&amount=1600` })).json).toMatchObject({ error: { code: 'amount_too_large' } });
    const subscription = await call(standIn, 'POST', '/v1/subscriptions', { form: `customer=${customer}&items[0][price]=price_pro&items[0][quantity]=2` });
    expect(subscription.json).toMatchObject({ object: 'subscription', status: 'active', items: { data: [{ quantity: 2, price: { id: 'price_pro' } }] } });
    const invoices = await call(standIn, 'GET', `/v1/invoices?customer=${customer}`);
    expect(invoices.json.data).toEqual([expect.objectContaining({ amount_due: 10000, subscription: subscription.json.id })]);
    const events = await call(standIn, 'GET', '/v1/events?type=customer.subscription.*&limit=3');
    expect((events.json.data as { type: string }[]).map((event) => event.type)).toEqual(['customer.subscription.created']);
  });

  it('answers rate limits and server errors on demand', async () => {
    const standIn = await start();
    standIn.rateLimitNext('/v1/customers');
    standIn.serverErrorNext();
    const limited = await call(standIn, 'GET', '/v1/customers');
    expect(limited).toMatchObject({ status: 429, json: { error: { code: 'rate_limit' } } });
    const failed = await call(standIn, 'GET', '/v1/events');
    expect(failed).toMatchObject({ status: 500, json: { error: { type: 'api_error' } } });
    expect(failed.headers['stripe-should-retry']).toBe('true');
  });
});
