import type { OperationHandler } from '@patchbay/runtime';
import { googleSheetsOperations } from './operations.js';

const { method, path } = googleSheetsOperations['spreadsheets.values.clear'].http;

/**
 * `spreadsheets.values.clear`, sent as its definition says but with a body: every field of its
 * input fills the path, so the declared request would send none, and Google's ClearValuesRequest
 * is the empty JSON object.
 */
export const clearValues: OperationHandler = (input, call) => call.request({ method, path, params: input, body: {} });
