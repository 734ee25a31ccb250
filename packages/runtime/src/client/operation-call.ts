import type { ConnectionContext, OperationDefinition, RateLimitState } from '@patchbay/contract';
import type { CallDeadline } from '../http/call-deadline.js';
import type { HttpResponse, RequestOptions } from '../http/request-options.js';

/** What a handler returns: the result data and, for list operations, the next page's cursor. */
export interface HandlerResult<TData = unknown> {
  data: TData;
  nextCursor?: string;
}

export type OperationHandler<TInput = Record<string, unknown>> = (
  input: TInput,
  call: OperationCall,
) => Promise<HandlerResult>;

type Sender = (options: RequestOptions, call: OperationCall) => Promise<HttpResponse>;

/**
 * One execution of one operation. Handlers send requests through it so every attempt is counted
 * and the caller's signal reaches the transport.
 */
export class OperationCall {
  attempts = 0;
  status: number | undefined;
  rateLimit: RateLimitState | undefined;
  /** The key every request of this call carries when the connector sends idempotency keys. */
  idempotencyKey: string | undefined;

  constructor(
    readonly operation: string,
    readonly definition: OperationDefinition | undefined,
    readonly signal: AbortSignal | undefined,
    readonly context: Record<string, unknown> | undefined,
    /** The connection the call runs on; handlers read vendor settings from its `config`. */
    readonly connection: ConnectionContext,
    private readonly sender: Sender,
    /** When the whole call must end, counted from its start. */
    readonly deadline?: CallDeadline,
  ) {}

  /** Sends a request for this operation; the call's operation id and signal apply to it. */
  request<TData = unknown>(options: Omit<RequestOptions, 'operation'>): Promise<HttpResponse<TData>> {
    return this.sender(options, this) as Promise<HttpResponse<TData>>;
  }
}
