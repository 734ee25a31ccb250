import { BaseAPIClient } from '@patchbay/runtime';
import { stripeAuth } from './auth.js';
import { pollNewEvents } from './new-events-trigger.js';
import { stripeOperations } from './operations.js';
import { createPaymentIntent } from './payment-method-types.js';
import { stripeVendorError } from './stripe-error.js';
import { VERSION } from './version.js';

/** The API version requests pin unless a connection sets `config.apiVersion`. */
export const STRIPE_API_VERSION = '2024-06-20';

/** Stripe API client, one per connection. `config.stripeAccount` acts on a connected account. */
export class StripeClient extends BaseAPIClient.define(
  (connection) => {
    const config = connection.config ?? {};
    const headers: Record<string, string> = {
      'stripe-version': typeof config.apiVersion === 'string' ? config.apiVersion : STRIPE_API_VERSION,
      'user-agent': `patchbay-connector-stripe/${VERSION}`,
    };
    if (typeof config.stripeAccount === 'string') headers['stripe-account'] = config.stripeAccount;
    return {
      auth: stripeAuth,
      baseUrl: 'https://api.stripe.com',
      headers,
      vendorError: stripeVendorError,
      // Every POST gets one key per call that each retry of it repeats: Stripe then performs the
      // write at most once, which is what lets the creates be marked idempotent.
      idempotencyKeyHeader: 'Idempotency-Key',
    };
  },
  { 'events.new': pollNewEvents, 'paymentIntents.create': createPaymentIntent(STRIPE_API_VERSION) },
) {}

/** The Stripe connector module, discovered through this package's `patchbay` metadata. */
export const StripeModule = StripeClient.toConnectorModule({
  id: 'stripe',
  displayName: 'Stripe',
  version: VERSION,
  description: 'Customers, payment intents, subscriptions, invoices and refunds through the Stripe API, and a new-event trigger.',
  documentationUrl: 'https://docs.stripe.com/api',
  operations: stripeOperations,
  // Stripe allows 100 read and 100 write operations a second in live mode, 25 each in test mode;
  // the lower figure is the safe default, and a live connection may raise it in config.rateLimit.
  rateLimit: { limit: 25, intervalMs: 1000 },
});
