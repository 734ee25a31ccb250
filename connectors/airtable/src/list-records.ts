import type { OperationHandler } from '@patchbay/runtime';
import { airtableOperations } from './operations.js';

const { method, path, arrayFormat } = airtableOperations['records.list'].http;

/**
 * Lists records with Airtable's two array forms in one query string: `fields[]=Name` and
 * `recordMetadata[]=commentCount` take brackets, but `sort[0][field]=Name&sort[0][direction]=desc`
 * takes positions, which no single `arrayFormat` writes. Each sort goes as an object keyed by its
 * position, which the query encoder writes as `sort[0][field]`.
 */
export const listRecords: OperationHandler = (input, call) => {
  const params = Object.fromEntries(Object.entries(input).map(([name, value]) => [name, name === 'sort' && Array.isArray(value) ? { ...value } : value]));
  return call.request({ method, path, params, arrayFormat });
};
