export { OpenaiModule } from './openai-module.js';
export { OpenaiClient } from './openai-client.js';
export { openaiOperations } from './operations.js';
export { openaiAuth } from './auth.js';
export { VERSION } from './version.js';
