import { useConnectorTest } from '@patchbay/connector-kit/testing';
import { IntegrationManager } from '@patchbay/runtime';
import { startGoogleSheetsStandIn } from '@patchbay/stand-ins';
import { beforeAll, describe, expect, it } from 'vitest';
import { GoogleSheetsModule, type GoogleSheetsOperations } from './index.js';

const sheets = useConnectorTest({
  module: GoogleSheetsModule,
  start: startGoogleSheetsStandIn,
  connectionId: 'sheets',
  connect: (standIn) => ({ credentials: { accessToken: 'ya29.standin_access' }, config: { baseUrl: `${standIn.url}/v4` } }),
});

let spreadsheetId: string;
let base: string;

// The stand-in seeds one spreadsheet; most tests read and write it.
beforeAll(() => {
  spreadsheetId = sheets.standIn.spreadsheetId;
  base = `/v4/spreadsheets/${spreadsheetId}`;
});

describe('Google Sheets connector against a Google Sheets stand-in', () => {
  it('reads a range whose sheet name and A1 notation are percent-encoded in the path', async () => {
    const result = await sheets.manager.execute('sheets', 'spreadsheets.values.get', { spreadsheetId, range: "'Sales 2026'!A1:C3", valueRenderOption: 'UNFORMATTED_VALUE' });
    expect(result).toMatchObject({
      ok: true,
      data: { range: "'Sales 2026'!A1:C3", majorDimension: 'ROWS', values: [['Region', 'Quarter', 'Revenue'], ['North', 'Q1', 1200], ['South', 'Q1', 950]] },
      meta: { attempts: 1, status: 200 },
    });
    const request = sheets.lastRequest();
    expect(request).toMatchObject({ method: 'GET', path: `${base}/values/'Sales%202026'!A1%3AC3`, search: 'valueRenderOption=UNFORMATTED_VALUE', body: '' });
    expect(request.headers.authorization).toBe('Bearer ya29.standin_access');
    expect(request.headers['user-agent']).toMatch(/^patchbay-connector-google-sheets\//);
  });

  it('writes a range with valueInputOption in the query and the values in the body', async () => {
    const result = await sheets.manager.execute('sheets', 'spreadsheets.values.update', {
      spreadsheetId,
      range: 'Notes!A2:B3',
      valueInputOption: 'USER_ENTERED',
      values: [['Reviewed', '42'], ['Shipped', '7']],
    });
    expect(result).toMatchObject({ ok: true, data: { updatedRange: 'Notes!A2:B3', updatedCells: 4 } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'PUT', path: `${base}/values/Notes!A2%3AB3`, search: 'valueInputOption=USER_ENTERED' });
    expect(sheets.lastRequest().json).toEqual({ values: [['Reviewed', '42'], ['Shipped', '7']] });
    expect(sheets.lastRequest().headers['content-type']).toBe('application/json');
  });

  it('appends rows through the :append custom method after the encoded range', async () => {
    const result = await sheets.manager.execute('sheets', 'spreadsheets.values.append', {
      spreadsheetId,
      range: "'Sales 2026'!A:C",
      valueInputOption: 'USER_ENTERED',
      insertDataOption: 'INSERT_ROWS',
      values: [['Central', 'Q1', '1010']],
    });
    expect(result).toMatchObject({ ok: true, data: { tableRange: "'Sales 2026'!A1:C5", updates: { updatedRange: "'Sales 2026'!A6:C6", updatedRows: 1 } } });
    expect(sheets.lastRequest()).toMatchObject({
      method: 'POST',
      path: `${base}/values/'Sales%202026'!A%3AC:append`,
      query: { valueInputOption: 'USER_ENTERED', insertDataOption: 'INSERT_ROWS' },
    });
    expect(sheets.lastRequest().json).toEqual({ values: [['Central', 'Q1', '1010']] });
  });

  it('reads several ranges with ranges repeated in the query string', async () => {
    const result = await sheets.manager.execute('sheets', 'spreadsheets.values.batchGet', { spreadsheetId, ranges: ['Notes!A1', "'Sales 2026'!A1:A2"] });
    expect(result).toMatchObject({ ok: true, data: { valueRanges: [{ values: [['Checked by Ada']] }, { values: [['Region'], ['North']] }] } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'GET', path: `${base}/values:batchGet` });
    // The WHATWG URL parser escapes the quote in a query string (not in a path); Google reads both.
    expect(sheets.lastRequest().search).toBe('ranges=Notes!A1&ranges=%27Sales%202026%27!A1%3AA2');
  });

  it('writes several ranges in one batch and clears one', async () => {
    const data = [
      { range: 'Notes!D1', values: [['x']] },
      { range: 'Notes!E1:E2', values: [['y'], ['z']] },
    ];
    const written = await sheets.manager.execute('sheets', 'spreadsheets.values.batchUpdate', { spreadsheetId, valueInputOption: 'RAW', data });
    expect(written).toMatchObject({ ok: true, data: { totalUpdatedCells: 3 } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'POST', path: `${base}/values:batchUpdate`, search: '' });
    expect(sheets.lastRequest().json).toEqual({ valueInputOption: 'RAW', data });

    const cleared = await sheets.manager.execute('sheets', 'spreadsheets.values.clear', { spreadsheetId, range: 'Notes!D1:E2' });
    expect(cleared).toMatchObject({ ok: true, data: { clearedRange: 'Notes!D1:E2' } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'POST', path: `${base}/values/Notes!D1%3AE2:clear`, body: '{}' });
  });

  it('creates a spreadsheet, adds a sheet to it and reads it back', async () => {
    const connection = sheets.manager.connection<GoogleSheetsOperations>('sheets');
    const created = await connection.execute('spreadsheets.create', { properties: { title: 'Leads' } });
    expect(created).toMatchObject({ ok: true, data: { properties: { title: 'Leads' }, sheets: [{ properties: { title: 'Sheet1' } }] } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'POST', path: '/v4/spreadsheets' });
    expect(sheets.lastRequest().json).toEqual({ properties: { title: 'Leads' } });
    if (!created.ok) throw new Error(created.error.message);
    const id = created.data.spreadsheetId;

    const updated = await sheets.manager.execute('sheets', 'spreadsheets.batchUpdate', { spreadsheetId: id, requests: [{ addSheet: { properties: { title: 'Archive' } } }] });
    expect(updated).toMatchObject({ ok: true, data: { replies: [{ addSheet: { properties: { title: 'Archive' } } }] } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'POST', path: `/v4/spreadsheets/${id}:batchUpdate` });
    expect(sheets.lastRequest().json).toEqual({ requests: [{ addSheet: { properties: { title: 'Archive' } } }] });

    const fetched = await sheets.manager.execute('sheets', 'spreadsheets.get', { spreadsheetId: id, fields: 'sheets.properties' });
    expect(fetched).toMatchObject({ ok: true, data: { sheets: [{ properties: { title: 'Sheet1' } }, { properties: { title: 'Archive' } }] } });
    expect(sheets.lastRequest()).toMatchObject({ method: 'GET', path: `/v4/spreadsheets/${id}`, query: { fields: 'sheets.properties' } });
  });

  it('gets an access token from a refresh token at config.tokenUrl, sending the client in the form', async () => {
    sheets.standIn.refreshTokens.set('1//standin_refresh', 'spreadsheets');
    const refreshed: Record<string, unknown>[] = [];
    const manager = await IntegrationManager.create({
      cwd: new URL('..', import.meta.url).pathname,
      modules: [GoogleSheetsModule],
      retry: { retries: 0 },
      onCredentialsRefreshed: (_id, credentials) => void refreshed.push(credentials),
    });
    const credentials = { refreshToken: '1//standin_refresh', clientId: sheets.standIn.clientId, clientSecret: sheets.standIn.clientSecret };
    await manager.connect({ id: 'offline', connector: 'google-sheets', credentials, config: { baseUrl: `${sheets.standIn.url}/v4`, tokenUrl: sheets.standIn.tokenUrl } });

    const result = await manager.execute('offline', 'spreadsheets.values.get', { spreadsheetId, range: 'Notes!A1' });
    await manager.close();
    expect(result).toMatchObject({ ok: true, data: { values: [['Checked by Ada']] } });
    const [token, read] = sheets.standIn.requests;
    expect(token).toMatchObject({ method: 'POST', path: '/token' });
    expect(token!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(token!.headers.authorization).toBeUndefined();
    expect(token!.form).toEqual({ grant_type: 'refresh_token', refresh_token: '1//standin_refresh', client_id: sheets.standIn.clientId, client_secret: sheets.standIn.clientSecret });
    expect(read!.headers.authorization).toMatch(/^Bearer ya29\.standin_\d+$/);
    // Google sends no new refresh token on a refresh; the connection keeps the one it had.
    expect(refreshed).toEqual([expect.objectContaining({ refreshToken: '1//standin_refresh', expiresAt: expect.any(Number) })]);
  });

  it('refreshes once when Google rejects an expired access token, then repeats the request', async () => {
    sheets.standIn.refreshTokens.set('1//standin_refresh_2', 'spreadsheets');
    const credentials = { accessToken: 'ya29.expired', refreshToken: '1//standin_refresh_2', clientId: sheets.standIn.clientId, clientSecret: sheets.standIn.clientSecret };
    await sheets.manager.connect({ id: 'expired', connector: 'google-sheets', credentials, config: { baseUrl: `${sheets.standIn.url}/v4`, tokenUrl: sheets.standIn.tokenUrl } });
    const result = await sheets.manager.execute('expired', 'spreadsheets.get', { spreadsheetId });
    expect(result).toMatchObject({ ok: true, data: { spreadsheetId } });
    expect(sheets.standIn.requests.map((request) => `${request.method} ${request.path} ${request.headers.authorization ?? ''}`)).toEqual([
      `GET ${base} Bearer ya29.expired`,
      'POST /token ',
      expect.stringMatching(new RegExp(`^GET ${base} Bearer ya29\\.standin_\\d+$`)),
    ]);
  });

  it('reports UNAUTHENTICATED as AUTH_FAILED without echoing the token', async () => {
    await sheets.manager.connect({ id: 'bad', connector: 'google-sheets', credentials: { accessToken: 'ya29.revoked_token_value' }, config: { baseUrl: `${sheets.standIn.url}/v4` } });
    const result = await sheets.manager.execute('bad', 'spreadsheets.get', { spreadsheetId });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 401, message: expect.stringContaining('UNAUTHENTICATED') } });
    expect(JSON.stringify(result)).not.toContain('ya29.revoked_token_value');
  });

  it('reports a write with a read-only scope as AUTH_FAILED (PERMISSION_DENIED)', async () => {
    sheets.standIn.accessTokens.set('ya29.readonly', 'spreadsheets.readonly');
    await sheets.manager.connect({ id: 'readonly', connector: 'google-sheets', credentials: { accessToken: 'ya29.readonly' }, config: { baseUrl: `${sheets.standIn.url}/v4` } });
    const result = await sheets.manager.execute('readonly', 'spreadsheets.values.update', { spreadsheetId, range: 'Notes!A1', valueInputOption: 'RAW', values: [['no']] });
    expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED', status: 403, retryable: false, message: expect.stringContaining('PERMISSION_DENIED') } });
  });

  it('maps NOT_FOUND and INVALID_ARGUMENT', async () => {
    const missing = await sheets.manager.execute('sheets', 'spreadsheets.get', { spreadsheetId: 'no-such-sheet' });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', status: 404 } });
    const invalid = await sheets.manager.execute('sheets', 'spreadsheets.values.get', { spreadsheetId, range: 'Nowhere!A1' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'UPSTREAM_ERROR', status: 400, retryable: false, message: expect.stringContaining('Unable to parse range') } });
    expect(sheets.lastRequest().path).toBe(`${base}/values/Nowhere!A1`);
  });

  it('retries a RESOURCE_EXHAUSTED quota error with backoff, then reads', async () => {
    sheets.standIn.rateLimitNext();
    const result = await sheets.manager.execute('sheets', 'spreadsheets.values.get', { spreadsheetId, range: 'Notes!A1' });
    expect(result).toMatchObject({ ok: true, meta: { attempts: 2 } });
    expect(sheets.standIn.requests).toHaveLength(2);
  });

  it('returns RATE_LIMITED for RESOURCE_EXHAUSTED once retries run out', async () => {
    const manager = await IntegrationManager.create({ cwd: new URL('..', import.meta.url).pathname, modules: [GoogleSheetsModule], retry: { retries: 0 } });
    await manager.connect({ id: 'sheets', connector: 'google-sheets', credentials: { accessToken: 'ya29.standin_access' }, config: { baseUrl: `${sheets.standIn.url}/v4` } });
    sheets.standIn.rateLimitNext();
    const result = await manager.execute('sheets', 'spreadsheets.values.append', { spreadsheetId, range: 'Notes!A:A', valueInputOption: 'RAW', values: [['x']] });
    await manager.close();
    expect(result).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', status: 429, retryable: true, message: expect.stringContaining('RESOURCE_EXHAUSTED') } });
  });
});
