export { startStandIn } from './stand-in-server.js';
export type { StandIn, StandInHandler, StandInOptions } from './stand-in-server.js';
export type { MultipartBody, RecordedRequest, StandInRequest } from './recorded-request.js';
export type { StandInResponse } from './stand-in-response.js';
export type {
  Fault,
  FaultFilter,
  InvalidJsonFault,
  ResetFault,
  StallFault,
  StatusFault,
  TruncatedFault,
} from './fault.js';
export { startGithubStandIn } from './github-stand-in.js';
export type { GithubStandIn, GithubStandInOptions, RateLimitNextOptions } from './github-stand-in.js';
export type {
  GithubAuthorAssociation,
  GithubBranchReference,
  GithubComment,
  GithubIssue,
  GithubLabel,
  GithubPull,
  GithubRepository,
  GithubState,
  GithubUser,
} from './github-types.js';
export { startNotionStandIn, type NotionStandIn, type NotionStandInOptions, type NotionState } from './notion-stand-in.js';
export { startSlackStandIn } from './slack-stand-in.js';
export type { SlackStandIn, SlackStandInOptions } from './slack-stand-in.js';
export type { SlackChannel, SlackMessage, SlackState, SlackUser } from './slack-types.js';
export { STRIPE_STAND_IN_VERSION, startStripeStandIn } from './stripe-stand-in.js';
export type { StripeStandIn, StripeStandInOptions } from './stripe-stand-in.js';
export type { StripeObject, StripeState } from './stripe-types.js';
export { startLinearStandIn, type LinearStandIn, type LinearStandInOptions, type LinearState } from './linear-stand-in.js';
export { startHubspotStandIn, type HubspotObject, type HubspotObjectType, type HubspotStandIn, type HubspotStandInOptions } from './hubspot-stand-in.js';
export { startJiraStandIn, type JiraIssue, type JiraStandIn, type JiraStandInOptions } from './jira-stand-in.js';
export { startAirtableStandIn, type AirtableBase, type AirtableRecord, type AirtableStandIn, type AirtableStandInOptions, type AirtableTable } from './airtable-stand-in.js';
export { startTwilioStandIn, type TwilioResource, type TwilioStandIn, type TwilioStandInOptions } from './twilio-stand-in.js';
export { startOpenaiStandIn, type OpenaiFile, type OpenaiStandIn, type OpenaiStandInOptions } from './openai-stand-in.js';
export { startSendgridStandIn, type SendgridStandIn, type SendgridStandInOptions, type SendgridStandInState } from './sendgrid-stand-in.js';
export { startGoogleSheetsStandIn, type GoogleSheetsStandIn, type GoogleSheetsStandInOptions, type StandInSpreadsheet } from './google-sheets-stand-in.js';
export { startTestRedis, type TestRedis } from './redis-server.js';
export { startTestPostgres, type TestPostgres } from './postgres-server.js';
export { startTcpWatch, waitFor } from './tcp-watch.js';
export type { TcpWatch } from './tcp-watch.js';
export { startOAuthStandIn, type OAuthStandIn, type OAuthStandInOptions } from './oauth-stand-in.js';
export { OAUTH_VENDORS, type OAuthVendor, type OAuthVendorProfile } from './oauth-vendors.js';
export { startLedgerStandIn, type LedgerStandIn } from './ledger-stand-in.js';
export { startSchemaStandIn, type SchemaStandInModule, type SchemaStandInOptions } from './schema-stand-in.js';
