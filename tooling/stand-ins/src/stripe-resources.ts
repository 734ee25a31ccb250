import type { StandInResponse } from './stand-in-response.js';
import { invalidInteger, missingParam, noSuch, stripeError, unknownParam } from './stripe-errors.js';
import type { StripeParam, StripeParams } from './stripe-form.js';
import type { StripeObject, StripeState } from './stripe-types.js';

/** The state plus the helpers every resource uses. */
export interface StripeStore {
  state: StripeState;
  /** A new id with Stripe's prefix (`cus`, `pi`, …): unique, ordered, readable in test output. */
  newId(prefix: string): string;
  /** Seconds since the epoch, as in `created`. */
  now(): number;
  /** Records an event (`customer.created`, …) for `/v1/events`. */
  emit(type: string, object: StripeObject): void;
}

type Route = (store: StripeStore, params: StripeParams, id: string | undefined) => StandInResponse;

const ok = (body: unknown): StandInResponse => ({ status: 200, body });
const text = (value: StripeParam | undefined): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const record = (value: StripeParam | undefined): Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : {};

function integer(params: StripeParams, name: string): number | StandInResponse | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  return typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : invalidInteger(name);
}

function unknownIn(params: StripeParams, allowed: string[]): StandInResponse | undefined {
  const extra = Object.keys(params).find((key) => key !== 'expand' && !allowed.includes(key));
  return extra === undefined ? undefined : unknownParam(extra);
}

const isResponse = (value: unknown): value is StandInResponse => typeof value === 'object' && value !== null && 'status' in value;

/** Stripe's list envelope: newest first, `limit` 1–100 (default 10), `starting_after` / `ending_before` ids. */
export function listPage(items: StripeObject[], params: StripeParams, url: string): StandInResponse {
  const limit = integer(params, 'limit') ?? 10;
  if (isResponse(limit)) return limit;
  if (limit < 1 || limit > 100) {
    return stripeError(400, 'invalid_request_error', 'Invalid limit: must be at least 1 and less than or equal to 100', { param: 'limit' });
  }
  const newestFirst = [...items].reverse();
  let start = 0;
  let end = newestFirst.length;
  const after = text(params.starting_after);
  const before = text(params.ending_before);
  if (after !== undefined) {
    const index = newestFirst.findIndex((item) => item.id === after);
    if (index === -1) return noSuch(items[0]?.object ?? 'object', after, 'starting_after');
    start = index + 1;
  } else if (before !== undefined) {
    const index = newestFirst.findIndex((item) => item.id === before);
    if (index === -1) return noSuch(items[0]?.object ?? 'object', before, 'ending_before');
    end = index;
    start = Math.max(0, end - limit);
  }
  const data = newestFirst.slice(start, Math.min(end, start + limit));
  return ok({ object: 'list', url, has_more: start + data.length < end, data });
}

function findIn(items: StripeObject[], id: string | undefined): StripeObject | undefined {
  return items.find((item) => item.id === id);
}

function createdFilter(params: StripeParams): (item: StripeObject) => boolean {
  const created = params.created;
  if (typeof created === 'string') return (item) => item.created === Number(created);
  const range = record(created);
  return (item) =>
    (range.gte === undefined || item.created >= Number(range.gte)) &&
    (range.gt === undefined || item.created > Number(range.gt)) &&
    (range.lte === undefined || item.created <= Number(range.lte)) &&
    (range.lt === undefined || item.created < Number(range.lt));
}

const createCustomer: Route = (store, params) => {
  const unknown = unknownIn(params, ['email', 'name', 'description', 'phone', 'metadata', 'address', 'payment_method']);
  if (unknown) return unknown;
  const customer: StripeObject = {
    id: store.newId('cus'),
    object: 'customer',
    created: store.now(),
    email: text(params.email) ?? null,
    name: text(params.name) ?? null,
    description: text(params.description) ?? null,
    phone: text(params.phone) ?? null,
    address: params.address ?? null,
    balance: 0,
    currency: null,
    delinquent: false,
    livemode: false,
    metadata: record(params.metadata),
  };
  store.state.customers.push(customer);
  store.emit('customer.created', customer);
  return ok(customer);
};

const createPaymentIntent: Route = (store, params) => {
  const unknown = unknownIn(params, [
    'amount', 'currency', 'customer', 'description', 'metadata', 'payment_method', 'payment_method_types', 'allowed_payment_method_types',
    'confirm', 'automatic_payment_methods', 'receipt_email', 'capture_method', 'return_url',
  ]);
  if (unknown) return unknown;
  const amount = integer(params, 'amount');
  if (isResponse(amount)) return amount;
  if (amount === undefined) return missingParam('amount');
  const currency = text(params.currency);
  if (currency === undefined) return missingParam('currency');
  if (amount < 50) return stripeError(400, 'invalid_request_error', 'Amount must be at least $0.50 usd', { code: 'amount_too_small', param: 'amount' });
  const customer = text(params.customer);
  if (customer !== undefined && !findIn(store.state.customers, customer)) return noSuch('customer', customer, 'customer');
  const paymentMethod = text(params.payment_method);
  const confirm = params.confirm === 'true';
  // From API version 2023-08-16 on (the connector pins a later one), an intent that names no
  // payment_method_types gets automatic payment methods, as Stripe does.
  const listed = params.payment_method_types ?? params.allowed_payment_method_types;
  const methodTypes = Array.isArray(listed) ? listed.filter((type): type is string => typeof type === 'string') : undefined;
  const automatic = record(params.automatic_payment_methods);
  const automaticPaymentMethods = automatic.enabled !== undefined ? { enabled: automatic.enabled === 'true', ...(automatic.allow_redirects ? { allow_redirects: automatic.allow_redirects } : {}) } : methodTypes ? null : { enabled: true };
  const intent: StripeObject = {
    id: store.newId('pi'),
    object: 'payment_intent',
    created: store.now(),
    amount,
    amount_received: 0,
    currency: currency.toLowerCase(),
    customer: customer ?? null,
    description: text(params.description) ?? null,
    metadata: record(params.metadata),
    payment_method: paymentMethod ?? null,
    payment_method_types: methodTypes ?? ['card'],
    automatic_payment_methods: automaticPaymentMethods,
    status: paymentMethod ? 'requires_confirmation' : 'requires_payment_method',
    latest_charge: null,
    livemode: false,
  };
  intent.client_secret = `${intent.id}_secret_standin`;
  if (confirm && paymentMethod === 'pm_card_chargeDeclined') {
    intent.status = 'requires_payment_method';
    store.state.paymentIntents.push(intent);
    return stripeError(402, 'card_error', 'Your card was declined.', { code: 'card_declined', decline_code: 'generic_decline', payment_intent: intent });
  }
  if (confirm && paymentMethod) Object.assign(intent, { status: 'succeeded', amount_received: amount, latest_charge: store.newId('ch') });
  store.state.paymentIntents.push(intent);
  store.emit('payment_intent.created', intent);
  if (intent.status === 'succeeded') store.emit('payment_intent.succeeded', intent);
  return ok(intent);
};

const createSubscription: Route = (store, params) => {
  const unknown = unknownIn(params, ['customer', 'items', 'metadata', 'trial_period_days', 'collection_method', 'days_until_due', 'default_payment_method', 'description']);
  if (unknown) return unknown;
  const customerId = text(params.customer);
  if (customerId === undefined) return missingParam('customer');
  if (!findIn(store.state.customers, customerId)) return noSuch('customer', customerId, 'customer');
  const items = Array.isArray(params.items) ? params.items : undefined;
  if (!items || items.length === 0) return missingParam('items');
  const lines: StripeObject[] = [];
  for (const [index, item] of items.entries()) {
    const priceId = text(record(item).price);
    if (priceId === undefined) return missingParam(`items[${index}][price]`);
    const price = findIn(store.state.prices, priceId);
    if (!price) return noSuch('price', priceId, `items[${index}][price]`);
    lines.push({ id: store.newId('si'), object: 'subscription_item', created: store.now(), price, quantity: Number(record(item).quantity ?? 1) });
  }
  const trial = integer(params, 'trial_period_days');
  if (isResponse(trial)) return trial;
  const now = store.now();
  const subscription: StripeObject = {
    id: store.newId('sub'),
    object: 'subscription',
    created: now,
    customer: customerId,
    status: trial ? 'trialing' : 'active',
    items: { object: 'list', data: lines, has_more: false, url: '/v1/subscription_items' },
    metadata: record(params.metadata),
    current_period_start: now,
    current_period_end: now + 30 * 86_400,
    trial_end: trial ? now + trial * 86_400 : null,
    collection_method: text(params.collection_method) ?? 'charge_automatically',
    livemode: false,
  };
  const amountDue = trial ? 0 : lines.reduce((sum, line) => sum + Number((line.price as StripeObject).unit_amount) * Number(line.quantity), 0);
  const invoice: StripeObject = {
    id: store.newId('in'),
    object: 'invoice',
    created: now,
    customer: customerId,
    subscription: subscription.id,
    status: amountDue === 0 ? 'paid' : 'open',
    amount_due: amountDue,
    amount_paid: 0,
    currency: 'usd',
    livemode: false,
  };
  subscription.latest_invoice = invoice.id;
  store.state.subscriptions.push(subscription);
  store.state.invoices.push(invoice);
  store.emit('customer.subscription.created', subscription);
  store.emit('invoice.created', invoice);
  return ok(subscription);
};

const createRefund: Route = (store, params) => {
  const unknown = unknownIn(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata']);
  if (unknown) return unknown;
  const intentId = text(params.payment_intent);
  const chargeId = text(params.charge);
  if (intentId === undefined && chargeId === undefined) {
    return stripeError(400, 'invalid_request_error', 'One of the following params should be provided for this request: payment_intent or charge.');
  }
  const intent = intentId !== undefined
    ? findIn(store.state.paymentIntents, intentId)
    : store.state.paymentIntents.find((candidate) => candidate.latest_charge === chargeId);
  if (!intent) return intentId !== undefined ? noSuch('payment_intent', intentId, 'payment_intent') : noSuch('charge', chargeId!, 'charge');
  if (intent.status !== 'succeeded') {
    return stripeError(400, 'invalid_request_error', `This PaymentIntent (${intent.id}) does not have a successful charge to refund.`);
  }
  const refunded = store.state.refunds.filter((refund) => refund.payment_intent === intent.id).reduce((sum, refund) => sum + Number(refund.amount), 0);
  const amount = integer(params, 'amount');
  if (isResponse(amount)) return amount;
  const remaining = Number(intent.amount_received) - refunded;
  if ((amount ?? remaining) > remaining || remaining === 0) {
    return stripeError(400, 'invalid_request_error', `Refund amount ($${((amount ?? 0) / 100).toFixed(2)}) is greater than unrefunded amount on charge ($${(remaining / 100).toFixed(2)})`, { code: 'amount_too_large', param: 'amount' });
  }
  const refund: StripeObject = {
    id: store.newId('re'),
    object: 'refund',
    created: store.now(),
    amount: amount ?? remaining,
    currency: intent.currency,
    charge: intent.latest_charge,
    payment_intent: intent.id,
    reason: text(params.reason) ?? null,
    status: 'succeeded',
    metadata: record(params.metadata),
  };
  store.state.refunds.push(refund);
  store.emit('refund.created', refund);
  return ok(refund);
};

const retrieve = (kind: string, pick: (state: StripeState) => StripeObject[]): Route => (store, _params, id) => {
  const found = findIn(pick(store.state), id);
  return found ? ok(found) : noSuch(kind, id ?? '');
};

/** `METHOD /v1/collection` or `METHOD /v1/collection/:id` → handler. */
export const stripeRoutes: Record<string, Route> = {
  'POST /v1/customers': createCustomer,
  'GET /v1/customers': (store, params) => {
    const email = text(params.email);
    return listPage(store.state.customers.filter((customer) => email === undefined || customer.email === email), params, '/v1/customers');
  },
  'GET /v1/customers/:id': retrieve('customer', (state) => state.customers),
  'POST /v1/payment_intents': createPaymentIntent,
  'GET /v1/payment_intents/:id': retrieve('payment_intent', (state) => state.paymentIntents),
  'POST /v1/subscriptions': createSubscription,
  'GET /v1/invoices': (store, params) => {
    const { customer, subscription, status } = params;
    const matches = store.state.invoices.filter(
      (invoice) =>
        (customer === undefined || invoice.customer === customer) &&
        (subscription === undefined || invoice.subscription === subscription) &&
        (status === undefined || invoice.status === status),
    );
    return listPage(matches.filter(createdFilter(params)), params, '/v1/invoices');
  },
  'POST /v1/refunds': createRefund,
  'GET /v1/events': (store, params) => {
    const type = text(params.type);
    const pattern = type === undefined ? undefined : new RegExp(`^${type.replace(/\./g, '\\.').replace(/\*/g, '[^.]+')}$`);
    const matches = store.state.events.filter((event) => (pattern === undefined || pattern.test(String(event.type))) && createdFilter(params)(event));
    return listPage(matches, params, '/v1/events');
  },
};
