import type { IntegrationManager } from '@patchbay/runtime';

const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

/**
 * Whether sending an operation a second time is harmless, by the runtime's rules: the operation is
 * marked `idempotent`, or its method is idempotent by definition. A write the catalog does not mark
 * (a POST, an unknown operation sent by the generic executor) is not, even when its connector sends
 * an idempotency key: the catalog does not say so, and guessing wrong writes twice.
 */
export function resendIsSafe(manager: IntegrationManager, connectionId: string, operation: string): boolean {
  const connector = manager.listConnections().find((connection) => connection.id === connectionId)?.connector;
  const definition = connector === undefined ? undefined : manager.catalog(connector)?.operations[operation];
  if (!definition) return false;
  if (definition.idempotent !== undefined) return definition.idempotent;
  const method = definition.http?.method;
  return method !== undefined && IDEMPOTENT_METHODS.has(method.toUpperCase());
}
