import type { ErrorCode } from './error-codes.js';
import type { RedactedRequest } from './patchbay-error.js';

/** The connection a call runs on. Credentials never leave the runtime in errors or results. */
export interface ConnectionContext {
  id: string;
  credentials: Record<string, unknown>;
  /** Connection settings, e.g. `{ baseUrl }` for an enterprise or sandbox host. */
  config: Record<string, unknown>;
}

/** The normalized input of `execute`. */
export interface ConnectorExecuteInput {
  operation: string;
  input: Record<string, unknown>;
  connection: ConnectionContext;
  signal?: AbortSignal;
  /** Free-form data from the app (trace ids, the user on whose behalf the call runs). */
  context?: Record<string, unknown>;
}

/** Rate-limit state reported by the upstream API, when it reports one. */
export interface RateLimitState {
  limit?: number;
  remaining?: number;
  /** Epoch milliseconds at which the window resets. */
  resetAt?: number;
}

export interface ExecuteMeta {
  operation: string;
  /** HTTP attempts made, retries included; 0 when nothing was sent. */
  attempts: number;
  durationMs: number;
  /** Status of the last HTTP response, when there was one. */
  status?: number;
  rateLimit?: RateLimitState;
  /** Cursor for the next page of a list operation; absent on the last page. */
  nextCursor?: string;
}

/** An error as data. `status` is set only when a server answered. */
export interface ConnectorError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
  /** Machine-readable detail, e.g. every schema error for `VALIDATION_FAILED`. */
  details?: unknown;
  /** How long the server (or the connection's own limit) asks to wait before trying again. */
  retryAfterMs?: number;
  /** The last request sent for this call, credentials redacted. */
  request?: RedactedRequest;
  /**
   * Set with `AUTH_FAILED` when the connection needs its user to authorize again (the grant was
   * revoked, expired or lacks a scope); calls fail fast until its credentials are replaced.
   */
  reauthRequired?: boolean;
}

export interface ConnectorExecuteSuccess<TData = unknown> {
  ok: true;
  data: TData;
  meta: ExecuteMeta;
}

export interface ConnectorExecuteFailure {
  ok: false;
  error: ConnectorError;
  meta: ExecuteMeta;
}

/** The result of `execute`: one discriminated union, never a thrown error. */
export type ConnectorExecuteOutput<TData = unknown> = ConnectorExecuteSuccess<TData> | ConnectorExecuteFailure;

/** One schema violation, located by a JSON pointer into the input. */
export interface ValidationIssue {
  /** JSON pointer to the offending value (`""` for the input itself). */
  pointer: string;
  message: string;
  /** The schema keyword that failed (`required`, `type`, `enum`, ...). */
  keyword: string;
}
