import { BaseAPIClient } from '@patchbay/runtime';
import { hubspotAuth } from './auth.js';
import { createObject } from './create-object.js';
import { hubspotVendorError } from './hubspot-error.js';
import { hubspotOperations } from './operations.js';
import { VERSION } from './version.js';

/** HubSpot CRM v3 client, one per connection. */
export class HubspotClient extends BaseAPIClient.define({
  auth: hubspotAuth,
  baseUrl: 'https://api.hubapi.com',
  headers: { 'user-agent': `patchbay-connector-hubspot/${VERSION}` },
  vendorError: hubspotVendorError,
  // The burst window is rolling and names no reset time, so a spent one is waited out for one
  // whole interval (`X-HubSpot-RateLimit-Interval-Milliseconds`, 10 s): the most it can take.
  rateLimitHeaders: [
    { limit: 'x-hubspot-ratelimit-max', remaining: 'x-hubspot-ratelimit-remaining', window: 'x-hubspot-ratelimit-interval-milliseconds' },
  ],
}, {
  'contacts.create': createObject('contacts.create'),
  'companies.create': createObject('companies.create'),
  'deals.create': createObject('deals.create'),
}) {}

/** The HubSpot connector module, discovered through this package's `patchbay` metadata. */
export const HubspotModule = HubspotClient.toConnectorModule({
  id: 'hubspot',
  displayName: 'HubSpot',
  version: VERSION,
  description: 'Contacts, companies and deals through the HubSpot CRM v3 API, with CRM search.',
  documentationUrl: 'https://developers.hubspot.com/docs/api/crm/understanding-the-crm',
  operations: hubspotOperations,
  // 100 requests per rolling 10 s for a private app on Free and Starter accounts; Professional and
  // Enterprise accounts allow 190 and may raise it with config.rateLimit.
  rateLimit: { limit: 100, intervalMs: 10_000 },
});
