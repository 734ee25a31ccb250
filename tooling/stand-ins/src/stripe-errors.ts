import type { StandInResponse } from './stand-in-response.js';

/** Stripe's error types (`card_error`, `invalid_request_error`, `api_error`, `idempotency_error`). */
export type StripeErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface StripeErrorFields {
  code?: string;
  param?: string;
  decline_code?: string;
  [field: string]: unknown;
}

/** Stripe's error body, `{ error: { type, code?, param?, message, doc_url? } }`. */
export function stripeError(status: number, type: StripeErrorType, message: string, fields: StripeErrorFields = {}): StandInResponse {
  const error: Record<string, unknown> = { type, message, ...fields };
  if (typeof fields.code === 'string') error.doc_url = `https://stripe.com/docs/error-codes/${fields.code.replace(/_/g, '-')}`;
  return { status, body: { error } };
}

export const missingParam = (param: string): StandInResponse =>
  stripeError(400, 'invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param });

export const unknownParam = (param: string): StandInResponse =>
  stripeError(400, 'invalid_request_error', `Received unknown parameter: ${param}`, { code: 'parameter_unknown', param });

export const invalidInteger = (param: string): StandInResponse =>
  stripeError(400, 'invalid_request_error', `Invalid integer: ${param}`, { code: 'parameter_invalid_integer', param });

export const noSuch = (kind: string, id: string, param = 'id'): StandInResponse =>
  stripeError(404, 'invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param });
