export { OpenaiClient, OpenaiModule } from './openai-module.js';
export { openaiOperations } from './operations.js';
export { openaiAuth } from './auth.js';
export { VERSION } from './version.js';
export type * from './operation-types.js';
