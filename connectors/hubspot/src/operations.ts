import type { JSONSchema, OperationMap } from '@patchbay/contract';

const objectId = (what: string): JSONSchema => ({ type: 'string', minLength: 1, description: `${what} id (or the value of \`idProperty\`)` });
const propertyValues: JSONSchema = {
  type: 'object',
  minProperties: 1,
  additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
  description: 'Property values keyed by internal property name, e.g. `{ email, firstname }`',
};
const propertyNames: JSONSchema = { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Properties to return' };
const associationTypes: JSONSchema = { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Object types whose associated ids to return' };
const associations: JSONSchema = {
  type: 'array',
  description: 'Records to associate on creation',
  items: {
    type: 'object',
    required: ['to', 'types'],
    properties: {
      to: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
      types: {
        type: 'array',
        minItems: 1,
        items: {
          type: 'object',
          required: ['associationCategory', 'associationTypeId'],
          properties: {
            associationCategory: { enum: ['HUBSPOT_DEFINED', 'USER_DEFINED', 'INTEGRATOR_DEFINED'] },
            associationTypeId: { type: 'integer' },
          },
        },
      },
    },
  },
};
const crmObject: JSONSchema = {
  type: 'object',
  required: ['id', 'properties'],
  properties: {
    id: { type: 'string' },
    properties: { type: 'object', additionalProperties: { type: ['string', 'null'] } },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    archived: { type: 'boolean' },
  },
};
const paging: JSONSchema = { type: 'object', properties: { next: { type: 'object', properties: { after: { type: 'string' }, link: { type: 'string' } } } } };
const pagination = { style: 'cursor', cursorParam: 'after', itemsPath: 'results', cursorPath: 'paging.next.after' } as const;
// HubSpot reads list parameters (`properties`, `associations`) as comma-separated values.
const arrayFormat = 'comma';

function create(objectType: string, what: string) {
  return {
    kind: 'action',
    displayName: `Create a ${what}`,
    http: { method: 'POST', path: `/crm/v3/objects/${objectType}` },
    inputSchema: { type: 'object', required: ['properties'], additionalProperties: false, properties: { properties: propertyValues, associations } },
    outputSchema: crmObject,
  } as const;
}

function get(objectType: string, what: string, idName: string) {
  return {
    kind: 'action',
    displayName: `Get a ${what}`,
    http: { method: 'GET', path: `/crm/v3/objects/${objectType}/{${idName}}`, arrayFormat },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: [idName],
      additionalProperties: false,
      properties: {
        [idName]: objectId(what),
        properties: propertyNames,
        propertiesWithHistory: propertyNames,
        associations: associationTypes,
        archived: { type: 'boolean', default: false },
        idProperty: { type: 'string', description: 'A unique property to look the record up by, e.g. `email`' },
      },
    },
    outputSchema: crmObject,
  } as const;
}

function update(objectType: string, what: string, idName: string) {
  return {
    kind: 'action',
    displayName: `Update a ${what}`,
    description: 'Sets the given property values; an empty string clears a value.',
    http: { method: 'PATCH', path: `/crm/v3/objects/${objectType}/{${idName}}` },
    // Setting the same values again leaves the same record, so this PATCH may be retried.
    idempotent: true,
    inputSchema: { type: 'object', required: [idName, 'properties'], additionalProperties: false, properties: { [idName]: objectId(what), properties: propertyValues } },
    outputSchema: crmObject,
  } as const;
}

/** HubSpot CRM v3 operations, with HubSpot's own parameter names. */
export const hubspotOperations = {
  'contacts.create': create('contacts', 'contact'),
  'contacts.get': get('contacts', 'contact', 'contactId'),
  'contacts.update': update('contacts', 'contact', 'contactId'),
  'contacts.list': {
    kind: 'action',
    displayName: 'List contacts',
    http: { method: 'GET', path: '/crm/v3/objects/contacts', arrayFormat },
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        limit: { type: 'integer', minimum: 1, maximum: 100, default: 10 },
        after: { type: 'string', minLength: 1, description: '`paging.next.after` of the previous page' },
        properties: propertyNames,
        associations: associationTypes,
        archived: { type: 'boolean', default: false },
      },
    },
    outputSchema: { type: 'object', required: ['results'], properties: { results: { type: 'array', items: crmObject }, paging } },
  },
  'contacts.search': {
    kind: 'action',
    displayName: 'Search contacts',
    description: 'Filters (ANDed within a group, groups ORed), a free-text `query`, sorts and paging.',
    http: { method: 'POST', path: '/crm/v3/objects/contacts/search' },
    // Search reads and changes nothing, so it may be repeated although it is a POST.
    idempotent: true,
    pagination,
    // The search endpoints allow five requests a second per account, apart from the general limit.
    rateLimit: { limit: 5, intervalMs: 1000 },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        filterGroups: {
          type: 'array',
          maxItems: 5,
          items: {
            type: 'object',
            required: ['filters'],
            properties: {
              filters: {
                type: 'array',
                maxItems: 6,
                items: {
                  type: 'object',
                  required: ['propertyName', 'operator'],
                  properties: {
                    propertyName: { type: 'string' },
                    operator: {
                      enum: ['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE', 'BETWEEN', 'IN', 'NOT_IN', 'HAS_PROPERTY', 'NOT_HAS_PROPERTY', 'CONTAINS_TOKEN', 'NOT_CONTAINS_TOKEN'],
                    },
                    value: { type: 'string' },
                    highValue: { type: 'string' },
                    values: { type: 'array', items: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
        query: { type: 'string', description: 'Text searched across the default searchable properties' },
        sorts: {
          type: 'array',
          items: {
            anyOf: [
              { type: 'string' },
              // Open to the sort's other fields (`direction`), said outright so its generated type keeps them.
              { type: 'object', required: ['propertyName'], additionalProperties: true, properties: { propertyName: {} } },
            ],
          },
        },
        properties: propertyNames,
        limit: { type: 'integer', minimum: 1, maximum: 200, default: 10 },
        after: { type: 'string', minLength: 1 },
      },
    },
    outputSchema: { type: 'object', required: ['total', 'results'], properties: { total: { type: 'integer' }, results: { type: 'array', items: crmObject }, paging } },
  },
  'companies.create': create('companies', 'company'),
  'companies.get': get('companies', 'company', 'companyId'),
  'deals.create': create('deals', 'deal'),
  'deals.update': update('deals', 'deal', 'dealId'),
} satisfies OperationMap;
