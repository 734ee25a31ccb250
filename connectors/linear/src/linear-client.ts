import type { ConnectionContext, RateLimitState } from '@patchbay/contract';
import {
  BaseAPIClient,
  parseResetTime,
  type ClientOptions,
  type HandlerResult,
  type HttpResponse,
  type OperationCall,
  type VendorErrorInfo,
} from '@patchbay/runtime';
import { linearAuth } from './auth.js';
import * as documents from './linear-documents.js';
import { linearVendorError } from './linear-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** The request `authenticate` receives; the runtime does not export its own name for it. */
interface OutgoingRequest {
  url: URL;
  method: string;
  headers: Record<string, string>;
  body: string | Uint8Array | undefined;
}

interface GraphQLBody {
  data?: Record<string, unknown> | null;
}

/** Linear GraphQL API client, one per connection. Every operation is a POST to `/graphql`. */
export class LinearClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: linearAuth,
      baseUrl: 'https://api.linear.app',
      headers: { 'user-agent': `patchbay-connector-linear/${VERSION}` },
    });
    this.register<Input>('viewer', (_input, call) => this.graphql(call, documents.VIEWER, {}, 'viewer'));
    this.register<Input>('issues.list', (input, call) => this.graphql(call, documents.ISSUES, input, 'issues'));
    this.register<Input>('issues.get', (input, call) => this.graphql(call, documents.ISSUE, input, 'issue'));
    this.register<Input>('issues.create', (input, call) => this.graphql(call, documents.ISSUE_CREATE, { input }, 'issueCreate'));
    this.register<Input>('issues.update', ({ id, ...input }, call) =>
      this.graphql(call, documents.ISSUE_UPDATE, { id, input }, 'issueUpdate'),
    );
    this.register<Input>('comments.create', (input, call) => this.graphql(call, documents.COMMENT_CREATE, { input }, 'commentCreate'));
    this.register<Input>('teams.list', (input, call) => this.graphql(call, documents.TEAMS, input, 'teams'));
    this.register<Input>('projects.list', (input, call) => this.graphql(call, documents.PROJECTS, input, 'projects'));
  }

  /** Sends one document; it is repeated after a failure only when the operation is marked idempotent. */
  private async graphql(call: OperationCall, query: string, variables: Input, field: string): Promise<HandlerResult> {
    const response = await call.request<GraphQLBody>({
      method: 'POST',
      path: '/graphql',
      body: { query, variables },
      idempotent: call.definition?.idempotent === true,
    });
    const result: HandlerResult = { data: response.data.data?.[field] ?? null };
    if (response.nextCursor !== undefined) result.nextCursor = response.nextCursor;
    return result;
  }

  /** An API key goes in bare; an OAuth token as `Bearer`, through the runtime's refreshing session. */
  protected override async authenticate(request: OutgoingRequest): Promise<void> {
    const apiKey = this.connection.credentials.apiKey;
    if (typeof apiKey === 'string' && apiKey !== '') {
      request.headers.authorization = apiKey;
      return;
    }
    await super.authenticate(request);
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return linearVendorError(response);
  }

  /** Linear's request budget; the complexity budget counts instead when it is the one spent. */
  protected override rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    const requests = readBudget(headers, 'requests');
    const complexity = readBudget(headers, 'complexity');
    return complexity?.remaining === 0 ? complexity : requests;
  }

  /** The `pageInfo` of the connection the operation read: `endCursor` while `hasNextPage`. */
  protected override nextCursor(response: HttpResponse<GraphQLBody>): string | undefined {
    for (const value of Object.values(response.data?.data ?? {})) {
      const pageInfo = (value as { pageInfo?: { hasNextPage?: boolean; endCursor?: string | null } } | null)?.pageInfo;
      if (pageInfo?.hasNextPage === true && typeof pageInfo.endCursor === 'string') return pageInfo.endCursor;
    }
    return undefined;
  }
}

function readBudget(headers: Record<string, string>, kind: 'requests' | 'complexity'): RateLimitState | undefined {
  const limit = headers[`x-ratelimit-${kind}-limit`];
  const remaining = headers[`x-ratelimit-${kind}-remaining`];
  const reset = headers[`x-ratelimit-${kind}-reset`];
  if (limit === undefined && remaining === undefined) return undefined;
  const state: RateLimitState = {};
  if (limit !== undefined && !Number.isNaN(Number(limit))) state.limit = Number(limit);
  if (remaining !== undefined && !Number.isNaN(Number(remaining))) state.remaining = Number(remaining);
  // Linear sends the reset as epoch milliseconds, which parseResetTime tells apart by magnitude.
  const resetAt = parseResetTime(reset);
  if (resetAt !== undefined) state.resetAt = resetAt;
  return state;
}
