import type { StripeStore } from './stripe-resources.js';
import type { StripeObject, StripeState } from './stripe-types.js';

const SEED_CREATED = 1_700_000_000;

function price(id: string, unitAmount: number, nickname: string): StripeObject {
  return {
    id,
    object: 'price',
    created: SEED_CREATED,
    active: true,
    currency: 'usd',
    nickname,
    unit_amount: unitAmount,
    type: 'recurring',
    recurring: { interval: 'month', interval_count: 1 },
    product: `prod_${nickname.toLowerCase()}`,
  };
}

/** An empty account with two monthly prices, `price_basic` (1000 usd cents) and `price_pro` (5000). */
export function seedStripeState(): StripeState {
  return {
    customers: [],
    paymentIntents: [],
    subscriptions: [],
    invoices: [],
    refunds: [],
    prices: [price('price_basic', 1000, 'Basic'), price('price_pro', 5000, 'Pro')],
    events: [],
  };
}

/** Adds `count` customers, one a minute apart from 2023-11-14, each with its `customer.created` event. */
export function seedStripeCustomers(store: StripeStore, count: number): void {
  for (let index = 1; index <= count; index++) {
    const customer: StripeObject = {
      id: store.newId('cus'),
      object: 'customer',
      created: SEED_CREATED + index * 60,
      email: `customer${index}@example.com`,
      name: `Customer ${index}`,
      description: null,
      phone: null,
      address: null,
      balance: 0,
      currency: null,
      delinquent: false,
      livemode: false,
      metadata: {},
    };
    store.state.customers.push(customer);
    store.emit('customer.created', customer);
  }
}
