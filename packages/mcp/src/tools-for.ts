import type { ConnectorCatalog, JSONSchema, OperationDefinition } from '@patchbay/contract';
import type { IntegrationManager } from '@patchbay/runtime';
import { callTool } from './call-tool.js';
import { toolAnnotations, isSafeRead, type ToolAnnotations } from './tool-annotations.js';
import { createToolFilter } from './tool-filter.js';
import { toolName } from './tool-name.js';
import type { ToolCallResult } from './tool-result.js';
import { toolInputSchema, toolOutput, type OutputWrapping } from './tool-schemas.js';

export interface ToolOptions {
  /** Glob patterns on `<connection>.<operation>` (`github.issues.*`); only matching operations become tools. Default: all. */
  include?: readonly string[];
  /** Glob patterns on `<connection>.<operation>` left out, applied after `include`. */
  exclude?: readonly string[];
  /** Only operations that read (see `readOnlyHint`). Default false. */
  readOnly?: boolean;
  /** Pages one `allPages` call reads at most. Default 10. */
  maxPages?: number;
}

export interface ToolExecuteOptions {
  /** Aborts the call, and the HTTP request in flight. */
  signal?: AbortSignal;
  /** Called after each page of an `allPages` call. */
  onProgress?: (progress: { pages: number; items: number }) => void;
}

/** One (connection, operation) pair as a tool: what function calling needs, and how to run it. */
export interface PatchbayTool {
  /** `<connection>_<operation>` within MCP's rules (≤ 64 of `[A-Za-z0-9_-]`), stable across restarts. */
  name: string;
  connection: string;
  operation: string;
  description: string;
  /** JSON Schema of the arguments, `$ref`s inlined; paged operations add `allPages`. */
  inputSchema: JSONSchema;
  /** JSON Schema of `structuredContent`, when the operation declares an output (an array output as `{ items }`). */
  outputSchema?: JSONSchema;
  annotations: ToolAnnotations;
  /** Runs the operation through the manager; resolves with a result, never rejects. */
  execute(args: unknown, options?: ToolExecuteOptions): Promise<ToolCallResult>;
}

export const DEFAULT_MAX_PAGES = 10;

/**
 * Every (connection, operation) pair of the manager's connections as a tool definition, sorted by
 * name, filtered by `include`, `exclude` and `readOnly`. The same definitions back the MCP server,
 * so an app on another agent framework reuses them for function calling.
 */
export function toolsFor(manager: IntegrationManager, options: ToolOptions = {}): PatchbayTool[] {
  const selected = createToolFilter(options.include, options.exclude);
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const tools: PatchbayTool[] = [];
  for (const connection of manager.listConnections()) {
    const catalog = manager.catalog(connection.connector);
    if (!catalog) continue;
    for (const [operation, definition] of Object.entries(catalog.operations)) {
      if (!selected(`${connection.id}.${operation}`)) continue;
      if (options.readOnly === true && !isSafeRead(operation, definition)) continue;
      tools.push(defineTool(manager, connection.id, catalog, operation, definition, maxPages));
    }
  }
  return tools.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function defineTool(
  manager: IntegrationManager,
  connection: string,
  catalog: ConnectorCatalog,
  operation: string,
  definition: OperationDefinition,
  maxPages: number,
): PatchbayTool {
  const connectorName = catalog.displayName;
  // Schemas are derived on first read: listing a 1,000-operation connector builds only the names
  // until a client asks for the definitions.
  let input: JSONSchema | undefined;
  let output: { schema: JSONSchema; wrapping: OutputWrapping } | null | undefined;
  const outputOf = () => (output === undefined ? (output = toolOutput(definition, catalog.$defs) ?? null) : output);
  const title = `${connectorName} (${connection}): ${definition.displayName}`;
  const tool: PatchbayTool = {
    name: toolName(connection, operation),
    connection,
    operation,
    description: describe(definition, connection, connectorName, operation),
    get inputSchema() {
      return (input ??= toolInputSchema(definition, catalog.$defs));
    },
    annotations: toolAnnotations(operation, definition, title),
    execute: (args, executeOptions = {}) =>
      callTool(manager, { connection, operation, definition, wrapping: outputOf()?.wrapping, maxPages }, args, executeOptions),
  };
  if (definition.outputSchema !== undefined) {
    Object.defineProperty(tool, 'outputSchema', { enumerable: true, get: () => outputOf()?.schema });
  }
  return tool;
}

function describe(definition: OperationDefinition, connection: string, connectorName: string, operation: string): string {
  const parts = [`${definition.displayName} on ${connectorName} connection "${connection}" (operation ${operation}).`];
  if (definition.description !== undefined && definition.description !== definition.displayName) parts.push(definition.description);
  if (definition.pagination !== undefined) parts.push('Returns one page; pass allPages: true for every page.');
  if (definition.deprecated) parts.push(`Deprecated${typeof definition.deprecated === 'string' ? `: ${definition.deprecated}` : '.'}`);
  return parts.join(' ');
}
