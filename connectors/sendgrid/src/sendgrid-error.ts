import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface SendgridErrorBody {
  errors?: { message?: unknown; field?: unknown; help?: unknown }[];
}

/** Reads SendGrid's error body, `{ errors: [{ message, field, help }] }`; each error becomes `field: message`. */
export function sendgridVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as SendgridErrorBody;
  const info: VendorErrorInfo = { details: body };
  const messages = (Array.isArray(body.errors) ? body.errors : [])
    .filter((error) => typeof error?.message === 'string')
    .map((error) => (typeof error.field === 'string' && error.field !== '' ? `${error.field}: ${String(error.message)}` : String(error.message)));
  if (messages.length > 0) info.message = messages.join('; ');
  return info;
}
