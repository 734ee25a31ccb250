import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';
import { sendgridAuth } from './auth.js';
import { sendgridVendorError } from './sendgrid-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** SendGrid v3 API client, one per connection. `config.baseUrl` selects the EU region (`https://api.eu.sendgrid.com`). */
export class SendgridClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: sendgridAuth,
      baseUrl: 'https://api.sendgrid.com',
      headers: { 'user-agent': `patchbay-connector-sendgrid/${VERSION}` },
    });
    // SendGrid answers 202 with no body; the message's id, which the Activity feed and the event
    // webhook's `sg_message_id` start with, is only in the X-Message-Id header.
    this.register<Input>('mail.send', async (input, call) => {
      const response = await call.request({ method: 'POST', path: '/v3/mail/send', params: input });
      return { data: { messageId: response.headers['x-message-id'] ?? null } };
    });
    this.register<Input>('contacts.upsert', (input, call) =>
      call.request({ method: 'PUT', path: '/v3/marketing/contacts', params: input }),
    );
    this.register<Input>('contacts.search', (input, call) =>
      call.request({ method: 'POST', path: '/v3/marketing/contacts/search', params: input, idempotent: true }),
    );
    this.register<Input>('lists.list', (input, call) => call.request({ method: 'GET', path: '/v3/marketing/lists', params: input }));
    this.register<Input>('templates.list', (input, call) => call.request({ method: 'GET', path: '/v3/templates', params: input }));
    this.register<Input>('bounces.list', async (input, call) => {
      const response = await call.request<unknown[]>({ method: 'GET', path: '/v3/suppression/bounces', params: input });
      // Offset paging: a full page means there may be more, starting where this one ended.
      const { limit, offset = 0 } = input as { limit?: number; offset?: number };
      const full = limit !== undefined && Array.isArray(response.data) && response.data.length === limit;
      return full ? { data: response.data, nextCursor: String(offset + limit) } : { data: response.data };
    });
    this.register<Input>('stats.get', (input, call) => call.request({ method: 'GET', path: '/v3/stats', params: input }));
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return sendgridVendorError(response);
  }

  /** Marketing and template lists name the next page as a URL in `_metadata.next`; its `page_token` is the cursor. */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const next = (response.data as { _metadata?: { next?: unknown } } | null)?._metadata?.next;
    if (typeof next !== 'string' || next === '') return undefined;
    try {
      return new URL(next, 'https://api.sendgrid.com').searchParams.get('page_token') ?? undefined;
    } catch {
      return undefined;
    }
  }
}
