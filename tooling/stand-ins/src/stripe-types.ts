/** A Stripe API object as the stand-in stores it: `id`, `object`, `created` and its own fields. */
export type StripeObject = Record<string, unknown> & { id: string; object: string; created: number };

/** Everything the Stripe stand-in answers from; tests may read and change it freely. */
export interface StripeState {
  customers: StripeObject[];
  paymentIntents: StripeObject[];
  subscriptions: StripeObject[];
  invoices: StripeObject[];
  refunds: StripeObject[];
  /** Prices subscriptions may use: `price_basic` (1000 usd a month) and `price_pro` (5000). */
  prices: StripeObject[];
  /** One event per change, as `/v1/events` lists them. */
  events: StripeObject[];
}
