export { SlackClient, SlackModule } from './slack-module.js';
export { slackOperations } from './operations.js';
export { slackAuth } from './auth.js';
export { SLACK_TIERS } from './slack-tiers.js';
export { slackErrorCode } from './slack-error.js';
export { verifySlackRequest } from './slack-webhook.js';
export type { SlackRequestToVerify } from './slack-webhook.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
