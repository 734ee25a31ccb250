import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSchemaStandIn, type SchemaStandInModule } from './schema-stand-in.js';
import type { StandIn } from './stand-in-server.js';

const module: SchemaStandInModule = {
  operations: {
    'issues.get': { http: { method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}' }, outputSchema: { $ref: '#/$defs/issue' } },
    'issues.listComments': { http: { method: 'GET', path: '/repos/{owner}/{repo}/issues/comments' }, outputSchema: { type: 'array' } },
    'issues.lock': { http: { method: 'PUT', path: '/repos/{owner}/{repo}/issues/{issue_number}/lock' } },
  },
  $defs: { issue: { type: 'object', required: ['number'], properties: { number: { type: 'integer' } } } },
};

/** A sampler enough for the schemas above: it resolves `$ref` the way the real ones must. */
function sample(schema: object, definitions: Record<string, object>): unknown {
  const { $ref, type } = schema as { $ref?: string; type?: string };
  if ($ref !== undefined) return sample(definitions[$ref.replace('#/$defs/', '')]!, definitions);
  return type === 'array' ? [] : { number: 1 };
}

let standIn: StandIn;
beforeAll(async () => {
  standIn = await startSchemaStandIn(module, { sample });
});
afterAll(async () => {
  await standIn.close();
});

describe('startSchemaStandIn', () => {
  it('answers an operation with a sample of its outputSchema, $ref resolved, and no Link header', async () => {
    const response = await request(`${standIn.url}/repos/octo-org/hello/issues/7`);
    expect(response.statusCode).toBe(200);
    expect(response.headers.link).toBeUndefined();
    expect(await response.body.json()).toEqual({ number: 1 });
  });

  it('prefers a literal path segment to a parameter', async () => {
    const response = await request(`${standIn.url}/repos/octo-org/hello/issues/comments`);
    expect(await response.body.json()).toEqual([]);
  });

  it('answers 204 with no body for an operation without an outputSchema', async () => {
    const response = await request(`${standIn.url}/repos/octo-org/hello/issues/7/lock`, { method: 'PUT' });
    expect(response.statusCode).toBe(204);
    expect(await response.body.text()).toBe('');
  });

  it('answers 404 naming the request when no operation has that method and path', async () => {
    const response = await request(`${standIn.url}/repos/octo-org/hello/issues/7`, { method: 'DELETE' });
    expect(response.statusCode).toBe(404);
    expect(await response.body.json()).toEqual({ message: 'no operation answers DELETE /repos/octo-org/hello/issues/7' });
  });

  it('refuses to start when an outputSchema cannot be sampled, naming the operation', async () => {
    await expect(startSchemaStandIn(module, { sample: () => undefined })).rejects.toThrow('no sample value fits the outputSchema of issues.get, issues.listComments');
  });
});
