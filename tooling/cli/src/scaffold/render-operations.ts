import type { ConnectorPlan, PlannedOperation } from './connector-plan.js';
import type { ConnectorNames } from './render-source-files.js';
import { propertyKey, sourceLiteral, stringLiteral } from './source-literal.js';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * operations.ts: one entry per operation. Operations generated from an OpenAPI document share the
 * document's component schemas, exported once beside them and given to the module as its `$defs`,
 * and are typed with an annotation rather than `satisfies` so the declaration file stays small
 * for documents with a thousand operations.
 */
export function renderOperations(plan: ConnectorPlan, names: ConnectorNames): string {
  const shared = Object.keys(plan.definitions).length > 0;
  const entries = plan.operations.map((operation) => renderOperation(operation)).join('\n');
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
  return `import type { OperationMap, SharedDefinitions } from '@patchbay/contract';

/**
 * Schemas the operations share (the document's components), each stored once: operation schemas
 * refer to them as \`#/$defs/<name>\`, and the catalog carries them once as its \`$defs\`.
 */
export const ${sharedDefinitionsName(names)}: SharedDefinitions = {
${definitions}
};

/** ${plan.displayName} operations${plan.source ? `, from ${plan.source}` : ''}. */
export const ${names.operations}: OperationMap = {
${entries}
};
`;
}

/** The name operations.ts exports the shared definitions under: \`stripeDefinitions\` beside \`stripeOperations\`. */
export function sharedDefinitionsName(names: ConnectorNames): string {
  return names.operations.replace(/Operations$/, 'Definitions');
}

function renderOperation(operation: PlannedOperation): string {
  const lines = [
    "    kind: 'action',",
    `    displayName: ${stringLiteral(operation.displayName)},`,
    ...(operation.description ? [`    description: ${stringLiteral(operation.description)},`] : []),
    `    http: ${sourceLiteral(operation.http, '    ')},`,
    ...(IDEMPOTENT_METHODS.has(operation.http.method) ? ['    idempotent: true,'] : []),
    ...(operation.deprecated ? ['    deprecated: true,'] : []),
    ...(operation.pagination ? [`    pagination: ${sourceLiteral(operation.pagination, '    ')},`] : []),
    ...(operation.paginationUnknown ? ['    paginationUnknown: true,'] : []),
    `    inputSchema: ${sourceLiteral(operation.inputSchema, '    ')},`,
    ...(operation.outputSchema ? [`    outputSchema: ${sourceLiteral(operation.outputSchema, '    ')},`] : []),
  ];
  return `  ${stringLiteral(operation.id)}: {\n${lines.join('\n')}\n  },`;
}
