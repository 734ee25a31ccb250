import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';
import { notionAuth } from './auth.js';
import { notionVendorError } from './notion-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** The API version this connector's schemas describe; Notion requires it on every request. */
export const NOTION_VERSION = '2022-06-28';

/** Notion API client, one per connection. */
export class NotionClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: notionAuth,
      baseUrl: 'https://api.notion.com/v1',
      headers: { 'notion-version': NOTION_VERSION, 'user-agent': `patchbay-connector-notion/${VERSION}` },
    });
    this.register<Input>('users.me', (_input, call) => call.request({ method: 'GET', path: '/users/me' }));
    this.register<Input>('pages.create', (input, call) => call.request({ method: 'POST', path: '/pages', params: input }));
    this.register<Input>('pages.retrieve', (input, call) => call.request({ method: 'GET', path: '/pages/{page_id}', params: input }));
    this.register<Input>('pages.update', (input, call) =>
      call.request({ method: 'PATCH', path: '/pages/{page_id}', params: input, idempotent: true }),
    );
    this.register<Input>('databases.retrieve', (input, call) =>
      call.request({ method: 'GET', path: '/databases/{database_id}', params: input }),
    );
    // A query reads and changes nothing, so it may be repeated although it is a POST.
    this.register<Input>('databases.query', (input, call) =>
      call.request({ method: 'POST', path: '/databases/{database_id}/query', params: input, idempotent: true }),
    );
    this.register<Input>('blocks.children.list', (input, call) =>
      call.request({ method: 'GET', path: '/blocks/{block_id}/children', params: input }),
    );
    this.register<Input>('blocks.children.append', (input, call) =>
      call.request({ method: 'PATCH', path: '/blocks/{block_id}/children', params: input }),
    );
    this.register<Input>('search', (input, call) => call.request({ method: 'POST', path: '/search', params: input, idempotent: true }));
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return notionVendorError(response);
  }

  /** Notion lists carry `has_more` and `next_cursor`, which goes back as `start_cursor`. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const list = response.data as { object?: string; has_more?: boolean; next_cursor?: string | null } | null;
    if (list?.object !== 'list' || list.has_more !== true || typeof list.next_cursor !== 'string') return undefined;
    return list.next_cursor;
  }
}
