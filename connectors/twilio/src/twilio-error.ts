import type { ErrorCode } from '@patchbay/contract';
import type { HttpResponse, VendorErrorInfo } from '@patchbay/runtime';

interface TwilioErrorBody {
  code?: number;
  message?: string;
  more_info?: string;
  status?: number;
}

// Twilio's own error codes that decide the result's code whatever the status says.
const CODES: Record<number, ErrorCode> = {
  20003: 'AUTH_FAILED',
  20404: 'NOT_FOUND',
  20429: 'RATE_LIMITED',
};

/** Reads Twilio's error body, `{ code, message, more_info, status }`. */
export function twilioVendorError(response: HttpResponse): VendorErrorInfo | undefined {
  if (response.status < 400) return undefined;
  const body = (typeof response.data === 'object' && response.data !== null ? response.data : {}) as TwilioErrorBody;
  const info: VendorErrorInfo = { details: body };
  if (typeof body.message === 'string') info.message = typeof body.code === 'number' ? `${body.code}: ${body.message}` : body.message;
  const code = typeof body.code === 'number' ? CODES[body.code] : undefined;
  if (code !== undefined) info.code = code;
  return info;
}
