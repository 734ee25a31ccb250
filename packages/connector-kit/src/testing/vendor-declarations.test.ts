import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readVendorDeclarations } from './vendor-declarations.js';

const folder = mkdtempSync(join(tmpdir(), 'vendor-declarations-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function declarations(text: string) {
  const file = join(folder, `${Math.random().toString(36).slice(2)}.d.ts`);
  writeFileSync(file, text);
  return readVendorDeclarations([file]);
}

describe('readVendorDeclarations', () => {
  it('reads names and required fields through extends, namespaces and unions', () => {
    const read = declarations(`
      export type Effort = 'low' | 'high' | null;
      interface Base { model: string; effort?: Effort; size?: (string & {}) | 'auto'; }
      export interface CreateParams extends Base { messages: string[]; stream?: false; }
      declare module 'sdk' { namespace Sdk { interface ThingCreateParams { amount: number; currency?: string } } }
      export type Either = { a: string; shared: string } | { b: string; shared: string };
      type OptionalArgument<T> = T | undefined;
      export type Picked = Pick<CreateParams, 'model'> & Partial<Pick<CreateParams, 'messages'>>;
      export type Wrapped = OptionalArgument<CreateParams>;
      export declare class ModelInput { 'associations'?: string[]; 'properties': object; static readonly discriminator: string; }
    `);
    expect(read.shape('Picked')).toMatchObject({ names: new Set(['model', 'messages']), required: new Set(['model']) });
    expect(read.shape('Wrapped')?.required).toEqual(new Set(['model', 'messages']));
    expect(read.shape('ModelInput')).toMatchObject({ names: new Set(['associations', 'properties']), required: new Set(['properties']) });
    expect(read.shape('CreateParams')).toMatchObject({ names: new Set(['model', 'effort', 'size', 'messages', 'stream']), required: new Set(['model', 'messages']) });
    expect(read.shape('Sdk.ThingCreateParams')?.required).toEqual(new Set(['amount']));
    expect(read.shape('Either')).toMatchObject({ names: new Set(['a', 'b', 'shared']), required: new Set(['shared']) });
    expect(read.literals('CreateParams', 'effort')).toEqual(['low', 'high']);
    expect(read.acceptsAnyString('CreateParams', 'size')).toBe(true);
    expect(read.acceptsAnyString('CreateParams', 'effort')).toBe(false);
    expect(read.shape('Missing')).toBeUndefined();
  });
});
