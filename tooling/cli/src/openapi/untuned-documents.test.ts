import { generateOperationTypes } from '@patchbay/connector-kit';
import type { IntegrationManager } from '@patchbay/runtime';
import { startStandIn, type StandIn } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorPlan } from '../scaffold/connector-plan.js';
import { operationMap, sharedDefinitions } from '../scaffold/write-connector.js';
import { managerForPlan, planFromObject } from './generated-paging.test-helper.js';

// Documents the generator was not tuned on, one per dialect, each with the shapes that trip
// generators up: a `$ref` cycle, `allOf` and `oneOf` bodies, form and multipart bodies, 3.1's type
// lists and `const`, Swagger 2's `formData` and `type: file`.
const json = (schema: unknown) => ({ required: true, content: { 'application/json': { schema } } });
const created = (schema: unknown) => ({ 201: { description: 'Created', content: { 'application/json': { schema } } } });

const openApi30 = {
  openapi: '3.0.3',
  info: { title: 'Graph', version: '1.0.0' },
  servers: [{ url: 'https://graph.example/v1' }],
  components: {
    schemas: {
      Node: { type: 'object', required: ['id'], properties: { id: { type: 'string' }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } } } },
      Base: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
      Pet: { allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', required: ['kind'], properties: { kind: { type: 'string', enum: ['cat', 'dog'] } } }] },
      Circle: { type: 'object', required: ['radius'], properties: { shape: { type: 'string', enum: ['circle'] }, radius: { type: 'number' } }, additionalProperties: false },
      Square: { type: 'object', required: ['side'], properties: { shape: { type: 'string', enum: ['square'] }, side: { type: 'number' } }, additionalProperties: false },
      Shape: { oneOf: [{ $ref: '#/components/schemas/Circle' }, { $ref: '#/components/schemas/Square' }], discriminator: { propertyName: 'shape' } },
    },
  },
  paths: {
    '/nodes': { post: { operationId: 'nodes/create', requestBody: json({ $ref: '#/components/schemas/Node' }), responses: created({ $ref: '#/components/schemas/Node' }) } },
    '/pets': { post: { operationId: 'pets/create', requestBody: json({ $ref: '#/components/schemas/Pet' }), responses: created({ $ref: '#/components/schemas/Pet' }) } },
    '/shapes': { post: { operationId: 'shapes/create', requestBody: json({ $ref: '#/components/schemas/Shape' }), responses: created({ $ref: '#/components/schemas/Shape' }) } },
    '/login': {
      post: {
        operationId: 'session/login',
        requestBody: { content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', required: ['user'], properties: { user: { type: 'string' }, remember: { type: 'boolean' } } } } } },
        responses: { 204: { description: 'Logged in' } },
      },
    },
    '/uploads': {
      post: {
        operationId: 'uploads/create',
        requestBody: {
          required: true,
          content: { 'multipart/form-data': { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, note: { type: 'string' } } } } },
        },
        responses: created({ type: 'object', properties: { id: { type: 'string' } } }),
      },
    },
  },
};

const openApi31 = {
  openapi: '3.1.0',
  info: { title: 'Tags', version: '1.0.0' },
  servers: [{ url: 'https://tags.example' }],
  components: {
    schemas: {
      TagId: { type: 'string', pattern: '^t_[a-z0-9]+$' },
      Tag: { type: 'object', required: ['kind', 'name'], properties: { kind: { const: 'tag' }, name: { type: ['string', 'null'] }, parent: { $ref: '#/components/schemas/Tag', description: 'Enclosing tag' } } },
    },
  },
  paths: {
    '/tags': { post: { operationId: 'tags/create', requestBody: json({ $ref: '#/components/schemas/Tag' }), responses: created({ $ref: '#/components/schemas/Tag' }) } },
    '/tags/{id}': {
      get: {
        operationId: 'tags/get',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { $ref: '#/components/schemas/TagId' } }],
        responses: { 200: { description: 'A tag', content: { 'application/json': { schema: { $ref: '#/components/schemas/Tag' } } } } },
      },
    },
  },
};

const swagger2 = {
  swagger: '2.0',
  info: { title: 'Shop', version: '1.0.0' },
  host: 'shop.example',
  basePath: '/api',
  schemes: ['https'],
  definitions: {
    Category: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, parent: { $ref: '#/definitions/Category' } } },
  },
  paths: {
    '/categories': {
      post: { operationId: 'categories.create', parameters: [{ name: 'category', in: 'body', required: true, schema: { $ref: '#/definitions/Category' } }], responses: { 201: { description: 'Created', schema: { $ref: '#/definitions/Category' } } } },
    },
    '/avatars': {
      post: {
        operationId: 'avatars.upload',
        consumes: ['multipart/form-data'],
        parameters: [
          { name: 'image', in: 'formData', type: 'file', required: true },
          { name: 'caption', in: 'formData', type: 'string' },
        ],
        responses: { 201: { description: 'Stored' } },
      },
    },
    '/feedback': {
      post: { operationId: 'feedback.send', consumes: ['application/x-www-form-urlencoded'], parameters: [{ name: 'text', in: 'formData', type: 'string', required: true }], responses: { 204: { description: 'Thanks' } } },
    },
  },
};

let standIn: StandIn;

beforeAll(async () => {
  standIn = await startStandIn(() => ({ status: 201, body: { id: 'x1', name: 'made' } }));
});

afterAll(async () => {
  await standIn.close();
});

/** Sends one call through the generated operation and returns what reached the loopback server. */
async function send(manager: IntegrationManager, operation: string, input: Record<string, unknown>) {
  standIn.requests.length = 0;
  const result = await manager.execute('generated', operation, input);
  expect(result, operation).toMatchObject({ ok: true });
  expect(standIn.requests).toHaveLength(1);
  return standIn.requests[0]!;
}

async function refused(manager: IntegrationManager, operation: string, input: Record<string, unknown>) {
  standIn.requests.length = 0;
  const result = await manager.execute('generated', operation, input);
  expect(result, operation).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
  expect(standIn.requests).toHaveLength(0);
}

async function typesCompile(plan: ConnectorPlan): Promise<string> {
  const $defs = sharedDefinitions(plan);
  const source = await generateOperationTypes({ id: plan.name, operations: operationMap(plan), ...($defs ? { $defs } : {}) });
  expect(source).toContain(`export type ${plan.name[0]!.toUpperCase()}${plan.name.slice(1)}Operations = {`);
  return source;
}

describe('generation from documents it was not tuned on', () => {
  it('OpenAPI 3.0: a $ref cycle, allOf and oneOf bodies, a form and a multipart upload', async () => {
    const plan = await planFromObject(openApi30, 'graph');
    expect(plan.baseUrl).toBe('https://graph.example/v1');
    const byId = Object.fromEntries(plan.operations.map((operation) => [operation.id, operation]));
    // The cycle is a reference to a shared definition, not an endless copy.
    expect(plan.definitions.Node).toMatchObject({ properties: { children: { type: 'array', items: { $ref: '#/$defs/Node' } } } });
    expect(byId['pets.create']!.http).toEqual({ method: 'POST', path: '/pets', bodyParam: 'body' });
    expect(byId['uploads.create']!.http).toEqual({ method: 'POST', path: '/uploads', bodyType: 'multipart' });
    expect(byId['session.login']!.http).toEqual({ method: 'POST', path: '/login', bodyType: 'form' });
    const types = await typesCompile(plan);
    expect(types).toMatch(/children\?: Node\[\]/);

    const manager = await managerForPlan(plan, standIn.url);
    try {
      const nested = { id: 'root', children: [{ id: 'leaf', children: [] }] };
      expect((await send(manager, 'nodes.create', nested)).json).toEqual(nested);
      await refused(manager, 'nodes.create', { id: 'root', children: [{ children: [] }] });

      expect((await send(manager, 'pets.create', { body: { name: 'Rex', kind: 'dog' } })).json).toEqual({ name: 'Rex', kind: 'dog' });
      await refused(manager, 'pets.create', { body: { name: 'Rex' } });

      expect((await send(manager, 'shapes.create', { body: { shape: 'circle', radius: 2 } })).json).toEqual({ shape: 'circle', radius: 2 });
      await refused(manager, 'shapes.create', { body: { shape: 'circle', side: 2 } });

      const login = await send(manager, 'session.login', { user: 'ada', remember: true });
      expect(login.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
      expect(login.form).toEqual({ user: 'ada', remember: 'true' });

      const upload = await send(manager, 'uploads.create', { file: { filename: 'notes.txt', content: Buffer.from('hello file').toString('base64'), contentType: 'text/plain' }, note: 'first' });
      expect(upload.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(upload.body).toContain('filename="notes.txt"');
      expect(upload.body).toContain('hello file');
      expect(upload.body).toContain('name="note"');
      await refused(manager, 'uploads.create', { note: 'no file' });
    } finally {
      await manager.close();
    }
  });

  it('OpenAPI 3.1: type lists, const, a $ref with a sibling description and a self-reference', async () => {
    const plan = await planFromObject(openApi31, 'tags');
    const byId = Object.fromEntries(plan.operations.map((operation) => [operation.id, operation]));
    expect(byId['tags.create']!.inputSchema.properties).toMatchObject({ kind: { const: 'tag' }, name: { type: ['string', 'null'] } });
    await typesCompile(plan);

    const manager = await managerForPlan(plan, standIn.url);
    try {
      expect((await send(manager, 'tags.create', { kind: 'tag', name: null, parent: { kind: 'tag', name: 'root' } })).json).toEqual({ kind: 'tag', name: null, parent: { kind: 'tag', name: 'root' } });
      await refused(manager, 'tags.create', { kind: 'label', name: 'x' });
      expect((await send(manager, 'tags.get', { id: 't_abc' })).path).toBe('/tags/t_abc');
      await refused(manager, 'tags.get', { id: 'nope' });
    } finally {
      await manager.close();
    }
  });

  it('Swagger 2: a body $ref with a cycle, formData with a file (multipart) and without (form)', async () => {
    const plan = await planFromObject(swagger2, 'shop');
    expect(plan.baseUrl).toBe('https://shop.example/api');
    const byId = Object.fromEntries(plan.operations.map((operation) => [operation.id, operation]));
    expect(byId['avatars.upload']!.http).toEqual({ method: 'POST', path: '/avatars', bodyType: 'multipart' });
    expect(byId['feedback.send']!.http).toEqual({ method: 'POST', path: '/feedback', bodyType: 'form' });
    await typesCompile(plan);

    const manager = await managerForPlan(plan, standIn.url);
    try {
      expect((await send(manager, 'categories.create', { name: 'shoes', parent: { name: 'clothes' } })).json).toEqual({ name: 'shoes', parent: { name: 'clothes' } });
      await refused(manager, 'categories.create', { parent: { name: 'clothes' } });
      const avatar = await send(manager, 'avatars.upload', { image: { filename: 'me.png', content: Buffer.from([137, 80, 78, 71]).toString('base64'), contentType: 'image/png' }, caption: 'me' });
      expect(avatar.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      expect(avatar.body).toContain('filename="me.png"');
      expect(avatar.body).toContain('Content-Type: image/png');
      const feedback = await send(manager, 'feedback.send', { text: 'great' });
      expect(feedback.form).toEqual({ text: 'great' });
    } finally {
      await manager.close();
    }
  });
});
