export { LinearClient, LinearModule } from './linear-module.js';
export { linearOperations } from './operations.js';
export { linearAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
