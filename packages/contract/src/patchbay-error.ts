import type { ErrorCode } from './error-codes.js';
import type { ConnectorError } from './execute.js';

const MARKER = Symbol.for('patchbay.error');

/** The request an error came from, with credentials already redacted. */
export interface RedactedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

export interface PatchbayErrorOptions {
  code: ErrorCode;
  message: string;
  retryable?: boolean;
  status?: number;
  details?: unknown;
  cause?: unknown;
  request?: RedactedRequest;
  /** Milliseconds the server asked us to wait before trying again. */
  retryAfterMs?: number;
  /** The connection's grant is gone (revoked, expired, too narrow): only a new authorization helps. */
  reauthRequired?: boolean;
}

/**
 * The one error type of Patchbay. Thrown inside the runtime and by handlers; turned into a
 * `ConnectorError` at the `execute` boundary, so apps never see a rejection for an operational
 * failure.
 */
export class PatchbayError extends Error {
  readonly [MARKER] = true;
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly details: unknown;
  readonly request: RedactedRequest | undefined;
  readonly retryAfterMs: number | undefined;
  readonly reauthRequired: boolean | undefined;

  constructor(options: PatchbayErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PatchbayError';
    this.code = options.code;
    this.retryable = options.retryable ?? false;
    this.status = options.status;
    this.details = options.details;
    this.request = options.request;
    this.retryAfterMs = options.retryAfterMs;
    this.reauthRequired = options.reauthRequired;
  }

  /** Recognises errors from any copy of the package loaded in the same process. */
  static isInstance(value: unknown): value is PatchbayError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[MARKER] === true;
  }

  toConnectorError(): ConnectorError {
    const error: ConnectorError = { code: this.code, message: this.message, retryable: this.retryable };
    if (this.status !== undefined) error.status = this.status;
    if (this.details !== undefined) error.details = this.details;
    if (this.retryAfterMs !== undefined) error.retryAfterMs = this.retryAfterMs;
    if (this.request !== undefined) error.request = this.request;
    if (this.reauthRequired !== undefined) error.reauthRequired = this.reauthRequired;
    return error;
  }
}
