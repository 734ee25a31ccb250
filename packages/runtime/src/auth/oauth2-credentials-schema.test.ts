import { createSchemaCompiler } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { oauth2CredentialsSchema } from './oauth2-credentials-schema.js';

const compiler = createSchemaCompiler();

describe('oauth2CredentialsSchema', () => {
  it('accepts a static token or an OAuth access token, and refuses neither', () => {
    const validate = compiler.compile(
      oauth2CredentialsSchema({ staticToken: { field: 'token', schema: { type: 'string', minLength: 1, description: 'Personal access token' } } }),
    );
    expect(validate({ token: 'ghp_1' })).toBeNull();
    expect(validate({ accessToken: 'gho_1', refreshToken: 'ghr_1', expiresAt: 1_700_000_000_000, clientId: 'id', clientSecret: 'secret' })).toBeNull();
    expect(validate({ refreshToken: 'ghr_1' })?.map((issue) => issue.keyword)).toContain('anyOf');
    expect(validate({ accessToken: 7 })?.[0]).toMatchObject({ pointer: '/accessToken', keyword: 'type' });
  });

  it('lets a connector word and constrain the OAuth fields without renaming them', () => {
    const schema = oauth2CredentialsSchema({ fields: { accessToken: { pattern: '^xox[bpe]-', description: 'Bot token' } } });
    expect(Object.keys(schema.properties ?? {})).toEqual(['accessToken', 'refreshToken', 'expiresAt', 'clientId', 'clientSecret']);
    expect(schema.properties?.accessToken).toEqual({ type: 'string', minLength: 1, pattern: '^xox[bpe]-', description: 'Bot token' });
    expect(compiler.compile(schema)({ accessToken: 'nope' })?.[0]).toMatchObject({ pointer: '/accessToken', keyword: 'pattern' });
  });
});
