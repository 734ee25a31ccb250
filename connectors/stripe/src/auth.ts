import type { BearerAuth } from '@patchbay/contract';

/**
 * Stripe authenticates with a secret key (`sk_test_…`, `sk_live_…`) or a restricted key (`rk_…`)
 * sent as a bearer token. Keep it on the server: it can move money.
 */
export const stripeAuth: BearerAuth = {
  strategy: 'bearer',
  field: 'apiKey',
  documentationUrl: 'https://dashboard.stripe.com/apikeys',
  environment: { apiKey: 'STRIPE_SECRET_KEY' },
  credentialsSchema: {
    type: 'object',
    required: ['apiKey'],
    properties: {
      apiKey: { type: 'string', pattern: '^(sk|rk)_(test|live)_', description: 'Secret or restricted API key (sk_… or rk_…)' },
    },
  },
};
