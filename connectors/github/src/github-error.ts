import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface GithubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: unknown[];
}

/**
 * Reads GitHub's error body (`{ message, errors, documentation_url }`). A secondary rate limit
 * can arrive as a 403 without `Retry-After`; GitHub then asks for at least a minute's wait.
 */
export function githubVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as GithubErrorBody;
  const info: VendorErrorInfo = { details: body };
  if (typeof body.message === 'string') info.message = body.message;
  if (Array.isArray(body.errors) && body.errors.length > 0) {
    info.message = `${info.message ?? 'Request failed'} (${body.errors.map(describeError).join('; ')})`;
  }
  const limited = /rate limit/i.test(body.message ?? '');
  if ((response.status === 403 || response.status === 429) && limited) info.code = 'RATE_LIMITED';
  return info;
}

function describeError(error: unknown): string {
  if (typeof error === 'string') return error;
  const { resource, field, code, message } = (error ?? {}) as Record<string, unknown>;
  if (typeof message === 'string') return message;
  return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
}
