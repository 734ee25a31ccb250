import { withSharedDefinitions, type JSONSchema, type OperationDefinition, type SharedDefinitions } from '@patchbay/contract';
import { inlineLocalRefs } from './inline-refs.js';

/** The input field a paged operation's tool adds: read every page (up to the server's `maxPages`) in one call. */
export const ALL_PAGES_FIELD = 'allPages';

/**
 * How `data` becomes `structuredContent`, which MCP requires to be an object: an object output as
 * it is, an array as `{ items: [...] }`, anything else as `{ value }`.
 */
export type OutputWrapping = 'object' | 'items' | 'value';

export interface ToolOutput {
  schema: JSONSchema;
  wrapping: OutputWrapping;
}

/**
 * The tool's input schema: the operation's, references inlined (those into the connector's shared
 * definitions too, so the tool stands alone), plus `allPages` on paged operations.
 */
export function toolInputSchema(definition: OperationDefinition, shared?: SharedDefinitions): JSONSchema {
  const schema = inlineLocalRefs(withSharedDefinitions(definition.inputSchema, shared)) as Record<string, unknown>;
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const result: Record<string, unknown> = { ...schema, type: 'object', properties };
  if (offersAllPages(definition)) {
    result.properties = {
      ...properties,
      [ALL_PAGES_FIELD]: {
        type: 'boolean',
        description: `Read every page (following ${definition.pagination!.cursorParam}) and return all items in one result. Default false: one page, with the next cursor in the text.`,
      },
    };
  }
  return result as JSONSchema;
}

/** Whether the tool of a paged operation takes `allPages` (not when the operation already has a field of that name). */
export function offersAllPages(definition: OperationDefinition): boolean {
  const properties = (definition.inputSchema as Record<string, unknown>).properties;
  return definition.pagination !== undefined && !(isRecord(properties) && Object.hasOwn(properties, ALL_PAGES_FIELD));
}

/** The tool's output schema and how data is wrapped to fit it; undefined when the operation declares none. */
export function toolOutput(definition: OperationDefinition, shared?: SharedDefinitions): ToolOutput | undefined {
  if (definition.outputSchema === undefined) return undefined;
  const schema = inlineLocalRefs(withSharedDefinitions(definition.outputSchema, shared)) as Record<string, unknown>;
  if (schema.type === 'object') return { schema: schema as JSONSchema, wrapping: 'object' };
  if (schema.type === 'array') {
    return { schema: { type: 'object', properties: { items: schema }, required: ['items'] } as JSONSchema, wrapping: 'items' };
  }
  return { schema: { type: 'object', properties: { value: schema } } as JSONSchema, wrapping: 'value' };
}

/** `data` shaped as the tool's `structuredContent`. */
export function structuredContentOf(data: unknown, wrapping: OutputWrapping): Record<string, unknown> {
  if (wrapping === 'items') return { items: data };
  if (wrapping === 'object' && isRecord(data)) return data;
  return { value: data };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
