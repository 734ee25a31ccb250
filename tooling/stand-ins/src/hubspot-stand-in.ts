import { randomUUID } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface HubspotStandInOptions extends StandInOptions {
  /** The only private-app or OAuth token accepted, as `Bearer <token>`. Default `pat-na1-standin`. */
  token?: string;
  /** Length of the burst window HubSpot reports in `X-HubSpot-RateLimit-Interval-Milliseconds`. Default 10000. */
  intervalMs?: number;
}

/** A CRM object as HubSpot returns it; every property value is a string or null. */
export interface HubspotObject {
  id: string;
  properties: Record<string, string | null>;
  createdAt: string;
  updatedAt: string;
  archived: boolean;
}

export type HubspotObjectType = 'contacts' | 'companies' | 'deals';

export interface HubspotStandIn extends StandIn {
  readonly token: string;
  /** Objects by type; seeded with 25 contacts, 3 companies and 2 deals. */
  readonly state: Record<HubspotObjectType, HubspotObject[]>;
  /** The next request gets HubSpot's 429 for this policy (default `TEN_SECONDLY_ROLLING`). */
  rateLimitNext(policyName?: 'TEN_SECONDLY_ROLLING' | 'SECONDLY' | 'DAILY'): void;
}

const DEFAULT_PROPERTIES: Record<HubspotObjectType, string[]> = {
  contacts: ['firstname', 'lastname', 'email'],
  companies: ['name', 'domain'],
  deals: ['dealname', 'amount', 'dealstage', 'pipeline', 'closedate'],
};
const ALWAYS = ['hs_object_id', 'createdate', 'lastmodifieddate'];
const DAILY_LIMIT = 250_000;

/** HubSpot's error body: `{ status: 'error', message, correlationId, category }`. */
export function hubspotError(status: number, category: string, message: string, extra: Record<string, unknown> = {}): StandInResponse {
  return { status, body: { status: 'error', message, correlationId: randomUUID(), category, ...extra } };
}

function view(object: HubspotObject, type: HubspotObjectType, requested: string | undefined) {
  const names = [...(requested ? requested.split(',') : DEFAULT_PROPERTIES[type]), ...ALWAYS];
  const properties = Object.fromEntries(names.filter((name) => name in object.properties).map((name) => [name, object.properties[name]!]));
  return { ...object, properties };
}

/** A page of results; `after` is an opaque offset, as HubSpot's is opaque to clients. */
function page(items: HubspotObject[], limitValue: unknown, after: unknown, link: (after: string) => string) {
  const limit = Math.min(100, Math.max(1, Number(limitValue ?? 10) || 10));
  const start = Number(after ?? 0) || 0;
  const results = items.slice(start, start + limit);
  const next = start + limit < items.length ? String(start + limit) : undefined;
  return { results, ...(next ? { paging: { next: { after: next, link: link(next) } } } : {}) };
}

interface Filter {
  propertyName?: string;
  operator?: string;
  value?: string;
}

function matches(object: HubspotObject, filter: Filter): boolean {
  const actual = object.properties[filter.propertyName ?? ''] ?? null;
  switch (filter.operator) {
    case 'EQ':
      return actual !== null && actual.toLowerCase() === String(filter.value).toLowerCase();
    case 'NEQ':
      return actual === null || actual.toLowerCase() !== String(filter.value).toLowerCase();
    case 'CONTAINS_TOKEN':
      return actual !== null && actual.toLowerCase().includes(String(filter.value).replace(/\*/g, '').toLowerCase());
    case 'HAS_PROPERTY':
      return actual !== null;
    case 'NOT_HAS_PROPERTY':
      return actual === null;
    default:
      return false;
  }
}

function newObject(id: number, properties: Record<string, unknown>, at: Date): HubspotObject {
  const stringified = Object.fromEntries(Object.entries(properties).map(([name, value]) => [name, value === null ? null : String(value)]));
  return {
    id: String(id),
    properties: { ...stringified, hs_object_id: String(id), createdate: at.toISOString(), lastmodifieddate: at.toISOString() },
    createdAt: at.toISOString(),
    updatedAt: at.toISOString(),
    archived: false,
  };
}

function route(state: HubspotStandIn['state'], request: StandInRequest, nextId: () => number, url: string): StandInResponse {
  const match = /^\/crm\/v3\/objects\/(contacts|companies|deals)(?:\/([^/]+))?$/.exec(request.path);
  if (!match) return { status: 404, body: '' };
  const type = match[1] as HubspotObjectType;
  const objects = state[type];
  const body = (request.json ?? {}) as Record<string, unknown>;
  const segment = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  const notFound = () => hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found');

  if (segment === 'search' && request.method === 'POST') {
    const groups = (body.filterGroups ?? []) as { filters?: Filter[] }[];
    const query = typeof body.query === 'string' ? body.query.toLowerCase() : '';
    const found = objects.filter(
      (object) =>
        (groups.length === 0 || groups.some((group) => (group.filters ?? []).every((filter) => matches(object, filter)))) &&
        (query === '' || Object.values(object.properties).some((value) => value?.toLowerCase().includes(query))),
    );
    const requested = Array.isArray(body.properties) ? body.properties.join(',') : undefined;
    const result = page(found, body.limit, body.after, () => '');
    const paging = result.paging ? { paging: { next: { after: result.paging.next.after } } } : {};
    return { status: 200, body: { total: found.length, results: result.results.map((object) => view(object, type, requested)), ...paging } };
  }
  if (segment === undefined && request.method === 'GET') {
    const live = objects.filter((object) => object.archived === (request.query.archived === 'true'));
    const result = page(live, request.query.limit, request.query.after, (after) => {
      const link = new URL(request.path, url);
      for (const [name, value] of Object.entries(request.query)) link.searchParams.set(name, value);
      link.searchParams.set('after', after);
      return link.toString();
    });
    return { status: 200, body: { ...result, results: result.results.map((object) => view(object, type, request.query.properties)) } };
  }
  if (segment === undefined && request.method === 'POST') {
    const properties = body.properties as Record<string, unknown> | undefined;
    if (typeof properties !== 'object' || properties === null) {
      return hubspotError(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1, column 2: Cannot build SimplePublicObjectInputForCreate, some of required attributes are not set [properties]');
    }
    // HubSpot's OpenAPI description requires both fields of SimplePublicObjectInputForCreate.
    if (!Array.isArray(body.associations)) {
      return hubspotError(400, 'VALIDATION_ERROR', 'Invalid input JSON on line 1, column 2: Cannot build SimplePublicObjectInputForCreate, some of required attributes are not set [associations]');
    }
    const email = properties.email;
    const existing = type === 'contacts' && email ? objects.find((object) => object.properties.email === String(email)) : undefined;
    if (existing) return hubspotError(409, 'CONFLICT', `Contact already exists. Existing ID: ${existing.id}`);
    const created = newObject(nextId(), properties, new Date());
    objects.push(created);
    return { status: 201, body: view(created, type, Object.keys(properties).join(',')) };
  }
  const object = objects.find((candidate) =>
    request.query.idProperty ? candidate.properties[request.query.idProperty] === segment : candidate.id === segment,
  );
  if (!object) return notFound();
  if (request.method === 'GET') return { status: 200, body: view(object, type, request.query.properties) };
  if (request.method === 'PATCH') {
    const properties = (body.properties ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(properties)) object.properties[name] = value === null ? null : String(value);
    object.updatedAt = object.properties.lastmodifieddate = new Date().toISOString();
    return { status: 200, body: view(object, type, Object.keys(properties).join(',')) };
  }
  return hubspotError(405, 'VALIDATION_ERROR', 'Method not allowed');
}

function seed(nextId: () => number): HubspotStandIn['state'] {
  const at = new Date('2026-03-01T08:00:00.000Z');
  const contacts = Array.from({ length: 25 }, (_, index) =>
    newObject(nextId(), { firstname: `Person${index + 1}`, lastname: index % 2 ? 'Lovelace' : 'Hopper', email: `person${index + 1}@example.com` }, at),
  );
  const companies = ['Acme', 'Globex', 'Initech'].map((name) => newObject(nextId(), { name, domain: `${name.toLowerCase()}.com` }, at));
  const deals = ['Acme renewal', 'Globex pilot'].map((dealname) =>
    newObject(nextId(), { dealname, amount: '5000', dealstage: 'appointmentscheduled', pipeline: 'default' }, at),
  );
  return { contacts, companies, deals };
}

/**
 * Starts a stand-in of HubSpot's CRM v3 objects API (contacts, companies, deals, search) on
 * 127.0.0.1, with HubSpot's error bodies, `after` paging and `X-HubSpot-RateLimit-*` headers.
 * Like HubSpot, search answers carry no rate-limit headers.
 */
export async function startHubspotStandIn(options: HubspotStandInOptions = {}): Promise<HubspotStandIn> {
  const token = options.token ?? 'pat-na1-standin';
  const intervalMs = options.intervalMs ?? 10_000;
  let id = 1000;
  const nextId = () => (id += 1);
  const state = seed(nextId);
  let dailyUsed = 0;
  const limitHeaders = (remaining: number) => ({
    'x-hubspot-ratelimit-max': '100',
    'x-hubspot-ratelimit-remaining': String(remaining),
    'x-hubspot-ratelimit-interval-milliseconds': String(intervalMs),
    'x-hubspot-ratelimit-daily': String(DAILY_LIMIT),
    'x-hubspot-ratelimit-daily-remaining': String(DAILY_LIMIT - dailyUsed),
  });
  let url = '';
  const standIn = await startStandIn((request) => {
    if (request.headers.authorization !== `Bearer ${token}`) {
      return hubspotError(401, 'INVALID_AUTHENTICATION', 'Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview');
    }
    dailyUsed += 1;
    const response = route(state, request, nextId, url);
    return request.path.endsWith('/search') ? response : { ...response, headers: { ...limitHeaders(99), ...response.headers } };
  }, options);
  url = standIn.url;
  return {
    ...standIn,
    token,
    state,
    rateLimitNext(policyName = 'TEN_SECONDLY_ROLLING') {
      // HubSpot's 429 carries `errorType` and `policyName` instead of a `category`.
      const body = { status: 'error', message: `You have reached your ${policyName.toLowerCase()} limit.`, errorType: 'RATE_LIMIT', correlationId: randomUUID(), policyName };
      standIn.injectFaults({ status: 429, body, headers: limitHeaders(0) });
    },
  };
}
