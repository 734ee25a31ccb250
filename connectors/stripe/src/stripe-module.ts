import { StripeClient } from './stripe-client.js';
import { stripeOperations } from './operations.js';
import { VERSION } from './version.js';

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
