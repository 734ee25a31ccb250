import { SlackClient } from './slack-client.js';
import { slackOperations } from './operations.js';
import { VERSION } from './version.js';

/** The Slack connector module, discovered through this package's `patchbay` metadata. */
export const SlackModule = SlackClient.toConnectorModule({
  id: 'slack',
  displayName: 'Slack',
  version: VERSION,
  description: 'Messages, channels, users and reactions through the Slack Web API, and a new-message trigger.',
  documentationUrl: 'https://api.slack.com/methods',
  operations: slackOperations,
});
