import { createSchemaCompiler, type ConnectorModule } from '@patchbay/contract';
import { IntegrationManager } from '@patchbay/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';
import { findConnectorPackages, importConnectorModule } from './connector-packages.js';
import { startCountingServer, type CountingServer } from './counting-server.js';
import { withPrototypeKeys } from './prototype-keys.js';

const RUNS_PER_OPERATION = 40;
const compiler = createSchemaCompiler();
const connectors = findConnectorPackages();
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();

/** Credentials that satisfy the connector's own schema, drawn from that schema. */
function validCredentials(module: ConnectorModule): Record<string, unknown> {
  const schema = module.auth.credentialsSchema;
  if (!schema) return {};
  const validate = compiler.compile(schema);
  const candidates = fc.sample(arbitraryFromSchema(schema), { numRuns: 200, seed: 42 });
  const found = candidates.find((candidate) => validate(candidate) === undefined);
  if (found === undefined) throw new Error(`no value generated from ${module.id}'s credentials schema passes it`);
  return found as Record<string, unknown>;
}

function isPolluted(): boolean {
  const probe: Record<string, unknown> = {};
  return probe.polluted !== undefined || JSON.stringify(Object.getOwnPropertyNames(Object.prototype).sort()) !== JSON.stringify(prototypeKeys);
}

describe('every first-party operation under arbitrary input', () => {
  let server: CountingServer;
  beforeAll(async () => {
    server = await startCountingServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('finds the connector packages', () => {
    expect(connectors.map((connector) => connector.name)).toContain('@patchbay/connector-github');
  });

  describe.each(connectors.map((connector) => [connector.name, connector] as const))('%s', (_name, connector) => {
    it('answers success or VALIDATION_FAILED, sends nothing for invalid input, pollutes nothing', async () => {
      const module = await importConnectorModule(connector);
      const manager = await IntegrationManager.create({ modules: [module], timeoutMs: 2_000, retry: { retries: 0 } });
      try {
        await manager.connect({ id: 'fuzz', connector: module.id, credentials: validCredentials(module), config: { baseUrl: server.url } });
        for (const [operation, definition] of Object.entries(module.operations)) {
          const validate = compiler.compile(definition.inputSchema);
          const input = fc.oneof(
            { arbitrary: arbitraryFromSchema(definition.inputSchema), weight: 3 },
            { arbitrary: withPrototypeKeys(arbitraryFromSchema(definition.inputSchema)), weight: 2 },
            { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 },
            { arbitrary: withPrototypeKeys(fc.object({ maxDepth: 2 })), weight: 1 },
          );
          await fc.assert(
            fc.asyncProperty(input, async (value) => {
              const sentBefore = server.count();
              const valid = validate(value) === undefined;
              const result = await manager.execute('fuzz', operation, value);
              const sent = server.count() - sentBefore;
              expect(isPolluted(), `${operation} polluted Object.prototype`).toBe(false);
              if (result.ok) {
                expect(valid, `${operation} succeeded with input its schema rejects`).toBe(true);
                return;
              }
              expect(result.error.code, `${operation}: ${result.error.message}`).toBe('VALIDATION_FAILED');
              expect(sent, `${operation} sent a request for invalid input`).toBe(0);
            }),
            { numRuns: RUNS_PER_OPERATION, seed: 20261125, endOnFailure: true },
          );
        }
      } finally {
        await manager.close();
      }
    });
  });
});
