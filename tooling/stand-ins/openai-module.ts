import { OpenaiClient } from './openai-client.js';
import { openaiOperations } from './operations.js';
import { VERSION } from './version.js';

/**
 * The OpenAI connector module, discovered through this package's `patchbay` metadata. It sets no
 * default limit: OpenAI's limits depend on the account's tier and the model, and every response
 * reports them, so the runtime follows `x-ratelimit-*` instead (set `config.rateLimit` to pace).
 */
export const OpenaiModule = OpenaiClient.toConnectorModule({
  id: 'openai',
  displayName: 'OpenAI',
  version: VERSION,
  description: 'Chat completions, embeddings, moderations, image generation, models and files through the OpenAI API.',
  documentationUrl: 'https://platform.openai.com/docs/api-reference',
  operations: openaiOperations,
});
