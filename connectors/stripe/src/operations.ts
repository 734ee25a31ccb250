import type { JSONSchema, OperationMap } from '@patchbay/contract';

const metadata: JSONSchema = {
  type: 'object',
  maxProperties: 50,
  additionalProperties: { type: 'string', maxLength: 500 },
  description: 'Up to 50 key-value pairs, sent as metadata[key]=value',
};
const id = (prefix: string, description: string): JSONSchema => ({ type: 'string', pattern: `^${prefix}_`, description });
const customerId = id('cus', 'Customer id (cus_…)');
const currency: JSONSchema = { type: 'string', pattern: '^[a-zA-Z]{3}$', description: 'Three-letter ISO currency code, e.g. usd' };
const amount: JSONSchema = { type: 'integer', minimum: 1, description: 'Amount in the smallest currency unit (cents for usd)' };
const createdFilter: JSONSchema = {
  anyOf: [
    { type: 'integer' },
    { type: 'object', additionalProperties: false, properties: { gt: { type: 'integer' }, gte: { type: 'integer' }, lt: { type: 'integer' }, lte: { type: 'integer' } } },
  ],
  description: 'Unix seconds, or a range { gt, gte, lt, lte }',
};
const listParameters = {
  limit: { type: 'integer', minimum: 1, maximum: 100, default: 10, description: 'Objects per page (1–100)' },
  starting_after: { type: 'string', description: 'Id of the last object of the previous page' },
  ending_before: { type: 'string', description: 'Id of the first object of the next page, to page backwards' },
} satisfies Record<string, JSONSchema>;

// A page ends where `has_more` is false; the next one starts after the last item's id.
const pagination = { style: 'cursor', cursorParam: 'starting_after', itemsPath: 'data', hasMorePath: 'has_more', cursorPath: 'data.-1.id' } as const;

const stripeObject = (object: string, properties: Record<string, JSONSchema> = {}): JSONSchema => ({
  type: 'object',
  required: ['id', 'object'],
  properties: { id: { type: 'string' }, object: { const: object }, created: { type: 'integer' }, livemode: { type: 'boolean' }, metadata: { type: 'object' }, ...properties },
});
const listOf = (item: JSONSchema): JSONSchema => ({
  type: 'object',
  required: ['object', 'data', 'has_more'],
  properties: { object: { const: 'list' }, data: { type: 'array', items: item }, has_more: { type: 'boolean' }, url: { type: 'string' } },
});

const customer = stripeObject('customer', { email: { type: ['string', 'null'] }, name: { type: ['string', 'null'] } });
const paymentIntent = stripeObject('payment_intent', { amount: { type: 'integer' }, currency: { type: 'string' }, status: { type: 'string' } });
const invoice = stripeObject('invoice', { status: { type: ['string', 'null'] }, amount_due: { type: 'integer' }, customer: { type: ['string', 'object'] } });
const event = stripeObject('event', { type: { type: 'string' }, data: { type: 'object' } });

/** Stripe API operations, with Stripe's own parameter names; POSTs are form-encoded. */
export const stripeOperations = {
  'customers.create': {
    kind: 'action',
    displayName: 'Create a customer',
    description: 'Sent with a fresh Idempotency-Key (or `context.idempotencyKey`), so retries never create two.',
    http: { method: 'POST', path: '/v1/customers', bodyType: 'form' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        email: { type: 'string', format: 'email' },
        name: { type: 'string', maxLength: 256 },
        description: { type: 'string' },
        phone: { type: 'string', maxLength: 20 },
        metadata,
        payment_method: id('pm', 'Payment method to attach (pm_…)'),
        address: {
          type: 'object',
          additionalProperties: false,
          properties: { line1: { type: 'string' }, line2: { type: 'string' }, city: { type: 'string' }, state: { type: 'string' }, postal_code: { type: 'string' }, country: { type: 'string' } },
        },
      },
    },
    outputSchema: customer,
  },
  'customers.retrieve': {
    kind: 'action',
    displayName: 'Retrieve a customer',
    http: { method: 'GET', path: '/v1/customers/{customer}' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['customer'], additionalProperties: false, properties: { customer: customerId } },
    outputSchema: customer,
  },
  'customers.list': {
    kind: 'action',
    displayName: 'List customers',
    description: 'Newest first; `meta.nextCursor` is the last id when `has_more`.',
    http: { method: 'GET', path: '/v1/customers' },
    idempotent: true,
    pagination,
    inputSchema: { type: 'object', additionalProperties: false, properties: { email: { type: 'string' }, created: createdFilter, ...listParameters } },
    outputSchema: listOf(customer),
  },
  'paymentIntents.create': {
    kind: 'action',
    displayName: 'Create a payment intent',
    description: 'With `confirm: true` and a `payment_method` it charges at once; a declined card is UPSTREAM_ERROR with status 402.',
    http: { method: 'POST', path: '/v1/payment_intents', bodyType: 'form' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['amount', 'currency'],
      additionalProperties: false,
      properties: {
        amount,
        currency,
        customer: customerId,
        description: { type: 'string' },
        metadata,
        payment_method: { type: 'string' },
        payment_method_types: { type: 'array', items: { type: 'string' }, description: 'API versions before 2026-09-30 only' },
        allowed_payment_method_types: { type: 'array', items: { type: 'string' }, description: 'API versions from 2026-09-30 on (`config.apiVersion`)' },
        confirm: { type: 'boolean' },
        automatic_payment_methods: { type: 'object', required: ['enabled'], properties: { enabled: { type: 'boolean' }, allow_redirects: { enum: ['always', 'never'] } } },
        receipt_email: { type: 'string', format: 'email' },
        capture_method: { enum: ['automatic', 'automatic_async', 'manual'] },
        return_url: { type: 'string', format: 'uri' },
      },
    },
    outputSchema: paymentIntent,
  },
  'paymentIntents.retrieve': {
    kind: 'action',
    displayName: 'Retrieve a payment intent',
    http: { method: 'GET', path: '/v1/payment_intents/{intent}' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['intent'], additionalProperties: false, properties: { intent: id('pi', 'Payment intent id (pi_…)') } },
    outputSchema: paymentIntent,
  },
  'subscriptions.create': {
    kind: 'action',
    displayName: 'Create a subscription',
    description: 'Subscribes a customer to prices; `items` is sent as items[0][price], items[0][quantity], ….',
    http: { method: 'POST', path: '/v1/subscriptions', bodyType: 'form' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['customer', 'items'],
      additionalProperties: false,
      properties: {
        customer: customerId,
        items: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: { type: 'object', required: ['price'], additionalProperties: false, properties: { price: id('price', 'Price id (price_…)'), quantity: { type: 'integer', minimum: 1 } } },
        },
        metadata,
        trial_period_days: { type: 'integer', minimum: 1, maximum: 730 },
        collection_method: { enum: ['charge_automatically', 'send_invoice'] },
        days_until_due: { type: 'integer', minimum: 0 },
        default_payment_method: { type: 'string' },
        description: { type: 'string' },
      },
    },
    outputSchema: stripeObject('subscription', { status: { type: 'string' }, customer: { type: ['string', 'object'] }, items: { type: 'object' } }),
  },
  'invoices.list': {
    kind: 'action',
    displayName: 'List invoices',
    http: { method: 'GET', path: '/v1/invoices' },
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        customer: customerId,
        subscription: id('sub', 'Subscription id (sub_…)'),
        status: { enum: ['draft', 'open', 'paid', 'uncollectible', 'void'] },
        created: createdFilter,
        ...listParameters,
      },
    },
    outputSchema: listOf(invoice),
  },
  'refunds.create': {
    kind: 'action',
    displayName: 'Refund a payment',
    description: 'Refunds all or part (`amount`) of a payment intent or charge.',
    http: { method: 'POST', path: '/v1/refunds', bodyType: 'form' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      anyOf: [{ required: ['payment_intent'] }, { required: ['charge'] }],
      properties: {
        payment_intent: id('pi', 'Payment intent to refund (pi_…)'),
        charge: id('ch', 'Charge to refund (ch_…)'),
        amount,
        reason: { enum: ['duplicate', 'fraudulent', 'requested_by_customer'] },
        metadata,
      },
    },
    outputSchema: stripeObject('refund', { amount: { type: 'integer' }, status: { type: ['string', 'null'] }, payment_intent: { type: ['string', 'null'] } }),
  },
  'events.new': {
    kind: 'trigger',
    displayName: 'New event',
    description: 'Polls GET /v1/events (30 days of history); each event is delivered once (deduplicated by `id`), oldest first.',
    http: { method: 'GET', path: '/v1/events' },
    idempotent: true,
    trigger: { type: 'polling', dedupeKey: 'id' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        type: { type: 'string', description: 'Event type, `*` allowed in a segment: invoice.paid, customer.*' },
        limit: listParameters.limit,
        state: { type: 'object', properties: { created: { type: 'integer' } }, description: 'Set by the runtime from the previous poll' },
      },
    },
    outputSchema: { type: 'object', required: ['items', 'state'], properties: { items: { type: 'array', items: event }, state: { type: 'object' } } },
  },
} satisfies OperationMap;
