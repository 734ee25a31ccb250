import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type QueryValue, type VendorErrorInfo } from '@patchbay/runtime';
import { airtableAuth } from './auth.js';
import { airtableVendorError } from './airtable-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

const TABLE = '/{baseId}/{tableIdOrName}';

/** Airtable Web API client, one per connection. */
export class AirtableClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: airtableAuth,
      baseUrl: 'https://api.airtable.com/v0',
      headers: { 'user-agent': `patchbay-connector-airtable/${VERSION}` },
    });
    this.register<Input>('records.list', ({ baseId, tableIdOrName, ...query }, call) =>
      call.request({ method: 'GET', path: TABLE, params: { baseId, tableIdOrName }, query: listQuery(query) }),
    );
    this.register<Input>('records.get', (input, call) => call.request({ method: 'GET', path: `${TABLE}/{recordId}`, params: input }));
    this.register<Input>('records.create', (input, call) => call.request({ method: 'POST', path: TABLE, params: input }));
    // Setting the same fields twice leaves the same records, and an upsert matches on its merge fields.
    this.register<Input>('records.update', (input, call) => call.request({ method: 'PATCH', path: TABLE, params: input, idempotent: true }));
    this.register<Input>('records.delete', ({ baseId, tableIdOrName, records }, call) =>
      call.request({ method: 'DELETE', path: TABLE, params: { baseId, tableIdOrName }, query: { 'records[]': records as string[] } }),
    );
    this.register<Input>('bases.list', (input, call) => call.request({ method: 'GET', path: '/meta/bases', params: input }));
    this.register<Input>('tables.list', (input, call) => call.request({ method: 'GET', path: '/meta/bases/{baseId}/tables', params: input }));
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return airtableVendorError(response);
  }

  /** Airtable names the next page with `offset` in the body; it goes back as the `offset` parameter. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const offset = (response.data as { offset?: unknown } | null)?.offset;
    return typeof offset === 'string' && offset !== '' ? offset : undefined;
  }
}

/**
 * Airtable's list parameters as its documentation writes them: `fields[]=Name&fields[]=Email`,
 * `sort[0][field]=Name&sort[0][direction]=desc`, `recordMetadata[]=commentCount`.
 */
function listQuery(input: Input): Record<string, QueryValue> {
  const query: Record<string, QueryValue> = {};
  for (const [name, value] of Object.entries(input)) {
    if (name === 'sort' && Array.isArray(value)) {
      value.forEach((sort: { field: string; direction?: string }, index) => {
        query[`sort[${index}][field]`] = sort.field;
        if (sort.direction !== undefined) query[`sort[${index}][direction]`] = sort.direction;
      });
    } else if (Array.isArray(value)) {
      query[`${name}[]`] = value as string[];
    } else {
      query[name] = value as QueryValue;
    }
  }
  return query;
}
