import { randomBytes } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface OpenaiStandInOptions extends StandInOptions {
  /** The only API key accepted, as `Bearer <key>`. Default `sk-standin-key`. */
  apiKey?: string;
}

export interface OpenaiFile {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
}

export interface OpenaiStandIn extends StandIn {
  readonly apiKey: string;
  /** Base URL clients use: the stand-in's URL plus `/v1`, as `https://api.openai.com/v1`. */
  readonly apiUrl: string;
  /** Seeded with 7 files, oldest first; uploads are appended. */
  readonly files: OpenaiFile[];
  /**
   * The next request gets a 429: `requests` or `tokens` (`rate_limit_exceeded`, that budget's
   * `x-ratelimit-remaining-*` at 0 and its reset `1s` ahead, no `Retry-After`) or `quota`
   * (`insufficient_quota`, which waiting does not cure).
   */
  rateLimitNext(kind?: 'requests' | 'tokens' | 'quota'): void;
}

const MODELS = ['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small', 'omni-moderation-latest', 'dall-e-3', 'gpt-image-1'];
const CREATED = 1_715_367_049;

/** OpenAI's error body, `{ error: { message, type, param, code } }`. */
export function openaiError(status: number, type: string, message: string, code: string | null = null, param: string | null = null): StandInResponse {
  return { status, body: { error: { message, type, param, code } } };
}

const requestId = (): string => `req_${randomBytes(12).toString('hex')}`;
const words = (text: string): number => Math.max(1, text.split(/\s+/).filter(Boolean).length);

function requireModel(body: Record<string, unknown>): StandInResponse | undefined {
  if (typeof body.model !== 'string') return openaiError(400, 'invalid_request_error', "you must provide a model parameter", null, 'model');
  if (!MODELS.includes(body.model)) {
    return openaiError(404, 'invalid_request_error', `The model \`${body.model}\` does not exist or you do not have access to it.`, 'model_not_found');
  }
  return undefined;
}

function chat(body: Record<string, unknown>): StandInResponse {
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return openaiError(400, 'invalid_request_error', "Missing required parameter: 'messages'.", 'missing_required_parameter', 'messages');
  }
  const last = messages.at(-1) as { content?: unknown };
  const prompt = typeof last.content === 'string' ? last.content : JSON.stringify(last.content);
  const content = `You said: ${prompt}`;
  const promptTokens = messages.reduce((total: number, message: { content?: unknown }) => total + words(String(message.content ?? '')), 0);
  return {
    status: 200,
    body: {
      id: `chatcmpl-${randomBytes(10).toString('hex')}`,
      object: 'chat.completion',
      created: Math.floor(Date.now() / 1000),
      model: `${String(body.model)}-2024-07-18`,
      choices: Array.from({ length: Number(body.n ?? 1) }, (_, index) => ({
        index,
        message: { role: 'assistant', content, refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      })),
      usage: { prompt_tokens: promptTokens, completion_tokens: words(content), total_tokens: promptTokens + words(content) },
      system_fingerprint: 'fp_standin',
    },
  };
}

function embeddings(body: Record<string, unknown>): StandInResponse {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const dimensions = Number(body.dimensions ?? 8);
  const data = inputs.map((input, index) => ({
    object: 'embedding',
    index,
    // A deterministic vector per input, so equal inputs embed equally.
    embedding: Array.from({ length: dimensions }, (_, position) => ((String(input).length * (position + 1)) % 97) / 97),
  }));
  const tokens = inputs.reduce((total: number, input) => total + words(String(input)), 0);
  return { status: 200, body: { object: 'list', data, model: body.model, usage: { prompt_tokens: tokens, total_tokens: tokens } } };
}

function moderations(body: Record<string, unknown>): StandInResponse {
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  const results = inputs.map((input) => {
    const violent = /\b(kill|attack)\b/i.test(String(input));
    return { flagged: violent, categories: { violence: violent, harassment: false }, category_scores: { violence: violent ? 0.97 : 0.001, harassment: 0.0004 } };
  });
  return { status: 200, body: { id: `modr-${randomBytes(6).toString('hex')}`, model: body.model ?? 'omni-moderation-latest', results } };
}

function listFiles(files: OpenaiFile[], request: StandInRequest): StandInResponse {
  const { purpose, after, order = 'desc' } = request.query;
  const limit = Number(request.query.limit ?? 10_000);
  let matching = files.filter((file) => purpose === undefined || file.purpose === purpose);
  if (order === 'desc') matching = [...matching].reverse();
  const start = after ? matching.findIndex((file) => file.id === after) + 1 : 0;
  const data = matching.slice(start, start + limit);
  return {
    status: 200,
    body: { object: 'list', data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: start + limit < matching.length },
  };
}

/** `POST /files` takes multipart/form-data with a `purpose` field and a `file` part, as OpenAI does. */
function uploadFile(files: OpenaiFile[], request: StandInRequest): StandInResponse {
  const form = request.multipart;
  if (!form) return openaiError(400, 'invalid_request_error', 'Expected multipart/form-data with a file and a purpose');
  const purpose = form.fields.purpose;
  if (!purpose) return openaiError(400, 'invalid_request_error', "Missing required parameter: 'purpose'.", 'missing_required_parameter', 'purpose');
  const upload = form.files.file;
  if (!upload) return openaiError(400, 'invalid_request_error', "Missing required parameter: 'file'.", 'missing_required_parameter', 'file');
  const file: OpenaiFile = {
    id: `file-${randomBytes(12).toString('hex')}`,
    object: 'file',
    bytes: upload.content.length,
    created_at: Math.floor(Date.now() / 1000),
    filename: upload.filename,
    purpose,
  };
  files.push(file);
  return { status: 200, body: file };
}

function route(files: OpenaiFile[], request: StandInRequest): StandInResponse {
  const path = request.path.replace(/^\/v1/, '');
  const body = (request.json ?? {}) as Record<string, unknown>;
  if (request.method === 'GET' && path === '/models') {
    return { status: 200, body: { object: 'list', data: MODELS.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })) } };
  }
  const model = /^\/models\/(.+)$/.exec(path);
  if (request.method === 'GET' && model) {
    const id = decodeURIComponent(model[1]!);
    if (!MODELS.includes(id)) return openaiError(404, 'invalid_request_error', `The model '${id}' does not exist`, 'model_not_found', 'model');
    return { status: 200, body: { id, object: 'model', created: CREATED, owned_by: 'system' } };
  }
  if (request.method === 'GET' && path === '/files') return listFiles(files, request);
  if (request.method !== 'POST') return openaiError(404, 'invalid_request_error', `Invalid URL (${request.method} ${request.path})`);
  if (path === '/moderations') return moderations(body);
  if (path === '/files') return uploadFile(files, request);
  const missingModel = requireModel(body);
  if (missingModel) return missingModel;
  switch (path) {
    case '/chat/completions':
      return chat(body);
    case '/embeddings':
      return embeddings(body);
    case '/images/generations':
      return {
        status: 200,
        body: { created: Math.floor(Date.now() / 1000), data: [{ url: 'https://images.stand-in.invalid/generated.png', revised_prompt: `A picture of ${String(body.prompt)}` }] },
      };
    default:
      return openaiError(404, 'invalid_request_error', `Invalid URL (${request.method} ${request.path})`);
  }
}

/**
 * Starts a stand-in of OpenAI's API (`/v1`) on 127.0.0.1: chat completions, embeddings,
 * moderations, models, files and image generation, with OpenAI's error bodies and its
 * `x-ratelimit-*-requests` / `-tokens` headers, whose resets are durations such as `6m0s`.
 */
export async function startOpenaiStandIn(options: OpenaiStandInOptions = {}): Promise<OpenaiStandIn> {
  const apiKey = options.apiKey ?? 'sk-standin-key';
  const files: OpenaiFile[] = Array.from({ length: 7 }, (_, index) => ({
    id: `file-${String(index + 1).padStart(24, '0')}`,
    object: 'file',
    bytes: 1024 * (index + 1),
    created_at: CREATED + index * 60,
    filename: `training-${index + 1}.jsonl`,
    purpose: index % 2 === 0 ? 'fine-tune' : 'assistants',
  }));
  let remainingRequests = 500;
  const budget = (overrides: Record<string, string> = {}) => ({
    'x-ratelimit-limit-requests': '500',
    'x-ratelimit-remaining-requests': String(remainingRequests),
    'x-ratelimit-reset-requests': '120ms',
    'x-ratelimit-limit-tokens': '200000',
    'x-ratelimit-remaining-tokens': '199000',
    'x-ratelimit-reset-tokens': '6m0s',
    ...overrides,
  });
  const standIn = await startStandIn((request) => {
    const authorization = request.headers.authorization ?? '';
    const headers = { 'x-request-id': requestId(), 'openai-processing-ms': '42', 'openai-version': '2020-10-01' };
    if (authorization !== `Bearer ${apiKey}`) {
      const given = authorization.replace(/^Bearer\s+/i, '');
      const masked = given.length > 8 ? `${given.slice(0, 6)}${'*'.repeat(given.length - 10)}${given.slice(-4)}` : '***';
      const error = openaiError(401, 'invalid_request_error', `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`, 'invalid_api_key');
      return { ...error, headers };
    }
    remainingRequests = Math.max(0, remainingRequests - 1);
    const response = route(files, request);
    const organization = request.headers['openai-organization'];
    return { ...response, headers: { ...headers, ...budget(), ...(organization ? { 'openai-organization': organization } : {}), ...response.headers } };
  }, options);
  return {
    ...standIn,
    apiKey,
    apiUrl: `${standIn.url}/v1`,
    files,
    rateLimitNext(kind = 'requests') {
      if (kind === 'quota') {
        const quota = openaiError(429, 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.', 'insufficient_quota');
        standIn.injectFaults({ ...quota, headers: budget() });
        return;
      }
      const unit = kind === 'requests' ? 'requests per min (RPM): Limit 500, Used 500, Requested 1' : 'tokens per min (TPM): Limit 200000, Used 199990, Requested 120';
      const limited = openaiError(429, kind, `Rate limit reached for gpt-4o-mini in organization org-standin on ${unit}. Please try again in 1s.`, 'rate_limit_exceeded');
      const spent: Record<string, string> = kind === 'requests' ? { 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1s' } : { 'x-ratelimit-remaining-tokens': '0', 'x-ratelimit-reset-tokens': '1s' };
      standIn.injectFaults({ ...limited, headers: budget(spent) });
    },
  };
}
