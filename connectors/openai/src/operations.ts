import type { JSONSchema, OperationMap } from '@patchbay/contract';

// Objects whose keys the caller chooses (content parts, tools, a JSON schema response format) say
// so, so that their generated input type takes those keys rather than being `{}` or closed.
const openObject: JSONSchema = { type: 'object', additionalProperties: true };
const model = (example: string): JSONSchema => ({ type: 'string', minLength: 1, description: `Model id, e.g. \`${example}\`` });
const user: JSONSchema = { type: 'string', description: 'A stable id of your end user, for abuse monitoring' };
const message: JSONSchema = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { enum: ['developer', 'system', 'user', 'assistant', 'tool'] },
    content: { anyOf: [{ type: 'string' }, { type: 'array', items: openObject }, { type: 'null' }] },
    name: { type: 'string' },
    tool_calls: { type: 'array', items: openObject },
    tool_call_id: { type: 'string' },
  },
};
const textOrTexts: JSONSchema = {
  anyOf: [
    { type: 'string', minLength: 1 },
    { type: 'array', minItems: 1, maxItems: 2048, items: { type: 'string' } },
    { type: 'array', minItems: 1, items: { type: 'integer' } },
    { type: 'array', minItems: 1, items: { type: 'array', items: { type: 'integer' } } },
  ],
};
const modelObject: JSONSchema = {
  type: 'object',
  required: ['id', 'object'],
  properties: { id: { type: 'string' }, object: { const: 'model' }, created: { type: 'integer' }, owned_by: { type: 'string' } },
};

/**
 * OpenAI API operations, with OpenAI's own parameter names. Streaming is not offered: a
 * connector call returns one result.
 */
export const openaiOperations = {
  'chat.completions.create': {
    kind: 'action',
    displayName: 'Create a chat completion',
    description: 'A model’s reply to a conversation; with `tools` it may ask for function calls, with `response_format` it answers JSON.',
    http: { method: 'POST', path: '/chat/completions' },
    // Generating text, vectors or verdicts (here, in embeddings and in moderations) changes nothing
    // on OpenAI's side, so it may be repeated after a 5xx, as OpenAI's own SDKs do; an image costs
    // enough not to.
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['model', 'messages'],
      additionalProperties: false,
      properties: {
        model: model('gpt-4o-mini'),
        messages: { type: 'array', minItems: 1, items: message },
        max_completion_tokens: { type: 'integer', minimum: 1 },
        temperature: { type: 'number', minimum: 0, maximum: 2 },
        top_p: { type: 'number', minimum: 0, maximum: 1 },
        n: { type: 'integer', minimum: 1, maximum: 128 },
        stop: { anyOf: [{ type: 'string' }, { type: 'array', maxItems: 4, items: { type: 'string' } }] },
        presence_penalty: { type: 'number', minimum: -2, maximum: 2 },
        frequency_penalty: { type: 'number', minimum: -2, maximum: 2 },
        response_format: { ...openObject, required: ['type'], properties: { type: { enum: ['text', 'json_object', 'json_schema'] } } },
        tools: { type: 'array', items: { ...openObject, required: ['type'] } },
        tool_choice: { anyOf: [{ enum: ['none', 'auto', 'required'] }, openObject] },
        parallel_tool_calls: { type: 'boolean' },
        // Every effort OpenAI's SDK lists; models differ in which they take, and OpenAI says which.
        reasoning_effort: { enum: ['none', 'minimal', 'low', 'medium', 'high', 'xhigh', 'max'] },
        seed: { type: 'integer' },
        logprobs: { type: 'boolean' },
        top_logprobs: { type: 'integer', minimum: 0, maximum: 20 },
        store: { type: 'boolean' },
        metadata: { type: 'object', additionalProperties: { type: 'string' } },
        safety_identifier: { type: 'string', maxLength: 64, description: 'A stable, hashed id of the end user, for abuse detection (replaces `user`)' },
        prompt_cache_key: { type: 'string', description: 'Groups similar requests for prompt caching (replaces `user`)' },
        user,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['id', 'object', 'choices'],
      properties: {
        id: { type: 'string' },
        object: { const: 'chat.completion' },
        model: { type: 'string' },
        choices: {
          type: 'array',
          items: {
            type: 'object',
            required: ['index', 'message', 'finish_reason'],
            properties: {
              index: { type: 'integer' },
              finish_reason: { type: ['string', 'null'] },
              message: { type: 'object', properties: { role: { type: 'string' }, content: { type: ['string', 'null'] } } },
            },
          },
        },
        usage: { type: 'object' },
      },
    },
  },
  'embeddings.create': {
    kind: 'action',
    displayName: 'Create embeddings',
    description: 'One vector per input text (or token array).',
    http: { method: 'POST', path: '/embeddings' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['model', 'input'],
      additionalProperties: false,
      properties: {
        model: model('text-embedding-3-small'),
        input: textOrTexts,
        encoding_format: { enum: ['float', 'base64'] },
        dimensions: { type: 'integer', minimum: 1 },
        user,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['object', 'data'],
      properties: { object: { const: 'list' }, data: { type: 'array', items: { type: 'object', required: ['index', 'embedding'] } }, usage: { type: 'object' } },
    },
  },
  'moderations.create': {
    kind: 'action',
    displayName: 'Classify content for moderation',
    description: 'Whether text (or images, with `omni-moderation-latest`) breaks the usage policies, per category.',
    http: { method: 'POST', path: '/moderations' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['input'],
      additionalProperties: false,
      properties: {
        input: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'array', minItems: 1, items: { anyOf: [{ type: 'string' }, openObject] } }] },
        model: model('omni-moderation-latest'),
      },
    },
    outputSchema: {
      type: 'object',
      required: ['id', 'results'],
      properties: { id: { type: 'string' }, model: { type: 'string' }, results: { type: 'array', items: { type: 'object', required: ['flagged'] } } },
    },
  },
  'images.generate': {
    kind: 'action',
    displayName: 'Generate an image',
    http: { method: 'POST', path: '/images/generations' },
    inputSchema: {
      type: 'object',
      required: ['prompt'],
      additionalProperties: false,
      properties: {
        prompt: { type: 'string', minLength: 1, maxLength: 32_000 },
        model: model('gpt-image-1'),
        n: { type: 'integer', minimum: 1, maximum: 10 },
        // GPT image models take any `WIDTHxHEIGHT` within their limits, which OpenAI checks.
        size: {
          anyOf: [
            { enum: ['auto', '256x256', '512x512', '1024x1024', '1536x1024', '1024x1536', '1792x1024', '1024x1792'] },
            { type: 'string', pattern: '^[1-9][0-9]*x[1-9][0-9]*$' },
          ],
          description: '`auto`, a standard size, or `WIDTHxHEIGHT` (e.g. `1536x864`) for models that take custom sizes',
        },
        quality: { enum: ['auto', 'low', 'medium', 'high', 'standard', 'hd'] },
        response_format: { enum: ['url', 'b64_json'], description: 'dall-e-2 and dall-e-3 only' },
        output_format: { enum: ['png', 'jpeg', 'webp'], description: 'gpt-image-1 only' },
        background: { enum: ['auto', 'transparent', 'opaque'] },
        style: { enum: ['vivid', 'natural'], description: 'dall-e-3 only' },
        user,
      },
    },
    outputSchema: { type: 'object', required: ['created', 'data'], properties: { created: { type: 'integer' }, data: { type: 'array', items: { type: 'object' } } } },
  },
  'models.list': {
    kind: 'action',
    displayName: 'List models',
    http: { method: 'GET', path: '/models' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: { type: 'object', required: ['data'], properties: { object: { const: 'list' }, data: { type: 'array', items: modelObject } } },
  },
  'models.retrieve': {
    kind: 'action',
    displayName: 'Retrieve a model',
    http: { method: 'GET', path: '/models/{model}' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['model'], additionalProperties: false, properties: { model: model('gpt-4o') } },
    outputSchema: modelObject,
  },
  'files.create': {
    kind: 'action',
    displayName: 'Upload a file',
    description: 'Uploads a file (up to 512 MB) for assistants, batches, fine-tuning, vision or user data, as multipart/form-data.',
    http: { method: 'POST', path: '/files', bodyType: 'multipart' },
    inputSchema: {
      type: 'object',
      required: ['file', 'purpose'],
      additionalProperties: false,
      properties: {
        file: {
          type: 'object',
          required: ['filename', 'content'],
          additionalProperties: false,
          properties: {
            filename: { type: 'string', minLength: 1, description: 'Name OpenAI records, e.g. `train.jsonl`' },
            content: { type: 'string', minLength: 1, contentEncoding: 'base64', description: 'The file, base64-encoded' },
            contentType: { type: 'string', description: 'MIME type of the part; default `application/octet-stream`' },
          },
        },
        purpose: { enum: ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['id', 'object', 'bytes', 'filename', 'purpose'],
      properties: { id: { type: 'string' }, object: { const: 'file' }, bytes: { type: 'integer' }, created_at: { type: 'integer' }, filename: { type: 'string' }, purpose: { type: 'string' } },
    },
  },
  'files.list': {
    kind: 'action',
    displayName: 'List files',
    description: 'Uploaded files, newest first unless `order` is `asc`.',
    http: { method: 'GET', path: '/files' },
    idempotent: true,
    // A page ends with `has_more`; the last file's id goes back as `after`.
    pagination: { style: 'cursor', cursorParam: 'after', itemsPath: 'data', hasMorePath: 'has_more', cursorPath: 'data.-1.id' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        purpose: { type: 'string', description: 'e.g. `assistants`, `batch`, `fine-tune`, `vision`, `user_data`' },
        limit: { type: 'integer', minimum: 1, maximum: 10_000, default: 10_000 },
        order: { enum: ['asc', 'desc'], default: 'desc' },
        after: { type: 'string', minLength: 1, description: 'Id of the last file of the previous page' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['data', 'has_more'],
      properties: { data: { type: 'array', items: { type: 'object', required: ['id', 'filename', 'purpose'] } }, has_more: { type: 'boolean' } },
    },
  },
} satisfies OperationMap;
