import type { OperationDefinition } from '@patchbay/contract';

/** MCP tool annotations: hints for a client deciding whether to ask the user before a call. */
export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);
const idempotentMethods = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
// RPC-style APIs (Slack, GraphQL) read with POST; the definition says nothing about side effects,
// so a POST counts as a read only when it is marked idempotent and its name says it reads.
const readVerb = /^(?:get|list|retrieve|search|query|lookup|info|history|me|viewer|read|fetch|find|count)(?![a-z])/;

/** Whether an operation only reads: GET/HEAD/OPTIONS, a polling trigger, or an idempotent POST named as a read. */
export function isSafeRead(operation: string, definition: OperationDefinition): boolean {
  if (definition.kind === 'trigger' && definition.trigger?.type !== 'webhook') return true;
  const method = definition.http?.method;
  if (method !== undefined && safeMethods.has(method)) return true;
  if (method !== undefined && method !== 'POST') return false;
  const lastWord = operation.split('.').at(-1) ?? operation;
  return definition.idempotent === true && readVerb.test(lastWord);
}

/** Annotations derived from the operation's definition; every Patchbay tool reaches an outside API. */
export function toolAnnotations(operation: string, definition: OperationDefinition, title: string): ToolAnnotations {
  const readOnly = isSafeRead(operation, definition);
  const method = definition.http?.method;
  return {
    title,
    readOnlyHint: readOnly,
    // PUT replaces and DELETE removes; POST and PATCH are taken as additive or partial updates.
    destructiveHint: !readOnly && (method === 'DELETE' || method === 'PUT'),
    idempotentHint: readOnly || (definition.idempotent ?? (method !== undefined && idempotentMethods.has(method))),
    openWorldHint: true,
  };
}
