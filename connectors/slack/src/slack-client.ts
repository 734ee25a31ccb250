import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type OperationCall, type VendorErrorInfo } from '@patchbay/runtime';
import { slackAuth } from './auth.js';
import { pollNewMessages, type NewMessagesInput } from './new-messages-trigger.js';
import { slackVendorError } from './slack-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** Methods Slack reads a JSON body for; the charset parameter keeps Slack from warning `missing_charset`. */
const JSON_METHODS = ['chat.postMessage', 'chat.update', 'conversations.create', 'reactions.add'];
/** Read methods take form arguments only: Slack ignores a JSON body there. */
const FORM_METHODS = ['auth.test', 'conversations.list', 'conversations.history', 'users.lookupByEmail', 'users.info'];

/** Slack Web API client, one per connection. Every method is `POST {baseUrl}/{method}`. */
export class SlackClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: slackAuth,
      baseUrl: 'https://slack.com/api',
      headers: { 'user-agent': `patchbay-connector-slack/${VERSION}` },
    });
    // An operation marked idempotent (reads, chat.update) is retried after a 5xx or a dropped
    // connection; a post is retried only when Slack refused it outright (429).
    for (const method of JSON_METHODS) {
      this.register<Input>(method, (input, call) =>
        call.request({
          method: 'POST',
          path: `/${method}`,
          body: input,
          headers: { 'content-type': 'application/json; charset=utf-8' },
          idempotent: call.definition?.idempotent,
        }),
      );
    }
    for (const method of FORM_METHODS) {
      this.register<Input>(method, (input, call) =>
        call.request({ method: 'POST', path: `/${method}`, body: input, bodyType: 'form', idempotent: call.definition?.idempotent }),
      );
    }
    this.register<NewMessagesInput>('messages.new', pollNewMessages);
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return slackVendorError(response);
  }

  /** Slack's cursor lives in the body: `response_metadata.next_cursor`, an empty string on the last page. */
  protected override nextCursor(response: HttpResponse, call: OperationCall | undefined): string | undefined {
    if (call?.definition?.pagination?.style !== 'cursor') return undefined;
    const metadata = (response.data as { response_metadata?: { next_cursor?: unknown } } | null)?.response_metadata;
    return typeof metadata?.next_cursor === 'string' && metadata.next_cursor !== '' ? metadata.next_cursor : undefined;
  }
}
