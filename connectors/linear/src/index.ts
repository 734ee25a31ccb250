export { LinearModule } from './linear-module.js';
export { LinearClient } from './linear-client.js';
export { linearOperations } from './operations.js';
export { linearAuth } from './auth.js';
export { VERSION } from './version.js';
