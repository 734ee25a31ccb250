import { PatchbayError, type ConnectorExecuteOutput, type OperationDefinition } from '@patchbay/contract';
import type { IntegrationManager } from '@patchbay/runtime';
import { readItems, withItems } from './items-path.js';
import { failureResult, successResult, summaryLine, type ToolCallResult } from './tool-result.js';
import { ALL_PAGES_FIELD, isRecord, offersAllPages, type OutputWrapping } from './tool-schemas.js';
import type { ToolExecuteOptions } from './tools-for.js';

export interface ToolBinding {
  connection: string;
  operation: string;
  definition: OperationDefinition;
  wrapping: OutputWrapping | undefined;
  maxPages: number;
}

/**
 * Runs one tool call through the manager (validation, limits, retries and redaction all apply)
 * and turns the result union into a tool result. Resolves, never rejects.
 */
export async function callTool(manager: IntegrationManager, tool: ToolBinding, args: unknown, options: ToolExecuteOptions): Promise<ToolCallResult> {
  const label = `${tool.connection} ${tool.operation}`;
  if (args !== undefined && !isRecord(args)) {
    const error = new PatchbayError({ code: 'VALIDATION_FAILED', message: `The arguments of ${tool.operation} must be an object`, details: [{ pointer: '', message: 'must be object', keyword: 'type' }] });
    return failureResult(tool.operation, error.toConnectorError());
  }
  const { [ALL_PAGES_FIELD]: allPages, ...rest } = args ?? {};
  const pagesWanted = offersAllPages(tool.definition) && allPages === true;
  const input = offersAllPages(tool.definition) ? rest : (args ?? {});
  try {
    if (pagesWanted) return await readAllPages(manager, tool, input, options, label);
    const result = await manager.execute(tool.connection, tool.operation, input, { signal: options.signal });
    return toToolResult(result, tool, label);
  } catch (error) {
    // execute resolves by contract; this guards a listener (onProgress) that throws.
    return failureResult(tool.operation, { code: 'CONNECTOR_ERROR', message: (error as Error).message, retryable: false });
  }
}

function toToolResult(result: ConnectorExecuteOutput, tool: ToolBinding, label: string): ToolCallResult {
  if (!result.ok) return failureResult(tool.operation, result.error);
  return successResult(summaryLine(label, result.data, result.meta, tool.definition.pagination?.cursorParam), result.data, tool.wrapping);
}

async function readAllPages(
  manager: IntegrationManager,
  tool: ToolBinding,
  input: Record<string, unknown>,
  options: ToolExecuteOptions,
  label: string,
): Promise<ToolCallResult> {
  const itemsPath = tool.definition.pagination?.itemsPath;
  const items: unknown[] = [];
  let pages = 0;
  let last: ConnectorExecuteOutput | undefined;
  for await (const page of manager.pages(tool.connection, tool.operation, input, { maxPages: tool.maxPages, signal: options.signal })) {
    last = page;
    if (!page.ok) {
      const prefix = pages === 0 ? '' : `Page ${pages + 1} failed after ${items.length} items from ${pages} pages. `;
      return failureResult(tool.operation, page.error, prefix);
    }
    pages += 1;
    const pageItems = readItems(page.data, itemsPath);
    if (Array.isArray(pageItems)) items.push(...(pageItems as unknown[]));
    options.onProgress?.({ pages, items: items.length });
  }
  if (last === undefined || !last.ok) return successResult(`${label}: ok, no pages`, [], tool.wrapping);
  // One result of the same shape as a page: the last page's data with every page's items in it.
  const data = withItems(last.data, itemsPath, items);
  let summary = `${label}: ok, ${items.length} items from ${pages} page${pages === 1 ? '' : 's'}`;
  const cursorParam = tool.definition.pagination?.cursorParam;
  if (last.meta.nextCursor !== undefined && cursorParam !== undefined) {
    summary += `. Stopped at ${tool.maxPages} pages; more results: call again with "${cursorParam}": ${JSON.stringify(last.meta.nextCursor)}`;
  }
  return successResult(summary, data, tool.wrapping);
}
