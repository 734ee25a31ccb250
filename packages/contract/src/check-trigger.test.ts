import { describe, expect, it } from 'vitest';
import { checkConnectorModule } from './check-connector-module.js';
import type { ConnectorModule } from './connector-module.js';
import { buildModuleInputSchema } from './module-input-schema.js';
import type { OperationDefinition, OperationMap } from './operation.js';
import { SPECIFICATION_VERSION } from './specification-version.js';

function moduleWith(operation: Record<string, unknown>): ConnectorModule {
  const operations = { 'messages.new': operation as unknown as OperationDefinition } satisfies OperationMap;
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id: 'chat',
    displayName: 'Chat',
    version: '1.0.0',
    auth: { strategy: 'none' },
    operations,
    inputSchema: buildModuleInputSchema(operations),
    execute: async (input) => ({ ok: true, data: null, meta: { operation: input.operation, attempts: 0, durationMs: 0 } }),
  };
}

const base = { displayName: 'New message', inputSchema: { type: 'object', properties: { state: {} } } };

describe('checkConnectorModule on trigger metadata', () => {
  it('accepts a polling trigger with a dedupe key', () => {
    const result = checkConnectorModule(moduleWith({ ...base, kind: 'trigger', trigger: { type: 'polling', dedupeKey: 'ts' } }));
    expect(result.violations).toEqual([]);
  });

  it('reports a trigger block on an action, an unknown type and an empty dedupe key', () => {
    const result = checkConnectorModule(moduleWith({ ...base, kind: 'action', trigger: { type: 'push', dedupeKey: '' } }));
    expect(result.violations).toEqual([
      { path: 'operations.messages.new.trigger', message: 'is only allowed on operations of kind "trigger"' },
      { path: 'operations.messages.new.trigger.type', message: 'must be "polling" or "webhook"' },
      { path: 'operations.messages.new.trigger.dedupeKey', message: 'must be a non-empty string' },
    ]);
  });

  it('reports a trigger that is not an object', () => {
    const result = checkConnectorModule(moduleWith({ ...base, kind: 'trigger', trigger: 'polling' }));
    expect(result.violations).toEqual([{ path: 'operations.messages.new.trigger', message: 'must be an object, got string' }]);
  });
});
