import { randomUUID } from 'node:crypto';
import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type OperationCall, type VendorErrorInfo } from '@patchbay/runtime';
import { stripeAuth } from './auth.js';
import { pollNewEvents, type NewEventsInput } from './new-events-trigger.js';
import { stripeVendorError } from './stripe-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** The API version requests pin unless a connection sets `config.apiVersion`. */
export const STRIPE_API_VERSION = '2024-06-20';

const CREATE_PATHS: Record<string, string> = {
  'customers.create': '/v1/customers',
  'paymentIntents.create': '/v1/payment_intents',
  'subscriptions.create': '/v1/subscriptions',
  'refunds.create': '/v1/refunds',
};
const READ_PATHS: Record<string, string> = {
  'customers.retrieve': '/v1/customers/{customer}',
  'customers.list': '/v1/customers',
  'paymentIntents.retrieve': '/v1/payment_intents/{intent}',
  'invoices.list': '/v1/invoices',
};

/** Stripe API client, one per connection. `config.stripeAccount` acts on a connected account. */
export class StripeClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    const config = connection.config ?? {};
    const headers: Record<string, string> = {
      'stripe-version': typeof config.apiVersion === 'string' ? config.apiVersion : STRIPE_API_VERSION,
      'user-agent': `patchbay-connector-stripe/${VERSION}`,
    };
    if (typeof config.stripeAccount === 'string') headers['stripe-account'] = config.stripeAccount;
    super(connection, options, { auth: stripeAuth, baseUrl: 'https://api.stripe.com', headers });

    for (const [operation, path] of Object.entries(CREATE_PATHS)) {
      this.register<Input>(operation, (input, call) =>
        call.request({
          method: 'POST',
          path,
          body: input,
          bodyType: 'form',
          // One key per call, made before the first attempt, so every retry of this call carries
          // the same key and Stripe performs the write at most once.
          headers: { 'idempotency-key': idempotencyKeyOf(call) },
        }),
      );
    }
    for (const [operation, path] of Object.entries(READ_PATHS)) {
      this.register<Input>(operation, (input, call) => call.request({ method: 'GET', path, params: input }));
    }
    this.register<NewEventsInput>('events.new', pollNewEvents);
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return stripeVendorError(response);
  }

  /** Stripe lists say `has_more`; the next page starts after the last item's id. */
  protected override nextCursor(response: HttpResponse, call: OperationCall | undefined): string | undefined {
    if (call?.definition?.pagination?.style !== 'cursor') return undefined;
    const list = response.data as { has_more?: boolean; data?: { id?: unknown }[] } | null;
    const last = list?.data?.at(-1)?.id;
    return list?.has_more === true && typeof last === 'string' ? last : undefined;
  }
}

/** The caller's key (`execute(…, { context: { idempotencyKey } })`) or a fresh random one. */
function idempotencyKeyOf(call: OperationCall): string {
  const given = call.context?.idempotencyKey;
  return typeof given === 'string' && given !== '' ? given : randomUUID();
}
