/** Stable error codes. Apps branch on these; messages are for people. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'UNKNOWN_OPERATION',
  'CONNECTION_NOT_FOUND',
  'CONNECTOR_NOT_FOUND',
  'AUTH_FAILED',
  'RATE_LIMITED',
  'NOT_FOUND',
  'UPSTREAM_ERROR',
  'TIMEOUT',
  'NETWORK_ERROR',
  'ABORTED',
  'CONNECTOR_ERROR',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
