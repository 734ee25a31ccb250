import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createStepLog, formatCount } from './step-log.js';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('createStepLog', () => {
  it('writes each step with the time since the one before', () => {
    const { stream, text } = capture();
    const clock = [0, 2_345, 2_400];
    const steps = createStepLog(stream, { silent: false, prefix: 'patchbay new', now: () => clock.shift()! });
    steps.step(`parsed stripe.json (OpenAPI 3.0.0, ${formatCount(1223)} operations)`);
    steps.step('wrote 12 files to connectors/stripe');
    expect(text()).toBe('patchbay new: parsed stripe.json (OpenAPI 3.0.0, 1,223 operations) (2.3 s)\npatchbay new: wrote 12 files to connectors/stripe (0.1 s)\n');
  });

  it('writes nothing when silent (--quiet, --json)', () => {
    const { stream, text } = capture();
    createStepLog(stream, { silent: true, prefix: 'patchbay new' }).step('parsed');
    expect(text()).toBe('');
  });
});
