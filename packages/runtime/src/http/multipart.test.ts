import { PatchbayError } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { encodeMultipart } from './multipart.js';

describe('encodeMultipart', () => {
  it('makes file parts from base64 text or bytes, repeats arrays, brackets nesting and skips null', async () => {
    const form = encodeMultipart({
      upload: { filename: 'a.txt', content: Buffer.from('hello').toString('base64'), contentType: 'text/plain' },
      raw: { filename: 'b.bin', content: new Uint8Array([1, 2, 3]) },
      bytes: new Uint8Array([9]),
      ids: [1, 2],
      when: new Date('2026-01-02T03:04:05Z'),
      meta: { a: { b: true } },
      skipped: null,
      missing: undefined,
    });

    const upload = form.get('upload') as File;
    expect([upload.name, upload.type, await upload.text()]).toEqual(['a.txt', 'text/plain', 'hello']);
    const raw = form.get('raw') as File;
    expect([raw.name, raw.type, [...new Uint8Array(await raw.arrayBuffer())]]).toEqual(['b.bin', 'application/octet-stream', [1, 2, 3]]);
    expect((form.get('bytes') as File).name).toBe('bytes');
    expect(form.getAll('ids')).toEqual(['1', '2']);
    expect(form.get('when')).toBe('2026-01-02T03:04:05.000Z');
    expect(form.get('meta[a][b]')).toBe('true');
    expect(form.has('skipped') || form.has('missing')).toBe(false);
  });

  it('accepts base64 with line breaks and refuses text that is not base64', () => {
    const wrapped = `${Buffer.from('x'.repeat(60)).toString('base64').slice(0, 40)}\n${Buffer.from('x'.repeat(60)).toString('base64').slice(40)}`;
    expect(() => encodeMultipart({ file: { filename: 'f', content: wrapped } })).not.toThrow();
    for (const content of ['not base64!', 'abcde', '====']) {
      let error: unknown;
      try {
        encodeMultipart({ file: { filename: 'f', content } });
      } catch (caught) {
        error = caught;
      }
      expect(PatchbayError.isInstance(error) && error.code).toBe('VALIDATION_FAILED');
    }
  });
});
