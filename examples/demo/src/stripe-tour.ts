import type { StripeOperations } from '@patchbay/connector-stripe';
import type { IntegrationManager } from '@patchbay/runtime';
import type { StripeStandIn } from '@patchbay/stand-ins';
import type { DemoOutput } from './demo-output.js';

/** The Stripe part of the demo: a customer created through Stripe's form-encoded API. */
export async function stripeTour(manager: IntegrationManager, stripe: StripeStandIn, output: DemoOutput): Promise<void> {
  const payments = await manager.connect<StripeOperations>({
    id: 'stripe-demo',
    connector: 'stripe',
    credentials: { apiKey: stripe.apiKey },
    config: { baseUrl: stripe.url },
  });

  output.beginStep('stripe customers.create', 'a test-mode customer');
  output.result(
    await payments.execute('customers.create', { email: 'ada@example.com', name: 'Ada Lovelace' }),
    (customer) => `customer ${customer.id} <${customer.email ?? ''}>`,
  );
}
