import type { JSONSchema, OperationMap } from '@patchbay/contract';

const baseId: JSONSchema = { type: 'string', pattern: '^app[A-Za-z0-9]+$', description: 'Base id (`app…`)' };
const tableIdOrName: JSONSchema = { type: 'string', minLength: 1, description: 'Table id (`tbl…`) or name' };
const recordId: JSONSchema = { type: 'string', pattern: '^rec[A-Za-z0-9]+$', description: 'Record id (`rec…`)' };
// Any field names the table has: said outright so the generated input type takes them.
const fields: JSONSchema = { type: 'object', additionalProperties: true, description: 'Cell values keyed by field name (or id with `returnFieldsByFieldId`)' };
const offset: JSONSchema = { type: 'string', minLength: 1, description: '`offset` of the previous page' };
const typecast: JSONSchema = { type: 'boolean', description: 'Convert string values to the field types (e.g. create select options)' };
const returnFieldsByFieldId: JSONSchema = { type: 'boolean' };
const cellFormat: JSONSchema = { type: 'string', enum: ['json', 'string'] };
// Airtable takes at most ten records per write request; the eleventh fails here, before sending.
const batch = (item: JSONSchema): JSONSchema => ({ type: 'array', minItems: 1, maxItems: 10, items: item });

const record: JSONSchema = {
  type: 'object',
  required: ['id', 'fields'],
  properties: { id: { type: 'string' }, createdTime: { type: 'string' }, fields: { type: 'object' } },
};
const records: JSONSchema = { type: 'object', required: ['records'], properties: { records: { type: 'array', items: record } } };
const tablePath = { baseId, tableIdOrName };
// Airtable names the next page with `offset` in the body; it goes back as the `offset` parameter.
const pagination = { style: 'offset', cursorParam: 'offset', itemsPath: 'records', cursorPath: 'offset' } as const;

/** Airtable Web API operations, with Airtable's own parameter names. */
export const airtableOperations = {
  'records.list': {
    kind: 'action',
    displayName: 'List records',
    description: 'Records of a table or view, filtered by a formula and sorted; up to 100 a page.',
    // Sent by `listRecords`, which writes `sort` with positions (`sort[0][field]`) beside these brackets.
    http: { method: 'GET', path: '/{baseId}/{tableIdOrName}', arrayFormat: 'brackets' },
    idempotent: true,
    pagination,
    inputSchema: {
      type: 'object',
      required: ['baseId', 'tableIdOrName'],
      additionalProperties: false,
      properties: {
        ...tablePath,
        fields: { type: 'array', items: { type: 'string', minLength: 1 }, description: 'Fields to return' },
        filterByFormula: { type: 'string', description: "A formula, e.g. `{Status} = 'Open'`" },
        maxRecords: { type: 'integer', minimum: 1 },
        pageSize: { type: 'integer', minimum: 1, maximum: 100, default: 100 },
        sort: {
          type: 'array',
          items: {
            type: 'object',
            required: ['field'],
            additionalProperties: false,
            properties: { field: { type: 'string', minLength: 1 }, direction: { enum: ['asc', 'desc'] } },
          },
        },
        view: { type: 'string', minLength: 1, description: 'View name or id' },
        cellFormat,
        timeZone: { type: 'string' },
        userLocale: { type: 'string' },
        returnFieldsByFieldId,
        recordMetadata: { type: 'array', items: { const: 'commentCount' } },
        offset,
      },
    },
    outputSchema: { ...records, properties: { records: { type: 'array', items: record }, offset: { type: 'string' } } },
  },
  'records.get': {
    kind: 'action',
    displayName: 'Get a record',
    http: { method: 'GET', path: '/{baseId}/{tableIdOrName}/{recordId}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['baseId', 'tableIdOrName', 'recordId'],
      additionalProperties: false,
      properties: { ...tablePath, recordId, cellFormat, returnFieldsByFieldId },
    },
    outputSchema: record,
  },
  'records.create': {
    kind: 'action',
    displayName: 'Create records',
    description: 'Creates one to ten records.',
    http: { method: 'POST', path: '/{baseId}/{tableIdOrName}' },
    inputSchema: {
      type: 'object',
      required: ['baseId', 'tableIdOrName', 'records'],
      additionalProperties: false,
      properties: {
        ...tablePath,
        records: batch({ type: 'object', required: ['fields'], additionalProperties: false, properties: { fields } }),
        typecast,
        returnFieldsByFieldId,
      },
    },
    outputSchema: records,
  },
  'records.update': {
    kind: 'action',
    displayName: 'Update records',
    description: 'Sets fields on one to ten records (others keep their values); with `performUpsert`, records without an `id` are matched on `fieldsToMergeOn` or created.',
    http: { method: 'PATCH', path: '/{baseId}/{tableIdOrName}' },
    // Setting the same fields twice leaves the same records, and an upsert matches on its merge fields.
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['baseId', 'tableIdOrName', 'records'],
      additionalProperties: false,
      properties: {
        ...tablePath,
        records: batch({ type: 'object', required: ['fields'], additionalProperties: false, properties: { id: recordId, fields } }),
        performUpsert: {
          type: 'object',
          required: ['fieldsToMergeOn'],
          additionalProperties: false,
          properties: { fieldsToMergeOn: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'string' } } },
        },
        typecast,
        returnFieldsByFieldId,
      },
    },
    outputSchema: records,
  },
  'records.delete': {
    kind: 'action',
    displayName: 'Delete records',
    description: 'Deletes one to ten records by id.',
    // Airtable reads the ids as `records[]=rec1&records[]=rec2`.
    http: { method: 'DELETE', path: '/{baseId}/{tableIdOrName}', arrayFormat: 'brackets' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['baseId', 'tableIdOrName', 'records'],
      additionalProperties: false,
      properties: { ...tablePath, records: batch(recordId) },
    },
    outputSchema: {
      type: 'object',
      required: ['records'],
      properties: { records: { type: 'array', items: { type: 'object', required: ['id', 'deleted'], properties: { id: { type: 'string' }, deleted: { type: 'boolean' } } } } },
    },
  },
  'bases.list': {
    kind: 'action',
    displayName: 'List bases',
    description: 'Bases the token can reach, with its permission level on each.',
    http: { method: 'GET', path: '/meta/bases' },
    idempotent: true,
    pagination: { ...pagination, itemsPath: 'bases' },
    inputSchema: { type: 'object', additionalProperties: false, properties: { offset } },
    outputSchema: {
      type: 'object',
      required: ['bases'],
      properties: { bases: { type: 'array', items: { type: 'object', required: ['id', 'name', 'permissionLevel'] } }, offset: { type: 'string' } },
    },
  },
  'tables.list': {
    kind: 'action',
    displayName: 'List tables',
    description: 'The schema of a base: its tables with their fields and views.',
    http: { method: 'GET', path: '/meta/bases/{baseId}/tables' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['baseId'], additionalProperties: false, properties: { baseId } },
    outputSchema: {
      type: 'object',
      required: ['tables'],
      properties: { tables: { type: 'array', items: { type: 'object', required: ['id', 'name', 'fields'] } } },
    },
  },
} satisfies OperationMap;
