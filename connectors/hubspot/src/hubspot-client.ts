import type { ConnectionContext, RateLimitState } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';
import { hubspotAuth } from './auth.js';
import { hubspotVendorError } from './hubspot-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

const OBJECTS = '/crm/v3/objects';

/** HubSpot CRM v3 client, one per connection. */
export class HubspotClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: hubspotAuth,
      baseUrl: 'https://api.hubapi.com',
      headers: { 'user-agent': `patchbay-connector-hubspot/${VERSION}` },
    });
    // HubSpot reads list parameters (`properties`, `associations`) as comma-separated values.
    const arrayFormat = 'comma';
    this.register<Input>('contacts.create', (input, call) => call.request({ method: 'POST', path: `${OBJECTS}/contacts`, params: input }));
    this.register<Input>('contacts.get', (input, call) =>
      call.request({ method: 'GET', path: `${OBJECTS}/contacts/{contactId}`, params: input, arrayFormat }),
    );
    this.register<Input>('contacts.update', (input, call) =>
      call.request({ method: 'PATCH', path: `${OBJECTS}/contacts/{contactId}`, params: input, idempotent: true }),
    );
    this.register<Input>('contacts.list', (input, call) => call.request({ method: 'GET', path: `${OBJECTS}/contacts`, params: input, arrayFormat }));
    // Search reads and changes nothing, so it may be repeated although it is a POST.
    this.register<Input>('contacts.search', (input, call) =>
      call.request({ method: 'POST', path: `${OBJECTS}/contacts/search`, params: input, idempotent: true }),
    );
    this.register<Input>('companies.create', (input, call) => call.request({ method: 'POST', path: `${OBJECTS}/companies`, params: input }));
    this.register<Input>('companies.get', (input, call) =>
      call.request({ method: 'GET', path: `${OBJECTS}/companies/{companyId}`, params: input, arrayFormat }),
    );
    this.register<Input>('deals.create', (input, call) => call.request({ method: 'POST', path: `${OBJECTS}/deals`, params: input }));
    this.register<Input>('deals.update', (input, call) =>
      call.request({ method: 'PATCH', path: `${OBJECTS}/deals/{dealId}`, params: input, idempotent: true }),
    );
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return hubspotVendorError(response);
  }

  /**
   * HubSpot's burst window is rolling and names no reset time, so when it is spent the wait is one
   * whole interval (`X-HubSpot-RateLimit-Interval-Milliseconds`, 10 s): the most it can take.
   */
  protected override rateLimitState(headers: Record<string, string>): RateLimitState | undefined {
    const max = Number(headers['x-hubspot-ratelimit-max']);
    const remaining = Number(headers['x-hubspot-ratelimit-remaining']);
    const interval = Number(headers['x-hubspot-ratelimit-interval-milliseconds']);
    if (Number.isNaN(max) && Number.isNaN(remaining)) return undefined;
    const state: RateLimitState = {};
    if (!Number.isNaN(max)) state.limit = max;
    if (!Number.isNaN(remaining)) state.remaining = remaining;
    if (remaining === 0 && interval > 0) state.resetAt = Date.now() + interval;
    return state;
  }

  /** Lists and searches put the next page's cursor at `paging.next.after`. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const after = (response.data as { paging?: { next?: { after?: unknown } } } | null)?.paging?.next?.after;
    return typeof after === 'string' && after !== '' ? after : undefined;
  }
}
