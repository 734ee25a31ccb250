import type { JSONSchema } from '@patchbay/contract';

/** A credentials schema of string fields, each with the description a user reads when connecting. */
export function credentialFields(fields: Record<string, string>, required: string[]): JSONSchema {
  return {
    type: 'object',
    required,
    properties: Object.fromEntries(
      Object.entries(fields).map(([name, description]) => [name, { type: 'string', minLength: required.includes(name) ? 1 : 0, description }]),
    ),
  };
}
