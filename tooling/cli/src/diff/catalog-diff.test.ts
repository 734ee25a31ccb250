import type { ConnectorCatalog, OperationDefinition } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { requiredLevel } from './change-level.js';
import { diffCatalogs } from './catalog-diff.js';

const send: OperationDefinition = {
  kind: 'action',
  displayName: 'Send a message',
  http: { method: 'POST', path: '/messages' },
  inputSchema: {
    type: 'object',
    required: ['text'],
    additionalProperties: false,
    properties: { text: { type: 'string', minLength: 1 }, tone: { enum: ['plain', 'loud'] }, size: { enum: ['auto', '1024x1024'] } },
  },
  outputSchema: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
};

function catalog(operations: Record<string, OperationDefinition>, auth: ConnectorCatalog['auth'] = { strategy: 'api_key', in: 'header', name: 'x-api-key' } as ConnectorCatalog['auth']): ConnectorCatalog {
  return { catalogVersion: 1, specificationVersion: 'patchbay.connector/v1', id: 'echo', displayName: 'Echo', version: '1.0.0', auth, operations } as ConnectorCatalog;
}
const withInput = (change: (schema: Record<string, unknown>) => void): OperationDefinition => {
  const inputSchema = structuredClone(send.inputSchema) as Record<string, unknown>;
  change(inputSchema);
  return { ...send, inputSchema };
};
const properties = (schema: Record<string, unknown>) => schema.properties as Record<string, Record<string, unknown>>;
const summary = (before: ConnectorCatalog, after: ConnectorCatalog) => diffCatalogs(before, after).map(({ level, operation, message }) => ({ level, operation, message }));

describe('diffCatalogs', () => {
  const base = catalog({ 'messages.send': send, 'messages.ping': { ...send, http: { method: 'GET', path: '/ping' } } });

  it('finds nothing between a catalog and itself, whatever its version says', () => {
    expect(diffCatalogs(base, { ...base, version: '2.0.0' })).toEqual([]);
    expect(requiredLevel([])).toBe('none');
  });

  it('needs a major release for a removed or renamed operation', () => {
    const removed = catalog({ 'messages.send': send });
    expect(summary(base, removed)).toEqual([{ level: 'major', operation: 'messages.ping', message: 'operation removed' }]);
    const renamed = catalog({ 'messages.send': send, 'messages.health': base.operations['messages.ping']! });
    expect(summary(base, renamed)).toEqual([
      { level: 'major', operation: 'messages.ping', message: 'operation renamed to "messages.health"' },
      { level: 'minor', operation: 'messages.health', message: 'new operation' },
    ]);
  });

  it('needs a major release for a new required input, a narrowed type or enum, a removed field, or a changed auth strategy', () => {
    const cases: [OperationDefinition, RegExp][] = [
      [withInput((schema) => { (schema.required as string[]).push('tone'); }), /new required input "tone"/],
      [withInput((schema) => { properties(schema).text = { type: 'integer' }; }), /narrowed type/],
      [withInput((schema) => { properties(schema).tone = { enum: ['plain'] }; }), /no longer accepts "loud"/],
      [withInput((schema) => { delete properties(schema).tone; }), /input field "tone" removed/],
      [withInput((schema) => { properties(schema).text = { type: 'string', minLength: 5 }; }), /narrowed: minLength 1 → 5/],
    ];
    for (const [operation, message] of cases) {
      const changes = diffCatalogs(catalog({ 'messages.send': send }), catalog({ 'messages.send': operation }));
      expect(changes.map((change) => change.message).join('\n')).toMatch(message);
      expect(requiredLevel(changes)).toBe('major');
    }
    const bearer = diffCatalogs(base, { ...base, auth: { strategy: 'bearer' } as ConnectorCatalog['auth'] });
    expect(bearer).toEqual([{ level: 'major', pointer: '/auth/strategy', message: 'auth strategy changed from api_key to bearer' }]);
  });

  it('needs a minor release for a new operation, a new optional input or a widened type or enum', () => {
    const cases: [OperationDefinition, RegExp][] = [
      [withInput((schema) => { properties(schema).safety_identifier = { type: 'string' }; }), /new optional input "safety_identifier"/],
      [withInput((schema) => { properties(schema).tone = { enum: ['plain', 'loud', 'quiet'] }; }), /now also accepts "quiet"/],
      [withInput((schema) => { properties(schema).size = { anyOf: [{ enum: ['auto', '1024x1024'] }, { type: 'string', pattern: '^[0-9]+x[0-9]+$' }], description: 'Custom sizes too' }; }), /widened/],
      [withInput((schema) => { properties(schema).text = { type: ['string', 'null'], minLength: 1 }; }), /widened type/],
      [withInput((schema) => { schema.required = []; }), /input "text" is optional now/],
    ];
    for (const [operation, message] of cases) {
      const changes = diffCatalogs(catalog({ 'messages.send': send }), catalog({ 'messages.send': operation }));
      expect(changes.map((change) => change.message).join('\n')).toMatch(message);
      expect(requiredLevel(changes)).toBe('minor');
    }
    expect(requiredLevel(diffCatalogs(catalog({ 'messages.send': send }), base))).toBe('minor');
  });

  it('needs a patch release for descriptions, and a major one for an output field callers could read going away', () => {
    const described = catalog({ ...base.operations, 'messages.send': { ...withInput((schema) => { properties(schema).text = { type: 'string', minLength: 1, description: 'What to say' }; }), description: 'Sends it' } });
    expect(summary(base, described).map((change) => change.level)).toEqual(['patch', 'patch']);
    const lessOutput = catalog({ ...base.operations, 'messages.send': { ...send, outputSchema: { type: 'object', properties: {} } } });
    expect(summary(base, lessOutput)).toContainEqual({ level: 'major', operation: 'messages.send', message: 'output field "id" removed' });
  });
});
