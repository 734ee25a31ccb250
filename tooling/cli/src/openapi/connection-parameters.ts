import type { PlannedOperation } from '../scaffold/connector-plan.js';

/**
 * The operations with the path parameters the connection fills (Twilio's `{AccountSid}`) taken out
 * of their input: the generated client supplies them through the runtime's `connectionParams`,
 * so a caller cannot address another account, and an input naming one is refused by validation.
 * Returns the names some operation's path actually uses, for the client to fill.
 */
export function withoutConnectionParameters(operations: PlannedOperation[], names: readonly string[]): { operations: PlannedOperation[]; used: string[] } {
  const used = new Set<string>();
  const result = operations.map((operation) => {
    const owned = names.filter((name) => operation.http.path.includes(`{${name}}`) && operation.inputSchema.properties?.[name] !== undefined);
    if (owned.length === 0) return operation;
    for (const name of owned) used.add(name);
    const properties = Object.fromEntries(Object.entries(operation.inputSchema.properties ?? {}).filter(([field]) => !owned.includes(field)));
    const inputSchema = { ...operation.inputSchema, properties };
    const required = operation.inputSchema.required?.filter((field) => !owned.includes(field));
    if (required && required.length > 0) inputSchema.required = required;
    else delete inputSchema.required;
    return { ...operation, inputSchema };
  });
  return { operations: result, used: names.filter((name) => used.has(name)) };
}
