import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface JiraErrorBody {
  errorMessages?: unknown[];
  errors?: Record<string, unknown>;
}

/**
 * Reads Jira's error body, `{ errorMessages: [...], errors: { field: message } }`: the messages
 * and each field's complaint become one readable message; the status decides the code.
 */
export function jiraVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as JiraErrorBody;
  const info: VendorErrorInfo = { details: body };
  const messages = (Array.isArray(body.errorMessages) ? body.errorMessages : []).filter((message) => typeof message === 'string');
  const fields = Object.entries(body.errors ?? {}).map(([field, message]) => `${field}: ${String(message)}`);
  const parts = [...messages, ...fields];
  if (parts.length > 0) info.message = parts.join('; ');
  else if (typeof response.data === 'string' && response.data !== '') info.message = response.data.slice(0, 300);
  return info;
}
