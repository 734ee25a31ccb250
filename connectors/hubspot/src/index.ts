export { HubspotModule } from './hubspot-module.js';
export { HubspotClient } from './hubspot-client.js';
export { hubspotOperations } from './operations.js';
export { hubspotAuth } from './auth.js';
export { VERSION } from './version.js';
