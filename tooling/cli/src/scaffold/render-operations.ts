import type { ConnectorPlan, PlannedOperation } from './connector-plan.js';
import type { ConnectorNames } from './render-source-files.js';
import { propertyKey, sourceLiteral, stringLiteral } from './source-literal.js';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * operations.ts: one entry per operation. Operations generated from an OpenAPI document share the
 * document's component schemas through `definitions`, each schema carrying the definitions it uses
 * as `$defs`, and are typed with an annotation rather than `satisfies` so the declaration file
 * stays small for documents with a thousand operations.
 */
export function renderOperations(plan: ConnectorPlan, names: ConnectorNames): string {
  const shared = Object.keys(plan.definitions).length > 0;
  const entries = plan.operations.map((operation) => renderOperation(operation, shared)).join('\n');
  if (!shared) {
    return `import type { OperationMap } from '@patchbay/contract';

/** ${plan.displayName} operations${plan.source ? `, from ${plan.source}` : ''}. */
export const ${names.operations} = {
${entries}
} satisfies OperationMap;
`;
  }
  const definitions = Object.entries(plan.definitions)
    .map(([name, schema]) => `  ${propertyKey(name)}: ${sourceLiteral(schema, '  ')},`)
    .join('\n');
  return `import type { JSONSchema, OperationMap } from '@patchbay/contract';

/** Schemas the operations share (the document's components), referenced as \`#/$defs/<name>\`. */
const definitions: Record<string, JSONSchema> = {
${definitions}
};

const schemas = new Map<string, JSONSchema>();

/**
 * A schema with the definitions it uses. Operations with the same schema get the same object, so
 * the contract checker compiles it once.
 */
function withDefinitions(schema: JSONSchema, names: string[]): JSONSchema {
  const key = JSON.stringify([schema, names]);
  let shared = schemas.get(key);
  if (!shared) {
    shared = names.length === 0 ? schema : { ...schema, $defs: Object.fromEntries(names.map((name) => [name, definitions[name]!])) };
    schemas.set(key, shared);
  }
  return shared;
}

/** ${plan.displayName} operations${plan.source ? `, from ${plan.source}` : ''}. */
export const ${names.operations}: OperationMap = {
${entries}
};
`;
}

function renderOperation(operation: PlannedOperation, shared: boolean): string {
  const lines = [
    "    kind: 'action',",
    `    displayName: ${stringLiteral(operation.displayName)},`,
    ...(operation.description ? [`    description: ${stringLiteral(operation.description)},`] : []),
    `    http: ${sourceLiteral(operation.http, '    ')},`,
    ...(IDEMPOTENT_METHODS.has(operation.http.method) ? ['    idempotent: true,'] : []),
    ...(operation.deprecated ? ['    deprecated: true,'] : []),
    `    inputSchema: ${schemaSource(operation.inputSchema, operation.definitions.input, shared)},`,
    ...(operation.outputSchema ? [`    outputSchema: ${schemaSource(operation.outputSchema, operation.definitions.output, shared)},`] : []),
  ];
  return `  ${stringLiteral(operation.id)}: {\n${lines.join('\n')}\n  },`;
}

function schemaSource(schema: object, definitions: string[], shared: boolean): string {
  if (!shared) return sourceLiteral(schema, '    ');
  return `withDefinitions(${sourceLiteral(schema, '    ')}, ${sourceLiteral(definitions)})`;
}
