import { randomBytes } from 'node:crypto';
import type { StandInRequest } from './recorded-request.js';
import { startStandIn, type StandIn, type StandInOptions } from './stand-in-server.js';
import type { StandInResponse } from './stand-in-response.js';

export interface GoogleSheetsStandInOptions extends StandInOptions {
  /** OAuth client credentials the token endpoint accepts. */
  clientId?: string;
  clientSecret?: string;
}

/** A spreadsheet as the stand-in keeps it: metadata plus each sheet's cells by title. */
export interface StandInSpreadsheet {
  spreadsheetId: string;
  title: string;
  sheets: { sheetId: number; title: string; cells: unknown[][] }[];
}

export interface GoogleSheetsStandIn extends StandIn {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Token endpoint for the refresh-token grant, as `https://oauth2.googleapis.com/token`. */
  readonly tokenUrl: string;
  /** Access tokens accepted as `Bearer`, with their scope; the token endpoint adds to them. */
  readonly accessTokens: Map<string, 'spreadsheets' | 'spreadsheets.readonly'>;
  /** Refresh tokens the token endpoint accepts, with the scope of the tokens it issues. */
  readonly refreshTokens: Map<string, 'spreadsheets' | 'spreadsheets.readonly'>;
  /** Spreadsheets by id; seeded with one whose `Sales 2026` sheet holds a header and 4 rows. */
  readonly spreadsheets: Map<string, StandInSpreadsheet>;
  /** Id of the seeded spreadsheet. */
  readonly spreadsheetId: string;
  /** The next request (or the next whose path starts with `match`) gets Google's 429 RESOURCE_EXHAUSTED. */
  rateLimitNext(match?: string): void;
}

/** Google's error body: `{ error: { code, message, status } }`. */
export function googleError(code: number, status: string, message: string): StandInResponse {
  return { status: code, body: { error: { code, message, status } } };
}

interface A1Range {
  sheet: StandInSpreadsheet['sheets'][number];
  startRow: number;
  startColumn: number;
  endRow: number;
  endColumn: number;
}

const MAX = 1_000_000;

function columnIndex(letters: string): number {
  return [...letters.toUpperCase()].reduce((total, letter) => total * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function columnLetters(index: number): string {
  let letters = '';
  for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26)) letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters;
  return letters;
}

/** Reads A1 notation: `Sheet1!A1:C4`, `'My sheet'!B:B`, `Sheet1`, or `A1:C4` on the first sheet. */
function parseRange(spreadsheet: StandInSpreadsheet, range: string): A1Range | undefined {
  const bang = range.lastIndexOf('!');
  const title = bang === -1 ? undefined : range.slice(0, bang).replace(/^'(.*)'$/, '$1').replace(/''/g, "'");
  const cells = bang === -1 ? range : range.slice(bang + 1);
  const sheet = spreadsheet.sheets.find((candidate) => candidate.title === (title ?? (bang === -1 && spreadsheet.sheets.some((s) => s.title === range) ? range : undefined)));
  const target = sheet ?? (title === undefined ? spreadsheet.sheets[0] : undefined);
  if (!target) return undefined;
  if (sheet && (bang === -1 || cells === '')) return { sheet, startRow: 0, startColumn: 0, endRow: MAX, endColumn: MAX };
  const match = /^([A-Za-z]*)(\d*)(?::([A-Za-z]*)(\d*))?$/.exec(cells);
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  const [, startLetters, startNumber, endLetters, endNumber] = match;
  const single = match[3] === undefined && match[4] === undefined;
  return {
    sheet: target,
    startRow: startNumber ? Number(startNumber) - 1 : 0,
    startColumn: startLetters ? columnIndex(startLetters) : 0,
    endRow: single ? Number(startNumber) - 1 : endNumber ? Number(endNumber) - 1 : MAX,
    endColumn: single ? columnIndex(startLetters!) : endLetters ? columnIndex(endLetters) : MAX,
  };
}

function a1(range: A1Range, rows: number, columns: number): string {
  const title = /^[A-Za-z0-9_]+$/.test(range.sheet.title) ? range.sheet.title : `'${range.sheet.title.replace(/'/g, "''")}'`;
  const end = `${columnLetters(range.startColumn + Math.max(columns, 1) - 1)}${range.startRow + Math.max(rows, 1)}`;
  return `${title}!${columnLetters(range.startColumn)}${range.startRow + 1}:${end}`;
}

/** Values inside a range, trailing empty rows and cells trimmed as Google does. */
function readValues(range: A1Range, render: string | undefined): { range: string; majorDimension: string; values?: unknown[][] } {
  const rows: unknown[][] = [];
  const lastRow = Math.min(range.endRow, range.sheet.cells.length - 1);
  for (let row = range.startRow; row <= lastRow; row++) {
    const cells = (range.sheet.cells[row] ?? []).slice(range.startColumn, range.endColumn + 1);
    while (cells.length > 0 && (cells.at(-1) === undefined || cells.at(-1) === '')) cells.pop();
    rows.push(cells.map((cell) => (render === 'UNFORMATTED_VALUE' ? cell : String(cell ?? ''))));
  }
  while (rows.length > 0 && rows.at(-1)!.length === 0) rows.pop();
  const columns = Math.max(0, ...rows.map((row) => row.length));
  const shown = a1(range, range.endRow === MAX ? rows.length : range.endRow - range.startRow + 1, range.endColumn === MAX ? columns : range.endColumn - range.startColumn + 1);
  return rows.length > 0 ? { range: shown, majorDimension: 'ROWS', values: rows } : { range: shown, majorDimension: 'ROWS' };
}

/** `USER_ENTERED` turns numeric text into numbers (formulas are kept as text here); `RAW` stores what was sent. */
function writeValues(range: A1Range, values: unknown[][], inputOption: string, startRow = range.startRow) {
  values.forEach((row, rowOffset) => {
    const target = (range.sheet.cells[startRow + rowOffset] ??= []);
    row.forEach((value, columnOffset) => {
      target[range.startColumn + columnOffset] = inputOption === 'USER_ENTERED' && typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
    });
  });
  const columns = Math.max(0, ...values.map((row) => row.length));
  const written = { ...range, startRow };
  return { updatedRange: a1(written, values.length, columns), updatedRows: values.length, updatedColumns: columns, updatedCells: values.reduce((sum, row) => sum + row.length, 0) };
}

function jsonBody(request: StandInRequest): Record<string, unknown> {
  return typeof request.json === 'object' && request.json !== null ? (request.json as Record<string, unknown>) : {};
}

function spreadsheetResource(spreadsheet: StandInSpreadsheet, origin: string) {
  return {
    spreadsheetId: spreadsheet.spreadsheetId,
    properties: { title: spreadsheet.title, locale: 'en_US', timeZone: 'Etc/GMT', autoRecalc: 'ON_CHANGE' },
    sheets: spreadsheet.sheets.map((sheet, index) => ({
      properties: { sheetId: sheet.sheetId, title: sheet.title, index, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } },
    })),
    spreadsheetUrl: `${origin}/spreadsheets/d/${spreadsheet.spreadsheetId}/edit`,
  };
}

function route(spreadsheets: Map<string, StandInSpreadsheet>, request: StandInRequest, canWrite: boolean, origin: string): StandInResponse {
  const { method, query } = request;
  const body = jsonBody(request);
  const insufficient = googleError(403, 'PERMISSION_DENIED', 'Request had insufficient authentication scopes.');
  if (method === 'POST' && request.path === '/v4/spreadsheets') {
    if (!canWrite) return insufficient;
    const properties = (body.properties ?? {}) as { title?: string };
    const requested = Array.isArray(body.sheets) ? (body.sheets as { properties?: { title?: string } }[]) : [];
    const spreadsheet: StandInSpreadsheet = {
      spreadsheetId: randomBytes(22).toString('base64url'),
      title: properties.title ?? 'Untitled spreadsheet',
      sheets: (requested.length > 0 ? requested : [{}]).map((sheet, index) => ({ sheetId: index === 0 ? 0 : index * 1000, title: sheet.properties?.title ?? `Sheet${index + 1}`, cells: [] })),
    };
    spreadsheets.set(spreadsheet.spreadsheetId, spreadsheet);
    return { status: 200, body: spreadsheetResource(spreadsheet, origin) };
  }
  const match = /^\/v4\/spreadsheets\/([^/:]+)(?::(batchUpdate)|\/values:(batchGet|batchUpdate)|\/values\/([^/]+?)(?::(append|clear))?)?$/.exec(request.path);
  if (!match) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
  const [, id, sheetCall, valuesBatch, encodedRange, valuesCall] = match;
  const spreadsheet = spreadsheets.get(id!);
  if (!spreadsheet) return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
  const inputOption = String(query.valueInputOption ?? body.valueInputOption ?? '');
  const needsInputOption = () =>
    ['RAW', 'USER_ENTERED'].includes(inputOption) ? undefined : googleError(400, 'INVALID_ARGUMENT', "Invalid valueInputOption: INPUT_VALUE_OPTION_UNSPECIFIED");
  const rangeOf = (text: string) => parseRange(spreadsheet, text);
  const badRange = (text: string) => googleError(400, 'INVALID_ARGUMENT', `Unable to parse range: ${text}`);

  if (encodedRange !== undefined) {
    const text = decodeURIComponent(encodedRange);
    const range = rangeOf(text);
    if (!range) return badRange(text);
    if (method === 'GET' && valuesCall === undefined) return { status: 200, body: readValues(range, query.valueRenderOption) };
    if (!canWrite) return insufficient;
    if (method === 'POST' && valuesCall === 'clear') {
      for (let row = range.startRow; row <= Math.min(range.endRow, range.sheet.cells.length - 1); row++) {
        const cells = range.sheet.cells[row];
        if (cells) for (let column = range.startColumn; column <= Math.min(range.endColumn, cells.length - 1); column++) cells[column] = undefined;
      }
      return { status: 200, body: { spreadsheetId: id, clearedRange: text } };
    }
    const values = body.values;
    if (!Array.isArray(values)) return googleError(400, 'INVALID_ARGUMENT', 'Invalid JSON payload received. Unknown name "values"');
    const problem = needsInputOption();
    if (problem) return problem;
    if (method === 'PUT' && valuesCall === undefined) return { status: 200, body: { spreadsheetId: id, ...writeValues(range, values as unknown[][], inputOption) } };
    if (method === 'POST' && valuesCall === 'append') {
      // The table is the run of non-empty rows from the range's start; new rows go right after it.
      let end = range.startRow;
      while ((range.sheet.cells[end] ?? []).some((cell) => cell !== undefined && cell !== '')) end++;
      const tableRange = end > range.startRow ? a1(range, end - range.startRow, Math.max(...range.sheet.cells.slice(range.startRow, end).map((row) => row.length))) : undefined;
      const updates = { spreadsheetId: id, ...writeValues(range, values as unknown[][], inputOption, end) };
      return { status: 200, body: { spreadsheetId: id, ...(tableRange ? { tableRange } : {}), updates } };
    }
  }
  if (method === 'GET' && valuesBatch === 'batchGet') {
    const valueRanges: ReturnType<typeof readValues>[] = [];
    for (const text of new URLSearchParams(request.search).getAll('ranges')) {
      const range = rangeOf(text);
      if (!range) return badRange(text);
      valueRanges.push(readValues(range, query.valueRenderOption));
    }
    return { status: 200, body: { spreadsheetId: id, valueRanges } };
  }
  if (method === 'POST' && valuesBatch === 'batchUpdate') {
    if (!canWrite) return insufficient;
    const problem = needsInputOption();
    if (problem) return problem;
    const responses: (ReturnType<typeof writeValues> & { spreadsheetId: string | undefined })[] = [];
    for (const entry of (Array.isArray(body.data) ? body.data : []) as { range?: string; values?: unknown[][] }[]) {
      const range = rangeOf(String(entry.range));
      if (!range) return badRange(String(entry.range));
      responses.push({ spreadsheetId: id, ...writeValues(range, entry.values ?? [], inputOption) });
    }
    const total = (key: 'updatedRows' | 'updatedColumns' | 'updatedCells') => responses.reduce((sum, response) => sum + response[key], 0);
    return {
      status: 200,
      body: { spreadsheetId: id, totalUpdatedRows: total('updatedRows'), totalUpdatedColumns: total('updatedColumns'), totalUpdatedCells: total('updatedCells'), totalUpdatedSheets: new Set(responses.map((response) => response.updatedRange.split('!')[0])).size, responses },
    };
  }
  if (method === 'GET' && sheetCall === undefined && valuesBatch === undefined) return { status: 200, body: spreadsheetResource(spreadsheet, origin) };
  if (method === 'POST' && sheetCall === 'batchUpdate') {
    if (!canWrite) return insufficient;
    const requests = Array.isArray(body.requests) ? (body.requests as Record<string, { properties?: { title?: string } }>[]) : [];
    if (requests.length === 0) return googleError(400, 'INVALID_ARGUMENT', 'Must specify at least one request.');
    const replies = requests.map((entry) => {
      if (!entry.addSheet) return {};
      const properties = { sheetId: spreadsheet.sheets.length * 1000 + 7, title: entry.addSheet.properties?.title ?? `Sheet${spreadsheet.sheets.length + 1}`, index: spreadsheet.sheets.length, sheetType: 'GRID', gridProperties: { rowCount: 1000, columnCount: 26 } };
      spreadsheet.sheets.push({ sheetId: properties.sheetId, title: properties.title, cells: [] });
      return { addSheet: { properties } };
    });
    return { status: 200, body: { spreadsheetId: id, replies } };
  }
  return googleError(404, 'NOT_FOUND', 'Requested entity was not found.');
}

function tokenGrant(request: StandInRequest, standIn: { clientId: string; clientSecret: string; accessTokens: GoogleSheetsStandIn['accessTokens']; refreshTokens: GoogleSheetsStandIn['refreshTokens'] }): StandInResponse {
  const form = request.form ?? {};
  if (form.grant_type !== 'refresh_token') return { status: 400, body: { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: ' + (form.grant_type ?? '') } };
  if (form.client_id !== standIn.clientId || form.client_secret !== standIn.clientSecret) return { status: 401, body: { error: 'invalid_client', error_description: 'Unauthorized' } };
  const scope = form.refresh_token === undefined ? undefined : standIn.refreshTokens.get(form.refresh_token);
  if (!scope) return { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
  const accessToken = `ya29.standin_${standIn.accessTokens.size + 1}`;
  standIn.accessTokens.set(accessToken, scope);
  // Google keeps the refresh token on a refresh and sends none back.
  return { status: 200, body: { access_token: accessToken, expires_in: 3599, scope: `https://www.googleapis.com/auth/${scope}`, token_type: 'Bearer' } };
}

function seed(): StandInSpreadsheet {
  return {
    spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
    title: 'Quarterly sales',
    sheets: [
      {
        sheetId: 0,
        title: 'Sales 2026',
        cells: [
          ['Region', 'Quarter', 'Revenue'],
          ['North', 'Q1', 1200],
          ['South', 'Q1', 950],
          ['East', 'Q1', 1430],
          ['West', 'Q1', 800],
        ],
      },
      { sheetId: 1000, title: 'Notes', cells: [['Checked by Ada']] },
    ],
  };
}

/**
 * Starts a stand-in of the Google Sheets API v4 on 127.0.0.1, with Google's OAuth token endpoint
 * at `/token`: bearer access tokens (read-only or read-write scope), A1 ranges percent-encoded in
 * the path, the `:append`, `:clear`, `:batchGet` and `:batchUpdate` custom methods, and Google's
 * `{ error: { code, message, status } }` bodies.
 */
export async function startGoogleSheetsStandIn(options: GoogleSheetsStandInOptions = {}): Promise<GoogleSheetsStandIn> {
  const spreadsheet = seed();
  const state = {
    clientId: options.clientId ?? 'standin-client.apps.googleusercontent.com',
    clientSecret: options.clientSecret ?? 'GOCSPX-standin_secret',
    accessTokens: new Map<string, 'spreadsheets' | 'spreadsheets.readonly'>([['ya29.standin_access', 'spreadsheets']]),
    refreshTokens: new Map<string, 'spreadsheets' | 'spreadsheets.readonly'>(),
    spreadsheets: new Map([[spreadsheet.spreadsheetId, spreadsheet]]),
  };
  let url = '';
  const standIn = await startStandIn((request) => {
    if (request.method === 'POST' && request.path === '/token') return tokenGrant(request, state);
    const scope = state.accessTokens.get(request.headers.authorization?.replace(/^Bearer /, '') ?? '');
    if (!scope) {
      return googleError(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.');
    }
    return route(state.spreadsheets, request, scope === 'spreadsheets', url);
  }, options);
  url = standIn.url;
  return {
    ...standIn,
    ...state,
    tokenUrl: `${standIn.url}/token`,
    spreadsheetId: spreadsheet.spreadsheetId,
    rateLimitNext(match) {
      const fault = googleError(
        429,
        'RESOURCE_EXHAUSTED',
        "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user' of service 'sheets.googleapis.com'.",
      );
      standIn.injectFaults(match === undefined ? fault : { ...fault, match });
    },
  };
}
