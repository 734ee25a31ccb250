import { ERROR_CODES, createSchemaCompiler, withSharedDefinitions, type ConnectorModule } from '@patchbay/contract';
import { IntegrationManager, type RateLimiter } from '@patchbay/runtime';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';
import { findConnectorPackages, importConnectorModule } from './connector-packages.js';
import { startCountingServer, type CountingServer } from './counting-server.js';
import { withPrototypeKeys } from './prototype-keys.js';

const RUNS_PER_OPERATION = 25;
const compiler = createSchemaCompiler();
const connectors = findConnectorPackages();
const prototypeKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const handlerFailures = new Set<string>();
const UNLIMITED: RateLimiter = { schedule: (task) => task(), pauseUntil: () => undefined, close: async () => undefined };

/** Credentials that satisfy the connector's own schema, drawn from that schema. */
function validCredentials(module: ConnectorModule): Record<string, unknown> {
  const schema = module.auth.credentialsSchema;
  if (!schema) return {};
  const validate = compiler.compile(schema);
  // The smallest valid value: optional extras such as a refresh token and an expiry in the past
  // would make the runtime refresh OAuth2 tokens at the vendor before the first call.
  const candidates = fc
    .sample(arbitraryFromSchema(schema), { numRuns: 300, seed: 42 })
    .filter((candidate): candidate is Record<string, unknown> => typeof candidate === 'object' && candidate !== null && !validate(candidate))
    .sort((a, b) => Object.keys(a).length - Object.keys(b).length);
  const found = candidates[0];
  if (found === undefined) throw new Error(`no value generated from ${module.id}'s credentials schema passes it`);
  for (const key of Object.keys(found)) {
    if (!/refresh|expires/i.test(key)) continue;
    const { [key]: _dropped, ...without } = found;
    if (!validate(without)) delete found[key];
  }
  return found;
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
    if (handlerFailures.size > 0) console.info(`valid input the {} stand-in answer could not satisfy:\n${[...handlerFailures].join('\n')}`);
  });

  it('finds the connector packages', () => {
    expect(connectors.map((connector) => connector.name)).toContain('@patchbay/connector-github');
  });

  describe.each(connectors.map((connector) => [connector.name, connector] as const))('%s', (_name, connector) => {
    it('answers success or VALIDATION_FAILED, sends nothing for invalid input, pollutes nothing', async () => {
      const module = await importConnectorModule(connector);
      // Rate limits are not under test here; vendor quotas (60 a minute) would only slow the run.
      const manager = await IntegrationManager.create({ modules: [module], timeoutMs: 2_000, retry: { retries: 0 }, rateLimiterFactory: () => UNLIMITED });
      try {
        await manager.connect({ id: 'fuzz', connector: module.id, credentials: validCredentials(module), config: { baseUrl: server.url, tokenUrl: `${server.url}/oauth/token` } });
        for (const [operation, definition] of Object.entries(module.operations)) {
          // A generated connector's schemas refer to its shared definitions (`#/$defs/<name>`).
          const validate = compiler.compile(withSharedDefinitions(definition.inputSchema, module.$defs));
          const input = fc.oneof(
            { arbitrary: arbitraryFromSchema(definition.inputSchema), weight: 3 },
            { arbitrary: withPrototypeKeys(arbitraryFromSchema(definition.inputSchema)), weight: 2 },
            { arbitrary: fc.anything({ maxDepth: 2 }), weight: 1 },
            { arbitrary: withPrototypeKeys(fc.object({ maxDepth: 2 })), weight: 1 },
          );
          await fc.assert(
            fc.asyncProperty(input, async (value) => {
              const sentBefore = server.count();
              const valid = !validate(value);
              const result = await manager.execute('fuzz', operation, value, { signal: AbortSignal.timeout(10_000) });
              const sent = server.count() - sentBefore;
              expect(isPolluted(), `${operation} polluted Object.prototype`).toBe(false);
              if (result.ok) {
                expect(valid, `${operation} succeeded with input its schema rejects`).toBe(true);
                return;
              }
              expect(ERROR_CODES, `${operation} answered an unknown code`).toContain(result.error.code);
              if (!valid || result.error.code === 'VALIDATION_FAILED') {
                expect(result.error.code, `${operation}: ${result.error.message}`).toBe('VALIDATION_FAILED');
                expect(sent, `${operation} sent a request for invalid input`).toBe(0);
                return;
              }
              // Valid input met a stand-in answering {} where the vendor sends a shaped body; a
              // handler that cannot read it must still end in a classified result, never a throw.
              handlerFailures.add(`${module.id} ${operation}: ${result.error.code} ${result.error.message.slice(0, 120)}`);
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
