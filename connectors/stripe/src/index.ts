export { STRIPE_API_VERSION, StripeClient, StripeModule } from './stripe-module.js';
export { stripeOperations } from './operations.js';
export { stripeAuth } from './auth.js';
export { verifyStripeWebhook } from './stripe-webhook.js';
export type { StripeWebhookRequest } from './stripe-webhook.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
