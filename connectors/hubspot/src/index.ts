export { HubspotClient, HubspotModule } from './hubspot-module.js';
export { hubspotOperations } from './operations.js';
export { hubspotAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
