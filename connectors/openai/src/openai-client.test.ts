import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startOpenaiStandIn } from '@patchbay/stand-ins';
import { describe, expect, it } from 'vitest';
import { OpenaiModule } from './index.js';

const openai = useConnectorTest({
  module: OpenaiModule,
  start: startOpenaiStandIn,
  connectionId: 'openai',
  connect: (standIn) => ({ credentials: { apiKey: standIn.apiKey }, config: { baseUrl: standIn.apiUrl } }),
});

const hello = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello there' }] };

describe('OpenAI connector against an OpenAI stand-in', () => {
  it('creates a chat completion with the key, organization and project headers', async () => {
    const config = { baseUrl: openai.standIn.apiUrl, organization: 'org-standin', project: 'proj_standin' };
    await openai.manager.connect({ id: 'openai', connector: 'openai', credentials: { apiKey: openai.standIn.apiKey }, config });
    const result = await openai.manager.execute('openai', 'chat.completions.create', { ...hello, temperature: 0.2, max_completion_tokens: 50 });
    expect(result).toMatchObject({
      ok: true,
      data: { object: 'chat.completion', choices: [{ message: { role: 'assistant', content: 'You said: Hello there' }, finish_reason: 'stop' }] },
      meta: { attempts: 1, status: 200, rateLimit: { limit: 500, remaining: expect.any(Number), resetAt: expect.any(Number) } },
    });
    const request = openai.lastRequest();
    expect(request).toMatchObject({ method: 'POST', path: '/v1/chat/completions' });
    expect(request.headers.authorization).toBe(`Bearer ${openai.standIn.apiKey}`);
    expect(request.headers['openai-organization']).toBe('org-standin');
    expect(request.headers['openai-project']).toBe('proj_standin');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-openai\//);
    expect(request.json).toEqual({ ...hello, temperature: 0.2, max_completion_tokens: 50 });
  });

  it('sends no organization or project header unless configured', async () => {
    await openai.manager.execute('openai', 'models.list', {});
    expect(openai.lastRequest().headers).not.toHaveProperty('openai-organization');
    expect(openai.lastRequest().headers).not.toHaveProperty('openai-project');
  });

  it('creates embeddings, moderations and images', async () => {
    const embedded = await openai.manager.execute('openai', 'embeddings.create', { model: 'text-embedding-3-small', input: ['one', 'two'], dimensions: 4 });
    expect(embedded).toMatchObject({ ok: true, data: { object: 'list', data: [{ index: 0 }, { index: 1 }] } });
    expect((embedded as { data: { data: { embedding: number[] }[] } }).data.data[0]!.embedding).toHaveLength(4);
    expect(openai.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/embeddings', json: { model: 'text-embedding-3-small', input: ['one', 'two'], dimensions: 4 } });

    const moderated = await openai.manager.execute('openai', 'moderations.create', { input: 'I will attack the castle', model: 'omni-moderation-latest' });
    expect(moderated).toMatchObject({ ok: true, data: { results: [{ flagged: true, categories: { violence: true } }] } });
    expect(openai.lastRequest()).toMatchObject({ path: '/v1/moderations', json: { input: 'I will attack the castle', model: 'omni-moderation-latest' } });

    const image = await openai.manager.execute('openai', 'images.generate', { model: 'dall-e-3', prompt: 'a lighthouse at dusk', size: '1024x1024' });
    expect(image).toMatchObject({ ok: true, data: { data: [{ url: expect.any(String) }] } });
    expect(openai.lastRequest()).toMatchObject({ path: '/v1/images/generations', json: { model: 'dall-e-3', prompt: 'a lighthouse at dusk', size: '1024x1024' } });
  });

  it('sends every reasoning effort, safety_identifier and prompt_cache_key, and custom image sizes', async () => {
    const tuned = { ...hello, reasoning_effort: 'xhigh', safety_identifier: 'user-7f3a', prompt_cache_key: 'support-bot' };
    const chat = await openai.manager.execute('openai', 'chat.completions.create', tuned);
    expect(chat).toMatchObject({ ok: true, meta: { attempts: 1 } });
    expect(openai.lastRequest()).toMatchObject({ method: 'POST', path: '/v1/chat/completions', json: tuned });
    for (const effort of ['none', 'max']) {
      expect(await openai.manager.execute('openai', 'chat.completions.create', { ...hello, reasoning_effort: effort })).toMatchObject({ ok: true });
    }

    const image = await openai.manager.execute('openai', 'images.generate', { model: 'gpt-image-1', prompt: 'a lighthouse', size: '1536x864' });
    expect(image).toMatchObject({ ok: true });
    expect(openai.lastRequest()).toMatchObject({ path: '/v1/images/generations', json: { size: '1536x864' } });
    const refused = await openai.manager.execute('openai', 'images.generate', { prompt: 'a lighthouse', size: 'huge' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
  });

  it('lists and retrieves models; an unknown model is NOT_FOUND', async () => {
    const models = await openai.manager.execute('openai', 'models.list', {});
    expect(models).toMatchObject({ ok: true, data: { object: 'list', data: expect.arrayContaining([{ id: 'gpt-4o', object: 'model', created: expect.any(Number), owned_by: 'system' }]) } });
    const retrieved = await openai.manager.execute('openai', 'models.retrieve', { model: 'gpt-4o' });
    expect(retrieved).toMatchObject({ ok: true, data: { id: 'gpt-4o' } });
    expect(openai.lastRequest()).toMatchObject({ method: 'GET', path: '/v1/models/gpt-4o' });
    const missing = await openai.manager.execute('openai', 'chat.completions.create', { ...hello, model: 'gpt-9' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404, retryable: false, message: expect.stringContaining('model_not_found') } });
  });

  it('lists files page by page with after = the last id', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const result = await openai.manager.execute('openai', 'files.list', { limit: 3, ...(after ? { after } : {}) });
      if (!result.ok) throw new Error(result.error.message);
      seen.push(...(result.data as { data: { id: string }[] }).data.map((file) => file.id));
      after = result.meta.nextCursor;
      if (after === undefined) break;
    }
    expect(seen).toEqual(openai.standIn.files.map((file) => file.id).reverse());
    expect(openai.standIn.requests.map((request) => request.query)).toEqual([{ limit: '3' }, { limit: '3', after: seen[2] }, { limit: '3', after: seen[5] }]);
  });

  it('uploads a file as multipart/form-data, bytes intact, and refuses a missing purpose before sending', async () => {
    const content = Buffer.concat([Buffer.from('{"prompt":"hi"}\n'), Buffer.from([0, 255, 128])]);
    const result = await openai.manager.execute('openai', 'files.create', {
      purpose: 'batch',
      file: { filename: 'requests.jsonl', content: content.toString('base64'), contentType: 'application/jsonl' },
    });
    expect(result).toMatchObject({ ok: true, data: { object: 'file', filename: 'requests.jsonl', purpose: 'batch', bytes: content.length }, meta: { status: 200 } });
    const sent = openai.lastRequest();
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/files' });
    expect(sent.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(sent.multipart?.fields).toEqual({ purpose: 'batch' });
    expect(sent.multipart?.files.file?.content.equals(content)).toBe(true);
    const uploaded = result.ok ? (result.data as { id: string }) : undefined;
    expect(openai.standIn.files.at(-1)).toMatchObject({ id: uploaded?.id, bytes: content.length });

    const refused = await openai.manager.execute('openai', 'files.create', { file: { filename: 'x.jsonl', content: 'eA==' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED', message: expect.stringContaining('purpose') }, meta: { attempts: 0 } });
    expect(openai.standIn.requests).toHaveLength(1);
  });

  it('rejects invalid input before sending anything', async () => {
    const result = await openai.manager.execute('openai', 'chat.completions.create', { model: 'gpt-4o-mini', messages: [], temperature: 3, stream: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' }, meta: { attempts: 0 } });
    expect(result.ok ? [] : (result.error.details as { pointer: string }[]).map((issue) => issue.pointer).sort()).toEqual(['/messages', '/stream', '/temperature']);
    expect(openai.standIn.requests).toHaveLength(0);
  });

  it('reports invalid_api_key as AUTH_FAILED without echoing the key', async () => {
    await openai.manager.connect({ id: 'bad', connector: 'openai', credentials: { apiKey: 'sk-wrong-key-value-0000' }, config: { baseUrl: openai.standIn.apiUrl } });
    const result = await openai.manager.execute('bad', 'models.list', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, retryable: false, message: expect.stringContaining('invalid_api_key') } });
    expect(JSON.stringify(result)).not.toContain('sk-wrong-key-value-0000');
    expect(openai.lastRequest().headers.authorization).toBe('Bearer sk-wrong-key-value-0000');
  });

  it('waits for x-ratelimit-reset-requests (a duration, "1s") after a 429, then succeeds', async () => {
    openai.standIn.rateLimitNext('requests');
    const started = Date.now();
    const result = await openai.manager.execute('openai', 'chat.completions.create', hello);
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(openai.standIn.requests.map((request) => request.json)).toEqual([hello, hello]);
  });

  it('reads the token budget when that is the one spent, and returns RATE_LIMITED once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [OpenaiModule], retry: { retries: 0 } });
    await manager.connect({ id: 'openai', connector: 'openai', credentials: { apiKey: openai.standIn.apiKey }, config: { baseUrl: openai.standIn.apiUrl } });
    openai.standIn.rateLimitNext('tokens');
    const result = await manager.execute('openai', 'embeddings.create', { model: 'text-embedding-3-small', input: 'x' });
    await manager.close();
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', status: 429, retryable: true, message: expect.stringContaining('rate_limit_exceeded') },
      meta: { attempts: 1, rateLimit: { limit: 200000, remaining: 0 } },
    });
  });

  it('honours retry-after-ms when OpenAI sends it', async () => {
    openai.standIn.injectFaults({ status: 429, headers: { 'retry-after-ms': '400' }, body: { error: { message: 'Slow down', type: 'requests', param: null, code: 'rate_limit_exceeded' } } });
    const started = Date.now();
    const result = await openai.manager.execute('openai', 'models.retrieve', { model: 'gpt-4o' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });

  it('does not retry insufficient_quota: waiting does not refill a quota', async () => {
    openai.standIn.rateLimitNext('quota');
    const result = await openai.manager.execute('openai', 'chat.completions.create', hello);
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: false, message: expect.stringContaining('insufficient_quota') }, meta: { attempts: 1 } });
    expect(openai.standIn.requests).toHaveLength(1);
  });
});
