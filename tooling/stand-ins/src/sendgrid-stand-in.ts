import { randomUUID } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface SendgridStandInOptions extends StandInOptions {
  /** The only API key accepted, as `Bearer <key>`. Default `SG.standin.api_key`. */
  apiKey?: string;
  /** `X-RateLimit-Limit` on every answer. Default 600. */
  rateLimit?: number;
}

export interface SendgridStandInState {
  /** Every accepted `POST /v3/mail/send` body, with the `X-Message-Id` it was given. */
  mail: { messageId: string; body: Record<string, unknown> }[];
  /** Marketing contacts by email, or by `<identifier>:<value>` for one upserted without an email. */
  contacts: Map<string, Record<string, unknown> & { id: string; email?: string }>;
  lists: { id: string; name: string; contact_count: number }[];
  templates: { id: string; name: string; generation: 'legacy' | 'dynamic'; updated_at: string }[];
  bounces: { created: number; email: string; reason: string; status: string }[];
}

export interface SendgridStandIn extends StandIn {
  readonly apiKey: string;
  readonly state: SendgridStandInState;
  /** The next request (or the next whose path starts with `match`) gets SendGrid's 429 with `X-RateLimit-Remaining: 0`, reset in 1 s. */
  rateLimitNext(match?: string): void;
}

/** SendGrid's error body: `{ errors: [{ message, field, help }] }`. */
export function sendgridError(status: number, message: string, field: string | null = null, help?: string): StandInResponse {
  return { status, body: { errors: [{ message, field, ...(help ? { help } : {}) }] } };
}

const HELP = 'http://sendgrid.com/docs/API_Reference/Web_API_v3/Mail/errors.html';
/** The fields SendGrid finds a contact by, one of which every upserted contact carries. */
const IDENTIFIERS = ['email', 'phone_number_id', 'external_id', 'anonymous_id'] as const;
const CONTACT_FIELDS = new Set<string>([
  ...IDENTIFIERS, 'alternate_emails', 'first_name', 'last_name', 'address_line_1', 'address_line_2', 'city',
  'state_province_region', 'postal_code', 'country', 'custom_fields', 'unique_name',
]);

/** SendGrid's validation of a v3 mail send, for the rules that trip callers most. */
function mailProblems(body: Record<string, unknown>): StandInResponse | undefined {
  const personalizations = body.personalizations;
  if (!Array.isArray(personalizations) || personalizations.length === 0) {
    return sendgridError(400, 'The personalizations field is required and must have at least one personalization.', 'personalizations', `${HELP}#-Personalizations-Errors`);
  }
  if (personalizations.some((entry: { to?: unknown }) => !Array.isArray(entry.to) || entry.to.length === 0)) {
    return sendgridError(400, 'The to array is required for all personalization objects, and must have at least one email object with a valid email address.', 'personalizations.0.to', `${HELP}#message.personalizations.to`);
  }
  if (typeof (body.from as { email?: unknown } | undefined)?.email !== 'string') {
    return sendgridError(400, 'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.', 'from.email', `${HELP}#message.from`);
  }
  if (body.template_id === undefined) {
    if (typeof body.subject !== 'string' && personalizations.every((entry: { subject?: unknown }) => typeof entry.subject !== 'string')) {
      return sendgridError(400, 'The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined.', 'subject', `${HELP}#message.subject`);
    }
    if (!Array.isArray(body.content) || body.content.length === 0) {
      return sendgridError(400, 'Unless a valid template_id is provided, the content parameter is required.', 'content', `${HELP}#message.content`);
    }
  }
  return undefined;
}

/** Answers the SGQL shapes used most: `email = 'a@b.c'` and `email LIKE 'prefix%'`. */
function searchContacts(state: SendgridStandInState, query: unknown): StandInResponse {
  const match = typeof query === 'string' ? /^\s*email\s+(=|LIKE)\s+'([^']*)'\s*$/i.exec(query) : null;
  if (!match) return sendgridError(400, 'Invalid query, please check the SGQL syntax.', 'query');
  const [, operator, value] = match;
  const wanted = value!.toLowerCase();
  const test = operator === '=' ? (email: string) => email === wanted : (email: string) => email.startsWith(wanted.replace(/%$/, ''));
  const result = [...state.contacts.values()].filter((contact) => contact.email !== undefined && test(contact.email));
  return { status: 200, body: { result, contact_count: result.length, _metadata: { self: '/v3/marketing/contacts/search' } } };
}

/** Token-paged lists (`page_size`, `page_token`), the next page named in `_metadata.next` as a full URL. */
function tokenPage<T>(items: T[], request: StandInRequest, origin: string, maximum: number, required: boolean): StandInResponse {
  if (required && request.query.page_size === undefined) return sendgridError(400, 'page_size is required', 'page_size');
  const size = Number(request.query.page_size ?? 100);
  if (!Number.isInteger(size) || size < 1 || size > maximum) return sendgridError(400, `page_size should be between 1 and ${maximum}`, 'page_size');
  const start = request.query.page_token ? Number(Buffer.from(request.query.page_token, 'base64url').toString()) : 0;
  const result = items.slice(start, start + size);
  const metadata: Record<string, unknown> = { self: `${origin}${request.path}`, count: items.length };
  if (start + size < items.length) {
    const next = new URLSearchParams({ ...request.query, page_token: Buffer.from(String(start + size)).toString('base64url') });
    metadata.next = `${origin}${request.path}?${next}`;
  }
  return { status: 200, body: { result, _metadata: metadata } };
}

function route(state: SendgridStandInState, request: StandInRequest, origin: string): StandInResponse {
  const body = (typeof request.json === 'object' && request.json !== null ? request.json : {}) as Record<string, unknown>;
  const { method, path, query } = request;
  if (method === 'POST' && path === '/v3/mail/send') {
    const problem = mailProblems(body);
    if (problem) return problem;
    const messageId = randomUUID().replace(/-/g, '').slice(0, 22);
    state.mail.push({ messageId, body });
    return { status: 202, headers: { 'x-message-id': messageId } };
  }
  if (method === 'PUT' && path === '/v3/marketing/contacts') {
    const contacts = body.contacts;
    if (!Array.isArray(contacts) || contacts.length === 0) return sendgridError(400, 'contacts is required', 'contacts');
    for (const contact of contacts as Record<string, unknown>[]) {
      const unknown = Object.keys(contact).find((field) => !CONTACT_FIELDS.has(field));
      if (unknown) return sendgridError(400, `${unknown} is not a valid contact field`, `contacts[0].${unknown}`);
      const identifier = IDENTIFIERS.find((field) => typeof contact[field] === 'string');
      if (!identifier) return sendgridError(400, 'at least one identifier is required', 'contacts[0]');
      const key = identifier === 'email' ? String(contact.email).toLowerCase() : `${identifier}:${String(contact[identifier])}`;
      const existing = state.contacts.get(key);
      const email = typeof contact.email === 'string' ? contact.email.toLowerCase() : existing?.email;
      state.contacts.set(key, { ...existing, ...contact, ...(email ? { email } : {}), id: existing?.id ?? randomUUID(), list_ids: body.list_ids ?? [] });
    }
    return { status: 202, body: { job_id: randomUUID() } };
  }
  if (method === 'POST' && path === '/v3/marketing/contacts/search') return searchContacts(state, body.query);
  if (method === 'GET' && path === '/v3/marketing/lists') return tokenPage(state.lists, request, origin, 1000, false);
  if (method === 'GET' && path === '/v3/templates') {
    const generations = (query.generations ?? 'legacy').split(',');
    return tokenPage(state.templates.filter((template) => generations.includes(template.generation)), request, origin, 200, true);
  }
  if (method === 'GET' && path === '/v3/suppression/bounces') {
    const from = Number(query.start_time ?? 0);
    const to = Number(query.end_time ?? Number.MAX_SAFE_INTEGER);
    const offset = Number(query.offset ?? 0);
    const rows = state.bounces.filter((bounce) => bounce.created >= from && bounce.created <= to && (!query.email || bounce.email === query.email));
    return { status: 200, body: rows.slice(offset, query.limit === undefined ? undefined : offset + Number(query.limit)) };
  }
  if (method === 'GET' && path === '/v3/stats') {
    if (!query.start_date) return sendgridError(400, 'start_date is required', 'start_date');
    const start = Date.parse(query.start_date);
    const end = query.end_date ? Date.parse(query.end_date) : start + 2 * 86_400_000;
    if (Number.isNaN(start) || Number.isNaN(end) || end < start) return sendgridError(400, 'start_date must be a valid date (YYYY-MM-DD) before end_date', 'start_date');
    const days = Math.min(31, Math.round((end - start) / 86_400_000) + 1);
    return {
      status: 200,
      body: Array.from({ length: days }, (_unused, index) => ({
        date: new Date(start + index * 86_400_000).toISOString().slice(0, 10),
        stats: [{ metrics: { requests: 100 + index, delivered: 97 + index, bounces: 2, opens: 40, unique_opens: 31, clicks: 9, unsubscribes: 1, spam_reports: 0 } }],
      })),
    };
  }
  return sendgridError(404, 'resource not found');
}

function seed(): SendgridStandInState {
  const contacts = new Map<string, Record<string, unknown> & { id: string; email?: string }>();
  for (const name of ['ada', 'alan', 'grace']) contacts.set(`${name}@example.com`, { id: randomUUID(), email: `${name}@example.com`, first_name: name });
  return {
    mail: [],
    contacts,
    lists: Array.from({ length: 5 }, (_unused, index) => ({ id: randomUUID(), name: `List ${index + 1}`, contact_count: index * 10 })),
    templates: Array.from({ length: 7 }, (_unused, index) => ({
      id: index < 5 ? `d-${randomUUID().replace(/-/g, '')}` : randomUUID(),
      name: `Template ${index + 1}`,
      generation: index < 5 ? 'dynamic' : 'legacy',
      updated_at: '2026-01-05 09:00:00',
    })),
    bounces: Array.from({ length: 4 }, (_unused, index) => ({
      created: 1_767_600_000 + index * 86_400,
      email: `bounced${index + 1}@example.com`,
      reason: '550 5.1.1 The email account that you tried to reach does not exist.',
      status: '5.1.1',
    })),
  };
}

/**
 * Starts a stand-in of SendGrid's v3 API on 127.0.0.1: bearer API key, `X-RateLimit-*` headers on
 * every answer, 202 with no body for a mail send, token-paged Marketing lists and SendGrid's
 * `{ errors: [...] }` bodies.
 */
export async function startSendgridStandIn(options: SendgridStandInOptions = {}): Promise<SendgridStandIn> {
  const apiKey = options.apiKey ?? 'SG.standin.api_key';
  const limit = options.rateLimit ?? 600;
  const state = seed();
  let remaining = limit;
  let url = '';
  const standIn = await startStandIn((request) => {
    const reset = Math.ceil(Date.now() / 1000) + 60;
    const headers = { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': String(Math.max(0, --remaining)), 'x-ratelimit-reset': String(reset) };
    const answer =
      request.headers.authorization === `Bearer ${apiKey}`
        ? route(state, request, url)
        : sendgridError(401, 'The provided authorization grant is invalid, expired, or revoked');
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }, options);
  url = standIn.url;
  return {
    ...standIn,
    apiKey,
    state,
    rateLimitNext(match) {
      const fault = {
        ...sendgridError(429, 'too many requests'),
        headers: { 'x-ratelimit-limit': String(limit), 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(Math.ceil(Date.now() / 1000) + 1) },
      };
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
  };
}
