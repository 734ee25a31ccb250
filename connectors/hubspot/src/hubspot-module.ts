import { HubspotClient } from './hubspot-client.js';
import { hubspotOperations } from './operations.js';
import { VERSION } from './version.js';

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
