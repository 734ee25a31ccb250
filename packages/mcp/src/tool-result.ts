import type { ConnectorError, ErrorCode, ExecuteMeta, ValidationIssue } from '@patchbay/contract';
import { isRecord, structuredContentOf, type OutputWrapping } from './tool-schemas.js';

/** What a tool call returns, in the shape both MCP and other agent SDKs' function calling can use. */
export interface ToolCallResult {
  /** True for an operational failure: the text says what went wrong and how the model can correct it. */
  isError: boolean;
  /** A short summary line, then the data as JSON (for clients that read only text). */
  text: string;
  /** The data, shaped to the tool's output schema (an array as `{ items }`); absent when the tool declares none or the call failed. */
  structuredContent?: Record<string, unknown>;
  /** The failure as data: the stable code, message, status and details (never the request or a credential). */
  error?: ToolError;
}

export interface ToolError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  status?: number;
  retryAfterMs?: number;
  details?: unknown;
}

/** Longer text is cut: a model's context is not the place for a 10 MB response. */
const MAX_TEXT_LENGTH = 100_000;

export function successResult(summary: string, data: unknown, wrapping: OutputWrapping | undefined): ToolCallResult {
  let json = data === undefined ? '' : JSON.stringify(data, null, 2) ?? '';
  if (json.length > MAX_TEXT_LENGTH) json = `${json.slice(0, MAX_TEXT_LENGTH)}\n… (cut at ${MAX_TEXT_LENGTH} characters; the structured content holds it all)`;
  const result: ToolCallResult = { isError: false, text: json === '' ? summary : `${summary}\n${json}` };
  if (wrapping !== undefined) result.structuredContent = structuredContentOf(data, wrapping);
  return result;
}

export function failureResult(operation: string, error: ConnectorError, prefix = ''): ToolCallResult {
  const toolError: ToolError = { code: error.code, message: error.message, retryable: error.retryable };
  if (error.status !== undefined) toolError.status = error.status;
  if (error.retryAfterMs !== undefined) toolError.retryAfterMs = error.retryAfterMs;
  if (error.details !== undefined) toolError.details = error.details;
  const lines = [`${prefix}${error.code}${error.status === undefined ? '' : ` (HTTP ${error.status})`}: ${error.message}`];
  const issues = validationIssues(error);
  if (issues) {
    lines.push(`Nothing was sent. Fix these arguments of ${operation} and call again:`);
    for (const issue of issues) lines.push(`- ${issue.pointer || '/'}: ${issue.message}`);
  } else if (error.retryable) {
    lines.push(error.retryAfterMs === undefined ? 'This may succeed if tried again.' : `This may succeed if tried again after ${Math.ceil(error.retryAfterMs / 1000)} s.`);
  }
  return { isError: true, text: lines.join('\n'), error: toolError };
}

/** `allPages` summary or one page's: the status, item count, and where the next page starts. */
export function summaryLine(label: string, data: unknown, meta: ExecuteMeta, cursorParam: string | undefined): string {
  const parts = [`${label}: ok`];
  if (meta.status !== undefined) parts.push(`HTTP ${meta.status}`);
  if (Array.isArray(data)) parts.push(`${data.length} items`);
  let line = parts.join(', ');
  if (meta.nextCursor !== undefined && cursorParam !== undefined) line += `. More results: call again with "${cursorParam}": ${JSON.stringify(meta.nextCursor)}`;
  return line;
}

function validationIssues(error: ConnectorError): ValidationIssue[] | undefined {
  if (error.code !== 'VALIDATION_FAILED' || !Array.isArray(error.details)) return undefined;
  return error.details.filter((issue): issue is ValidationIssue => isRecord(issue) && typeof issue.message === 'string')
    .map((issue) => ({ pointer: typeof issue.pointer === 'string' ? issue.pointer : '', message: issue.message, keyword: String(issue.keyword) }));
}
