import { PatchbayError, type ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type OperationCall, type VendorErrorInfo } from '@patchbay/runtime';
import { twilioApiKeyAuth, twilioAuth } from './auth.js';
import { twilioVendorError } from './twilio-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

const ACCOUNT = '/2010-04-01/Accounts/{AccountSid}';

/**
 * Twilio REST API (2010-04-01) client, one per connection. The `{AccountSid}` of every path is the
 * connection's, never the caller's: `config.accountSid` (a subaccount the credentials may act
 * for) or else `credentials.accountSid`.
 */
export class TwilioClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: typeof connection.credentials.apiKeySid === 'string' ? twilioApiKeyAuth : twilioAuth,
      baseUrl: 'https://api.twilio.com',
      headers: { 'user-agent': `patchbay-connector-twilio/${VERSION}` },
    });
    const get = (path: string) => (input: Input, call: OperationCall) =>
      call.request({ method: 'GET', path, params: this.inAccount(input) });
    // Twilio takes form bodies and repeats a key for each value of a list (`MediaUrl=a&MediaUrl=b`).
    const create = (path: string) => (input: Input, call: OperationCall) =>
      call.request({ method: 'POST', path, params: this.inAccount(input), bodyType: 'form', arrayFormat: 'repeat' });
    this.register('accounts.get', get(`${ACCOUNT}.json`));
    this.register('messages.create', create(`${ACCOUNT}/Messages.json`));
    this.register('messages.list', get(`${ACCOUNT}/Messages.json`));
    this.register('messages.get', get(`${ACCOUNT}/Messages/{Sid}.json`));
    this.register('calls.create', create(`${ACCOUNT}/Calls.json`));
    this.register('calls.list', get(`${ACCOUNT}/Calls.json`));
    this.register('incomingPhoneNumbers.list', get(`${ACCOUNT}/IncomingPhoneNumbers.json`));
  }

  /** The account every path addresses. */
  get accountSid(): string {
    const sid = this.connection.config.accountSid ?? this.connection.credentials.accountSid;
    if (typeof sid !== 'string' || sid === '') {
      throw new PatchbayError({ code: 'AUTH_FAILED', message: 'The connection has no "accountSid" credential; nothing was sent' });
    }
    return sid;
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return twilioVendorError(response);
  }

  /**
   * Twilio lists name the next page in `next_page_uri`; its `PageToken` is the cursor, so the next
   * request is built like the first, on this connection's base URL, never sent to a URI as given.
   */
  protected override nextCursor(response: HttpResponse): string | undefined {
    const next = (response.data as { next_page_uri?: unknown } | null)?.next_page_uri;
    if (typeof next !== 'string' || next === '') return undefined;
    return new URL(next, 'https://api.twilio.com').searchParams.get('PageToken') ?? undefined;
  }

  private inAccount(input: Input): Input {
    return { ...input, AccountSid: this.accountSid };
  }
}
