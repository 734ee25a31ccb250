import { describe, expect, it, vi } from 'vitest';
import { PatchbayError } from './patchbay-error.js';

describe('PatchbayError', () => {
  it('keeps code, message, retryable, status, details, request, retryAfterMs and cause', () => {
    const cause = new TypeError('fetch failed');
    const request = { method: 'POST', url: 'https://api.tracker.test/issues', headers: { authorization: '[redacted]' } };
    const error = new PatchbayError({
      code: 'RATE_LIMITED',
      message: 'Slow down',
      retryable: true,
      status: 429,
      details: { bucket: 'core' },
      cause,
      request,
      retryAfterMs: 1500,
    });

    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(PatchbayError);
    expect(error.name).toBe('PatchbayError');
    expect(error.message).toBe('Slow down');
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.retryable).toBe(true);
    expect(error.status).toBe(429);
    expect(error.details).toEqual({ bucket: 'core' });
    expect(error.cause).toBe(cause);
    expect(error.request).toBe(request);
    expect(error.retryAfterMs).toBe(1500);
  });

  it('carries reauthRequired into the ConnectorError of a needs-reauth failure', () => {
    const error = new PatchbayError({ code: 'AUTH_FAILED', message: 'Grant revoked', reauthRequired: true });
    expect(error.reauthRequired).toBe(true);
    expect(error.toConnectorError()).toEqual({ code: 'AUTH_FAILED', message: 'Grant revoked', retryable: false, reauthRequired: true });
    expect(new PatchbayError({ code: 'AUTH_FAILED', message: 'x' }).toConnectorError()).not.toHaveProperty('reauthRequired');
  });

  it('defaults retryable to false and leaves the optional fields undefined', () => {
    const error = new PatchbayError({ code: 'NOT_FOUND', message: 'No such issue' });
    expect(error.retryable).toBe(false);
    expect(error.status).toBeUndefined();
    expect(error.details).toBeUndefined();
    expect(error.request).toBeUndefined();
    expect(error.retryAfterMs).toBeUndefined();
    expect('cause' in error).toBe(false);
  });

  describe('isInstance', () => {
    it('recognizes a PatchbayError', () => {
      expect(PatchbayError.isInstance(new PatchbayError({ code: 'TIMEOUT', message: 'Timed out' }))).toBe(true);
    });

    it('recognizes an object from another copy carrying the registered marker symbol', () => {
      const fromAnotherCopy = Object.assign(new Error('Boom'), {
        [Symbol.for('patchbay.error')]: true,
        code: 'UPSTREAM_ERROR',
        retryable: true,
      });
      expect(fromAnotherCopy).not.toBeInstanceOf(PatchbayError);
      expect(PatchbayError.isInstance(fromAnotherCopy)).toBe(true);
    });

    it('recognizes an error built by a separately loaded copy of the module', async () => {
      vi.resetModules();
      const copy = await import('./patchbay-error.js');
      expect(copy.PatchbayError).not.toBe(PatchbayError);

      const error = new copy.PatchbayError({ code: 'AUTH_FAILED', message: 'Bad token', status: 401 });
      expect(error).not.toBeInstanceOf(PatchbayError);
      expect(PatchbayError.isInstance(error)).toBe(true);
      expect(copy.PatchbayError.isInstance(new PatchbayError({ code: 'ABORTED', message: 'Aborted' }))).toBe(true);
    });

    it('rejects plain errors', () => {
      expect(PatchbayError.isInstance(new Error('Boom'))).toBe(false);
      expect(PatchbayError.isInstance(new TypeError('Boom'))).toBe(false);
    });

    it('rejects lookalikes without the registered marker set to true', () => {
      const lookalikes: unknown[] = [
        Object.assign(new Error('Boom'), { name: 'PatchbayError', code: 'TIMEOUT', retryable: true }),
        { name: 'PatchbayError', code: 'TIMEOUT', message: 'Boom', retryable: false },
        { [Symbol('patchbay.error')]: true, code: 'TIMEOUT' },
        { 'patchbay.error': true, code: 'TIMEOUT' },
        { [Symbol.for('patchbay.error')]: 'true' },
        { [Symbol.for('patchbay.error')]: 1 },
        { [Symbol.for('patchbay.error')]: false },
      ];
      for (const value of lookalikes) expect(PatchbayError.isInstance(value)).toBe(false);
    });

    it('rejects values that are not objects', () => {
      for (const value of [null, undefined, 'PatchbayError', 0, true, Symbol.for('patchbay.error')]) {
        expect(PatchbayError.isInstance(value)).toBe(false);
      }
    });
  });

  describe('toConnectorError', () => {
    it('keeps code, message, retryable, status, details, the wait asked for and the redacted request', () => {
      const error = new PatchbayError({
        code: 'VALIDATION_FAILED',
        message: 'Input is invalid',
        status: 422,
        details: [{ pointer: '/title', keyword: 'required', message: 'is required' }],
        cause: new Error('inner'),
        request: { method: 'GET', url: 'https://api.tracker.test', headers: {} },
        retryAfterMs: 10,
      });
      expect(error.toConnectorError()).toStrictEqual({
        code: 'VALIDATION_FAILED',
        message: 'Input is invalid',
        retryable: false,
        status: 422,
        details: [{ pointer: '/title', keyword: 'required', message: 'is required' }],
        retryAfterMs: 10,
        request: { method: 'GET', url: 'https://api.tracker.test', headers: {} },
      });
    });

    it('omits status and details when they are undefined', () => {
      const connectorError = new PatchbayError({ code: 'NETWORK_ERROR', message: 'Socket hang up', retryable: true }).toConnectorError();
      expect(connectorError).toStrictEqual({ code: 'NETWORK_ERROR', message: 'Socket hang up', retryable: true });
      expect(Object.keys(connectorError)).toEqual(['code', 'message', 'retryable']);
    });

    it('keeps falsy but defined details', () => {
      const connectorError = new PatchbayError({ code: 'UPSTREAM_ERROR', message: 'Bad gateway', status: 502, details: null }).toConnectorError();
      expect(connectorError).toStrictEqual({ code: 'UPSTREAM_ERROR', message: 'Bad gateway', retryable: false, status: 502, details: null });
    });

    it('is plain JSON data', () => {
      const connectorError = new PatchbayError({ code: 'CONNECTOR_ERROR', message: 'Handler threw', status: 500 }).toConnectorError();
      expect(JSON.parse(JSON.stringify(connectorError))).toStrictEqual(connectorError);
    });
  });
});
