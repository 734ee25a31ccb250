import { PassThrough } from 'node:stream';
import { PatchbayError } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { errorReport, usageError } from './cli-error.js';
import { jsonError, printResult, wantsJson } from './json-output.js';

describe('the --json convention', () => {
  it('is asked for by --json before any `--`', () => {
    expect(wantsJson(['run', 'x', '--json'])).toBe(true);
    expect(wantsJson(['run', 'x', '--', '--json'])).toBe(false);
    expect(wantsJson(['run', 'x'])).toBe(false);
  });

  it('prints the result as one indented JSON document, or the human text without it', () => {
    const stream = new PassThrough();
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    printResult(stream, true, { ok: true, count: 2 }, () => stream.write('human\n'));
    printResult(stream, false, { ok: true }, () => stream.write('human\n'));
    expect(text).toBe('{\n  "ok": true,\n  "count": 2\n}\nhuman\n');
  });

  it('fails with { error: { code, message } }, the code stable and the message one line', () => {
    expect(jsonError(errorReport(usageError('unknown flag --x')))).toEqual({ error: { code: 'USAGE', message: 'unknown flag --x' } });
    expect(errorReport(new PatchbayError({ code: 'CONNECTOR_NOT_FOUND', message: 'No connector "x"\nmore' }))).toEqual({ code: 'CONNECTOR_NOT_FOUND', message: 'No connector "x"', exitCode: 1 });
    expect(errorReport(new Error('disk full'))).toEqual({ code: 'CLI_ERROR', message: 'disk full', exitCode: 1 });
  });
});
