import { randomBytes } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface TwilioStandInOptions extends StandInOptions {
  /** Account SID (`AC…`), the basic-auth user name and the `{AccountSid}` of every path. */
  accountSid?: string;
  /** Auth token, the basic-auth password. Default `twilio_standin_auth_token`. */
  authToken?: string;
  /** API key SID (`SK…`) accepted as user name with `apiKeySecret`, for the same account. */
  apiKeySid?: string;
  apiKeySecret?: string;
}

/** A Messages, Calls or IncomingPhoneNumbers resource as Twilio returns it (snake_case fields). */
export type TwilioResource = Record<string, unknown> & { sid: string };

export interface TwilioStandIn extends StandIn {
  readonly accountSid: string;
  readonly authToken: string;
  readonly apiKeySid: string;
  readonly apiKeySecret: string;
  /** Newest first, as Twilio lists them; seeded with 12 messages, 3 calls and 2 numbers. */
  readonly state: { messages: TwilioResource[]; calls: TwilioResource[]; numbers: TwilioResource[] };
  /** The next request (or the next whose path starts with `match`) gets Twilio's 429, code 20429. */
  rateLimitNext(match?: string): void;
}

const PHONE = /^\+[1-9]\d{6,14}$/;

/** Twilio's error body: `{ code, message, more_info, status }`. */
export function twilioError(status: number, code: number, message: string): StandInResponse {
  return { status, body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status } };
}

const sid = (prefix: string) => prefix + randomBytes(16).toString('hex');
/** Twilio writes dates in RFC 2822 form: `Thu, 24 Aug 2026 05:01:45 +0000`. */
const rfc2822 = (date: Date) => date.toUTCString().replace('GMT', '+0000');

/** A form body with every value of a repeated key (`MediaUrl`, `StatusCallbackEvent`). */
function formOf(request: StandInRequest): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const [key, value] of new URLSearchParams(request.body)) values.set(key, [...(values.get(key) ?? []), value]);
  return values;
}

/**
 * One page as Twilio's 2010 API pages: `PageSize` (default 50, max 1000), an opaque `PageToken`
 * for where the next page starts, and `next_page_uri` null on the last page.
 */
function listPage(items: TwilioResource[], key: string, path: string, query: Record<string, string>): StandInResponse {
  const pageSize = Number(query.PageSize ?? 50);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) return twilioError(400, 20001, 'Invalid PageSize');
  const start = query.PageToken ? Number(query.PageToken.replace(/^PT/, '')) : 0;
  if (!Number.isInteger(start) || start < 0) return twilioError(400, 20001, 'Invalid PageToken');
  const page = Math.floor(start / pageSize);
  // Exact-match filters (To, From, Status, PhoneNumber…); date ranges are accepted and not applied.
  const filters = Object.entries(query).filter(([name]) => !['PageSize', 'Page', 'PageToken'].includes(name) && !/Date|Time/.test(name));
  const matching = items.filter((item) => filters.every(([name, value]) => String(item[snake(name)] ?? '') === value));
  const slice = matching.slice(start, start + pageSize);
  const uri = (from: number, index: number) => `${path}?PageSize=${pageSize}&Page=${index}${from > 0 ? `&PageToken=PT${from}` : ''}`;
  const hasNext = start + pageSize < matching.length;
  return {
    status: 200,
    body: {
      [key]: slice,
      first_page_uri: uri(0, 0),
      next_page_uri: hasNext ? uri(start + pageSize, page + 1) : null,
      previous_page_uri: page > 0 ? uri(Math.max(0, start - pageSize), page - 1) : null,
      page,
      page_size: pageSize,
      start,
      end: start + Math.max(0, slice.length - 1),
      uri: uri(start, page),
    },
  };
}

function snake(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
}

function message(accountSid: string, to: string, from: string, body: string, media: string[], when: Date, status = 'queued'): TwilioResource {
  const messageSid = sid('SM');
  return {
    sid: messageSid,
    account_sid: accountSid,
    api_version: '2010-04-01',
    to,
    from,
    body,
    status,
    direction: 'outbound-api',
    num_media: String(media.length),
    num_segments: String(Math.max(1, Math.ceil(body.length / 160))),
    messaging_service_sid: null,
    price: null,
    price_unit: 'USD',
    error_code: null,
    error_message: null,
    date_created: rfc2822(when),
    date_updated: rfc2822(when),
    date_sent: status === 'queued' ? null : rfc2822(when),
    uri: `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}.json`,
    subresource_uris: { media: `/2010-04-01/Accounts/${accountSid}/Messages/${messageSid}/Media.json` },
  };
}

function call(accountSid: string, to: string, from: string, when: Date, status = 'queued'): TwilioResource {
  const callSid = sid('CA');
  return {
    sid: callSid,
    account_sid: accountSid,
    api_version: '2010-04-01',
    to,
    from,
    status,
    direction: 'outbound-api',
    duration: status === 'completed' ? '42' : null,
    start_time: status === 'queued' ? null : rfc2822(when),
    date_created: rfc2822(when),
    date_updated: rfc2822(when),
    uri: `/2010-04-01/Accounts/${accountSid}/Calls/${callSid}.json`,
  };
}

type TwilioState = TwilioStandIn['state'];

function route(state: TwilioState, accountSid: string, request: StandInRequest): StandInResponse {
  const prefix = `/2010-04-01/Accounts/${accountSid}`;
  if (request.path === `${prefix}.json` && request.method === 'GET') {
    return { status: 200, body: { sid: accountSid, friendly_name: 'Stand-in account', status: 'active', type: 'Full', date_created: rfc2822(new Date('2026-01-05T09:00:00Z')) } };
  }
  if (!request.path.startsWith(`${prefix}/`)) return twilioError(404, 20404, `The requested resource ${request.path} was not found`);
  const path = request.path.slice(prefix.length);
  const form = formOf(request);
  const one = (name: string) => form.get(name)?.[0];

  if (path === '/Messages.json' && request.method === 'POST') {
    const to = one('To');
    const from = one('From') ?? one('MessagingServiceSid');
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!PHONE.test(to) && !to.startsWith('whatsapp:')) return twilioError(400, 21211, `Invalid 'To' Phone Number: ${to}`);
    if (!from) return twilioError(400, 21603, "A 'From' phone number is required.");
    const media = form.get('MediaUrl') ?? [];
    if (!one('Body') && media.length === 0 && !one('ContentSid')) return twilioError(400, 21602, 'Message body is required.');
    const created = message(accountSid, to, from, one('Body') ?? '', media, new Date());
    state.messages.unshift(created);
    return { status: 201, body: created };
  }
  if (path === '/Messages.json' && request.method === 'GET') return listPage(state.messages, 'messages', request.path, request.query);
  const match = /^\/Messages\/(SM[0-9a-f]{32})\.json$/.exec(path);
  if (match && request.method === 'GET') {
    const found = state.messages.find((item) => item.sid === match![1]);
    return found ? { status: 200, body: found } : twilioError(404, 20404, `The requested resource ${request.path} was not found`);
  }
  if (path === '/Calls.json' && request.method === 'POST') {
    const to = one('To');
    const from = one('From');
    if (!to) return twilioError(400, 21201, 'No \'To\' number is specified');
    if (!from) return twilioError(400, 21213, 'No \'From\' number is specified');
    if (!one('Url') && !one('Twiml') && !one('ApplicationSid')) return twilioError(400, 21205, 'Url parameter is required.');
    const created = call(accountSid, to, from, new Date());
    state.calls.unshift(created);
    return { status: 201, body: created };
  }
  if (path === '/Calls.json' && request.method === 'GET') return listPage(state.calls, 'calls', request.path, request.query);
  if (path === '/IncomingPhoneNumbers.json' && request.method === 'GET') {
    return listPage(state.numbers, 'incoming_phone_numbers', request.path, request.query);
  }
  return twilioError(404, 20404, `The requested resource ${request.path} was not found`);
}

function seed(accountSid: string): TwilioState {
  const from = '+15005550006';
  const messages = Array.from({ length: 12 }, (_unused, index) =>
    message(accountSid, `+1415555${String(index).padStart(4, '0')}`, from, `Seeded message ${index + 1}`, [], new Date(Date.UTC(2026, 0, 17 - index)), 'delivered'),
  );
  const calls = ['completed', 'completed', 'no-answer'].map((status, index) => call(accountSid, '+14155550100', from, new Date(Date.UTC(2026, 0, 10 - index)), status));
  const numbers = [from, '+15005550010'].map((phoneNumber, index) => ({
    sid: sid('PN'),
    account_sid: accountSid,
    phone_number: phoneNumber,
    friendly_name: `Stand-in line ${index + 1}`,
    capabilities: { voice: true, sms: true, mms: index === 0, fax: false },
    sms_url: 'https://example.com/sms',
    voice_url: 'https://example.com/voice',
  }));
  return { messages, calls, numbers };
}

/**
 * Starts a stand-in of Twilio's 2010-04-01 REST API on 127.0.0.1: HTTP Basic with the account SID
 * and auth token (or an API key SID and secret), form-encoded bodies with PascalCase names,
 * JSON answers with snake_case fields, `next_page_uri` paging and Twilio's error bodies.
 */
export async function startTwilioStandIn(options: TwilioStandInOptions = {}): Promise<TwilioStandIn> {
  const accountSid = options.accountSid ?? 'AC0123456789abcdef0123456789abcdef';
  const authToken = options.authToken ?? 'twilio_standin_auth_token';
  const apiKeySid = options.apiKeySid ?? 'SK0123456789abcdef0123456789abcdef';
  const apiKeySecret = options.apiKeySecret ?? 'twilio_standin_api_key_secret';
  const state = seed(accountSid);
  const accepted = new Set([`${accountSid}:${authToken}`, `${apiKeySid}:${apiKeySecret}`].map((pair) => `Basic ${Buffer.from(pair).toString('base64')}`));
  const standIn = await startStandIn((request) => {
    if (!accepted.has(request.headers.authorization ?? '')) return twilioError(401, 20003, 'Authenticate');
    return route(state, accountSid, request);
  }, options);
  return {
    ...standIn,
    accountSid,
    authToken,
    apiKeySid,
    apiKeySecret,
    state,
    rateLimitNext(match) {
      const fault = twilioError(429, 20429, 'Too Many Requests');
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
  };
}
