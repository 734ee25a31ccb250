import { PatchbayError } from '@patchbay/contract';
import type { OperationHandler } from '@patchbay/runtime';
import { stripeOperations } from './operations.js';

/**
 * The first Stripe API version whose PaymentIntent create takes `allowed_payment_method_types`
 * and no longer `payment_method_types` (stripe-node's changelog for that version).
 */
export const ALLOWED_PAYMENT_METHOD_TYPES_SINCE = '2026-09-30';

const { method, path, bodyType } = stripeOperations['paymentIntents.create'].http;

/** Whether a connection's `Stripe-Version` is on the `allowed_payment_method_types` side. */
export function takesAllowedPaymentMethodTypes(apiVersion: string): boolean {
  // Versions are dated `YYYY-MM-DD[.name]`, so their date prefixes compare as text.
  return apiVersion.slice(0, 10) >= ALLOWED_PAYMENT_METHOD_TYPES_SINCE;
}

/**
 * `paymentIntents.create` on the connection's own API version: each version knows one of the two
 * list fields, and the one it does not know is refused before sending rather than answered with
 * Stripe's `parameter_unknown`, naming the field to use instead.
 */
export function createPaymentIntent(pinnedVersion: string): OperationHandler {
  return (input, call) => {
    const configured = call.connection.config?.apiVersion;
    const apiVersion = typeof configured === 'string' ? configured : pinnedVersion;
    const newer = takesAllowedPaymentMethodTypes(apiVersion);
    const [unknown, instead] = newer ? ['payment_method_types', 'allowed_payment_method_types'] : ['allowed_payment_method_types', 'payment_method_types'];
    if (input[unknown] !== undefined) {
      throw new PatchbayError({
        code: 'VALIDATION_FAILED',
        message: `Stripe API version ${apiVersion} does not take ${unknown} on a PaymentIntent; use ${instead} or automatic_payment_methods`,
        details: [{ pointer: `/${unknown}`, message: `not accepted by Stripe API version ${apiVersion}` }],
      });
    }
    return call.request({ method, path, bodyType, params: input });
  };
}
