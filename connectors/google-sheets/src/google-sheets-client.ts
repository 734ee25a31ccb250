import type { ConnectionContext } from '@patchbay/contract';
import {
  BaseAPIClient,
  type ClientOptions,
  type HttpMethod,
  type HttpResponse,
  type OperationCall,
  type QueryValue,
  type VendorErrorInfo,
} from '@patchbay/runtime';
import { googleSheetsAuth } from './auth.js';
import { googleSheetsVendorError } from './google-sheets-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

const PATH_PARAMETERS = ['spreadsheetId', 'range'];

/**
 * A request whose input splits three ways, as Google's methods do: path parameters, the query
 * parameters the method names, and the rest as the JSON body.
 */
function withBody(method: HttpMethod, path: string, queryNames: readonly string[], idempotent?: boolean) {
  return (input: Input, call: OperationCall) => {
    const query: Record<string, QueryValue> = {};
    const body: Input = {};
    for (const [name, value] of Object.entries(input)) {
      if (PATH_PARAMETERS.includes(name)) continue;
      if (queryNames.includes(name)) query[name] = value as QueryValue;
      else body[name] = value;
    }
    return call.request({ method, path, params: input, query, body, ...(idempotent === undefined ? {} : { idempotent }) });
  };
}

const RESPONSE_OPTIONS = ['includeValuesInResponse', 'responseValueRenderOption', 'responseDateTimeRenderOption'];

/**
 * Google Sheets API v4 client, one per connection. A1 ranges (`'Q1 data'!A1:C10`) travel in the
 * path percent-encoded by the path template; custom methods keep their `:append` suffix after it.
 */
export class GoogleSheetsClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: googleSheetsAuth,
      baseUrl: 'https://sheets.googleapis.com/v4',
      headers: { 'user-agent': `patchbay-connector-google-sheets/${VERSION}` },
    });
    const spreadsheet = '/spreadsheets/{spreadsheetId}';
    this.register<Input>('spreadsheets.create', (input, call) => call.request({ method: 'POST', path: '/spreadsheets', params: input }));
    this.register<Input>('spreadsheets.get', (input, call) => call.request({ method: 'GET', path: spreadsheet, params: input }));
    this.register<Input>('spreadsheets.batchUpdate', withBody('POST', `${spreadsheet}:batchUpdate`, []));
    this.register<Input>('spreadsheets.values.get', (input, call) =>
      call.request({ method: 'GET', path: `${spreadsheet}/values/{range}`, params: input }),
    );
    this.register<Input>('spreadsheets.values.update', withBody('PUT', `${spreadsheet}/values/{range}`, ['valueInputOption', ...RESPONSE_OPTIONS]));
    this.register<Input>(
      'spreadsheets.values.append',
      withBody('POST', `${spreadsheet}/values/{range}:append`, ['valueInputOption', 'insertDataOption', ...RESPONSE_OPTIONS]),
    );
    this.register<Input>('spreadsheets.values.clear', withBody('POST', `${spreadsheet}/values/{range}:clear`, [], true));
    // `ranges` repeats in the query string: `ranges=A1:B2&ranges=Notes!A:A`.
    this.register<Input>('spreadsheets.values.batchGet', (input, call) =>
      call.request({ method: 'GET', path: `${spreadsheet}/values:batchGet`, params: input, arrayFormat: 'repeat' }),
    );
    // Writing the same values to the same cells twice leaves the same sheet, so it may be repeated.
    this.register<Input>('spreadsheets.values.batchUpdate', withBody('POST', `${spreadsheet}/values:batchUpdate`, [], true));
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return googleSheetsVendorError(response);
  }
}
