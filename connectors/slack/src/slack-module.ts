import { BaseAPIClient } from '@patchbay/runtime';
import { slackAuth } from './auth.js';
import { pollNewMessages } from './new-messages-trigger.js';
import { slackOperations } from './operations.js';
import { slackVendorError } from './slack-error.js';
import { VERSION } from './version.js';

/** Slack Web API client, one per connection. Every method is `POST {baseUrl}/{method}`. */
export class SlackClient extends BaseAPIClient.define(
  {
    auth: slackAuth,
    baseUrl: 'https://slack.com/api',
    headers: { 'user-agent': `patchbay-connector-slack/${VERSION}` },
    vendorError: slackVendorError,
  },
  { 'messages.new': pollNewMessages },
) {}

/** The Slack connector module, discovered through this package's `patchbay` metadata. */
export const SlackModule = SlackClient.toConnectorModule({
  id: 'slack',
  displayName: 'Slack',
  version: VERSION,
  description: 'Messages, channels, users and reactions through the Slack Web API, and a new-message trigger.',
  documentationUrl: 'https://api.slack.com/methods',
  operations: slackOperations,
});
