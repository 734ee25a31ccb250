import type { JSONSchema, OperationMap } from '@patchbay/contract';

const spreadsheetId: JSONSchema = { type: 'string', pattern: '^[A-Za-z0-9_-]+$', description: 'The id in the sheet’s URL: `/spreadsheets/d/{spreadsheetId}/edit`' };
const range: JSONSchema = { type: 'string', minLength: 1, description: 'A1 notation, e.g. `Sheet1!A1:C10`, `\'Q1 data\'!A:A` or a named range' };
const majorDimension: JSONSchema = { type: 'string', enum: ['ROWS', 'COLUMNS'], default: 'ROWS' };
const valueRenderOption: JSONSchema = { type: 'string', enum: ['FORMATTED_VALUE', 'UNFORMATTED_VALUE', 'FORMULA'], default: 'FORMATTED_VALUE' };
const dateTimeRenderOption: JSONSchema = { type: 'string', enum: ['SERIAL_NUMBER', 'FORMATTED_STRING'], default: 'SERIAL_NUMBER' };
const valueInputOption: JSONSchema = {
  type: 'string',
  enum: ['RAW', 'USER_ENTERED'],
  description: '`USER_ENTERED` parses values as if typed in the UI (numbers, dates, formulas); `RAW` stores them as given',
};
const cell: JSONSchema = { type: ['string', 'number', 'boolean', 'null'] };
const values: JSONSchema = { type: 'array', items: { type: 'array', items: cell }, description: 'Rows (or columns) of cells' };
const responseOptions = {
  includeValuesInResponse: { type: 'boolean' },
  responseValueRenderOption: valueRenderOption,
  responseDateTimeRenderOption: dateTimeRenderOption,
} satisfies Record<string, JSONSchema>;
// Google's write methods take their options in the query string and the cells in the JSON body.
const writeOptionNames = ['valueInputOption', ...Object.keys(responseOptions)];
const valueRange: JSONSchema = {
  type: 'object',
  required: ['range', 'majorDimension'],
  properties: { range: { type: 'string' }, majorDimension: { type: 'string' }, values },
};
const updateValuesResponse: JSONSchema = {
  type: 'object',
  required: ['spreadsheetId'],
  properties: {
    spreadsheetId: { type: 'string' },
    updatedRange: { type: 'string' },
    updatedRows: { type: 'integer' },
    updatedColumns: { type: 'integer' },
    updatedCells: { type: 'integer' },
  },
};
const spreadsheet: JSONSchema = {
  type: 'object',
  required: ['spreadsheetId'],
  properties: {
    spreadsheetId: { type: 'string' },
    properties: { type: 'object', properties: { title: { type: 'string' } } },
    sheets: { type: 'array', items: { type: 'object', properties: { properties: { type: 'object' } } } },
    spreadsheetUrl: { type: 'string' },
  },
};
const fields: JSONSchema = { type: 'string', description: 'Field mask limiting the response, e.g. `sheets.properties`' };

/** Google Sheets API v4 methods, with Google's own method ids and parameter names. */
export const googleSheetsOperations = {
  'spreadsheets.create': {
    kind: 'action',
    displayName: 'Create a spreadsheet',
    http: { method: 'POST', path: '/spreadsheets' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        properties: {
          type: 'object',
          properties: { title: { type: 'string' }, locale: { type: 'string' }, timeZone: { type: 'string' } },
        },
        sheets: {
          type: 'array',
          items: { type: 'object', properties: { properties: { type: 'object', properties: { title: { type: 'string' } } } } },
        },
      },
    },
    outputSchema: spreadsheet,
  },
  'spreadsheets.get': {
    kind: 'action',
    displayName: 'Get a spreadsheet',
    description: 'Title, sheets and their properties; cell data too when `includeGridData` is true.',
    http: { method: 'GET', path: '/spreadsheets/{spreadsheetId}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId'],
      additionalProperties: false,
      properties: { spreadsheetId, ranges: { type: 'array', items: range }, includeGridData: { type: 'boolean' }, fields },
    },
    outputSchema: spreadsheet,
  },
  'spreadsheets.batchUpdate': {
    kind: 'action',
    displayName: 'Update a spreadsheet',
    description: 'Applies structural requests atomically: add, rename or delete sheets, format cells, sort, add charts.',
    http: { method: 'POST', path: '/spreadsheets/{spreadsheetId}:batchUpdate' },
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'requests'],
      additionalProperties: false,
      properties: {
        spreadsheetId,
        requests: {
          type: 'array',
          minItems: 1,
          // Open, so that the generated input type takes any request kind rather than being `{}`.
          items: {
            type: 'object',
            additionalProperties: true,
            minProperties: 1,
            maxProperties: 1,
            description: 'One request, e.g. `{ addSheet: { properties: { title } } }`',
          },
        },
        includeSpreadsheetInResponse: { type: 'boolean' },
        responseRanges: { type: 'array', items: { type: 'string' } },
        responseIncludeGridData: { type: 'boolean' },
      },
    },
    outputSchema: { type: 'object', required: ['spreadsheetId'], properties: { spreadsheetId: { type: 'string' }, replies: { type: 'array' } } },
  },
  'spreadsheets.values.get': {
    kind: 'action',
    displayName: 'Read a range',
    description: 'The values of one range; trailing empty rows and cells are left out, and `values` is absent when the range is empty.',
    http: { method: 'GET', path: '/spreadsheets/{spreadsheetId}/values/{range}' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'range'],
      additionalProperties: false,
      properties: { spreadsheetId, range, majorDimension, valueRenderOption, dateTimeRenderOption },
    },
    outputSchema: valueRange,
  },
  'spreadsheets.values.update': {
    kind: 'action',
    displayName: 'Write a range',
    description: 'Overwrites the cells of a range with `values`.',
    http: { method: 'PUT', path: '/spreadsheets/{spreadsheetId}/values/{range}', query: writeOptionNames },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'range', 'valueInputOption', 'values'],
      additionalProperties: false,
      properties: { spreadsheetId, range, valueInputOption, majorDimension, values, ...responseOptions },
    },
    outputSchema: updateValuesResponse,
  },
  'spreadsheets.values.append': {
    kind: 'action',
    displayName: 'Append rows',
    description: 'Adds rows after the table found at `range` (e.g. `Sheet1!A:C`), the usual way to log a record to a sheet.',
    http: { method: 'POST', path: '/spreadsheets/{spreadsheetId}/values/{range}:append', query: [...writeOptionNames, 'insertDataOption'] },
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'range', 'valueInputOption', 'values'],
      additionalProperties: false,
      properties: {
        spreadsheetId,
        range,
        valueInputOption,
        insertDataOption: { type: 'string', enum: ['OVERWRITE', 'INSERT_ROWS'], default: 'OVERWRITE' },
        majorDimension,
        values,
        ...responseOptions,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'updates'],
      properties: { spreadsheetId: { type: 'string' }, tableRange: { type: 'string' }, updates: updateValuesResponse },
    },
  },
  'spreadsheets.values.clear': {
    kind: 'action',
    displayName: 'Clear a range',
    description: 'Removes the values of a range, keeping its formatting.',
    http: { method: 'POST', path: '/spreadsheets/{spreadsheetId}/values/{range}:clear' },
    idempotent: true,
    inputSchema: { type: 'object', required: ['spreadsheetId', 'range'], additionalProperties: false, properties: { spreadsheetId, range } },
    outputSchema: { type: 'object', required: ['spreadsheetId'], properties: { spreadsheetId: { type: 'string' }, clearedRange: { type: 'string' } } },
  },
  'spreadsheets.values.batchGet': {
    kind: 'action',
    displayName: 'Read several ranges',
    // `ranges` repeats in the query string: `ranges=A1:B2&ranges=Notes!A:A`.
    http: { method: 'GET', path: '/spreadsheets/{spreadsheetId}/values:batchGet', arrayFormat: 'repeat' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'ranges'],
      additionalProperties: false,
      properties: { spreadsheetId, ranges: { type: 'array', items: range, minItems: 1 }, majorDimension, valueRenderOption, dateTimeRenderOption },
    },
    outputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'valueRanges'],
      properties: { spreadsheetId: { type: 'string' }, valueRanges: { type: 'array', items: valueRange } },
    },
  },
  'spreadsheets.values.batchUpdate': {
    kind: 'action',
    displayName: 'Write several ranges',
    http: { method: 'POST', path: '/spreadsheets/{spreadsheetId}/values:batchUpdate' },
    // Writing the same values to the same cells twice leaves the same sheet, so it may be repeated.
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['spreadsheetId', 'valueInputOption', 'data'],
      additionalProperties: false,
      properties: {
        spreadsheetId,
        valueInputOption,
        data: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['range', 'values'], properties: { range, majorDimension, values } },
        },
        ...responseOptions,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['spreadsheetId'],
      properties: { spreadsheetId: { type: 'string' }, totalUpdatedCells: { type: 'integer' }, responses: { type: 'array', items: updateValuesResponse } },
    },
  },
} satisfies OperationMap;
