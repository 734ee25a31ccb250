import type { JSONSchema } from '@patchbay/contract';

/** The credential fields the runtime's OAuth2 session reads and writes back on a refresh. */
export type OAuth2CredentialField = 'accessToken' | 'refreshToken' | 'expiresAt' | 'clientId' | 'clientSecret';

export interface OAuth2CredentialsOptions {
  /**
   * A long-lived token a connection may give instead of an OAuth one (a personal access token, a
   * private app's token), sent the same way: its field name and schema.
   */
  staticToken?: { field: string; schema: JSONSchema };
  /** The vendor's wording or format for the OAuth fields (descriptions, token prefixes). */
  fields?: Partial<Record<OAuth2CredentialField, JSONSchema>>;
}

const OAUTH2_FIELDS: Record<OAuth2CredentialField, JSONSchema> = {
  accessToken: { type: 'string', minLength: 1, description: 'OAuth access token' },
  refreshToken: { type: 'string', description: 'OAuth refresh token' },
  expiresAt: { type: ['number', 'string'], description: 'Expiry as epoch milliseconds or ISO date' },
  clientId: { type: 'string' },
  clientSecret: { type: 'string' },
};

/**
 * The credentials schema of an `oauth2` connector. The OAuth fields' names are the runtime's own
 * (its session reads them and hands them back refreshed), so connectors take them from here rather
 * than spelling them out again; a connector adds its vendor's wording and, when it has one, the
 * static token accepted in place of an OAuth token.
 */
export function oauth2CredentialsSchema(options: OAuth2CredentialsOptions = {}): JSONSchema {
  const properties: Record<string, JSONSchema> = {};
  if (options.staticToken) properties[options.staticToken.field] = options.staticToken.schema;
  for (const field of Object.keys(OAUTH2_FIELDS) as OAuth2CredentialField[]) {
    properties[field] = { ...OAUTH2_FIELDS[field], ...options.fields?.[field] };
  }
  const schema: JSONSchema = { type: 'object', properties };
  schema.anyOf = options.staticToken ? [{ required: [options.staticToken.field] }, { required: ['accessToken'] }] : [{ required: ['accessToken'] }];
  return schema;
}
