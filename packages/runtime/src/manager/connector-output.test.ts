import { PatchbayError } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { checkConnectorOutput } from './connector-output.js';

const meta = { operation: 'things.get', attempts: 1, durationMs: 2 };

describe('checkConnectorOutput', () => {
  it('passes results that follow the union', () => {
    const ok = { ok: true, data: { id: 1 }, meta };
    const failed = { ok: false, error: { code: 'NOT_FOUND', message: 'gone', retryable: false }, meta };
    expect(checkConnectorOutput(ok, 'things')).toBe(ok);
    expect(checkConnectorOutput(failed, 'things')).toBe(failed);
  });

  it.each([
    [undefined, 'execute resolved with undefined'],
    [null, 'execute resolved with null'],
    ['done', 'execute resolved with string'],
    [{ ok: 'yes', meta }, '`ok` is not a boolean'],
    [{ ok: true, data: 1 }, 'no `meta`'],
    [{ ok: false, meta }, 'has no `error`'],
    [{ ok: false, error: { code: 'TEAPOT', message: 'x' }, meta }, 'error code "TEAPOT" is not one of the stable codes'],
    [{ ok: false, error: { code: 'NOT_FOUND' }, meta }, '`error.message` is not a string'],
  ])('reports %j as a CONNECTOR_ERROR naming the violation', (output, reason) => {
    let thrown: unknown;
    try {
      checkConnectorOutput(output, 'things');
    } catch (error) {
      thrown = error;
    }
    expect(PatchbayError.isInstance(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: 'CONNECTOR_ERROR' });
    expect((thrown as Error).message).toContain('Module "things" broke the result contract');
    expect((thrown as Error).message).toContain(reason);
  });
});
