import type { BearerAuth } from '@patchbay/contract';

/**
 * OpenAI takes a secret API key as `Authorization: Bearer <key>`; project keys (`sk-proj-…`)
 * already name their project. A user key that belongs to several organizations or projects picks
 * one with the `OpenAI-Organization` and `OpenAI-Project` headers, which the connector sends from
 * `config.organization` and `config.project`.
 */
export const openaiAuth: BearerAuth = {
  strategy: 'bearer',
  field: 'apiKey',
  documentationUrl: 'https://platform.openai.com/api-keys',
  environment: { apiKey: 'OPENAI_API_KEY' },
  credentialsSchema: {
    type: 'object',
    required: ['apiKey'],
    properties: { apiKey: { type: 'string', minLength: 1, description: 'Secret API key (`sk-…`)' } },
  },
};
