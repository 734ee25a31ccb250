import type { JSONSchema } from './json-schema.js';
import type { OperationMap } from './operation.js';
import { pointAtSharedDefinitions, sharedDefinitionsUri, type SharedDefinitions } from './shared-definitions.js';

/**
 * The top-level `inputSchema` facet for a set of operations: `{ operation, input }` where `input`
 * must match the schema of the named operation. Each operation's schema is embedded as its own
 * resource (`$id`), so its local `$ref`s keep pointing into it; `if`/`then` keyed on the operation
 * keeps errors to the named operation's schema instead of every branch of a `oneOf`.
 */
export function buildModuleInputSchema(operations: OperationMap, connectorId = 'connector', definitions?: SharedDefinitions): JSONSchema {
  const ids = Object.keys(operations);
  const base = `urn:patchbay:${encodeURIComponent(connectorId)}`;
  // Shared definitions are embedded once as their own resource, and each operation points there.
  const uri = sharedDefinitionsUri(connectorId);
  const inputOf = (id: string): JSONSchema => {
    const schema = operations[id]!.inputSchema;
    return definitions === undefined ? schema : pointAtSharedDefinitions(schema, uri);
  };
  return {
    ...(definitions === undefined ? {} : { $defs: { sharedDefinitions: { $id: uri, $defs: definitions } } }),
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `${base}:input`,
    type: 'object',
    required: ['operation', 'input'],
    properties: { operation: { type: 'string', enum: ids }, input: { type: 'object' } },
    allOf: ids.map((id) => ({
      if: { properties: { operation: { const: id } } },
      then: { properties: { input: { ...inputOf(id), $id: `${base}:operation:${encodeURIComponent(id)}` } } },
    })),
  };
}

/** Operation ids a top-level `inputSchema` names, wherever it names them. */
export function operationsCoveredBy(schema: JSONSchema): Set<string> {
  const covered = new Set<string>();
  for (const branch of [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]) {
    const selector = branch.if ?? branch;
    const id = selector.properties?.operation?.const;
    const input = (branch.then ?? branch).properties?.input;
    if (typeof id === 'string' && input !== undefined) covered.add(id);
  }
  return covered;
}
