import { describe, expect, it } from 'vitest';
import { parseMcpConfig } from './mcp-config.js';

const env = { GITHUB_TOKEN: 'ghp_from_environment', GITHUB_URL: 'http://127.0.0.1:4010' };

function failure(value: unknown): string {
  try {
    parseMcpConfig(value, env);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

describe('parseMcpConfig', () => {
  it('resolves env: references in credentials and config, and keeps the tool options', () => {
    const config = parseMcpConfig({
      connections: { github: { connector: 'github', credentials: { token: 'env:GITHUB_TOKEN' }, config: { baseUrl: 'env:GITHUB_URL', timeoutMs: 5 } }, slack: { connector: 'slack' } },
      include: ['github.issues.*'],
      exclude: ['github.issues.update'],
      readOnly: true,
      maxPages: 3,
    }, env);
    expect(config).toEqual({
      connections: [
        { id: 'github', connector: 'github', credentials: { token: 'ghp_from_environment' }, config: { baseUrl: 'http://127.0.0.1:4010', timeoutMs: 5 } },
        { id: 'slack', connector: 'slack' },
      ],
      include: ['github.issues.*'],
      exclude: ['github.issues.update'],
      readOnly: true,
      maxPages: 3,
    });
  });

  it('refuses a secret in the file, naming the field and never quoting it', () => {
    const message = failure({ connections: { github: { connector: 'github', credentials: { token: 'ghp_literal_secret' } } } });
    expect(message).toBe('patchbay.config.json: connections.github.credentials.token holds a value written into the file; credentials must come from the environment: write "env:VARIABLE_NAME" and set that variable');
    expect(failure({ connections: { github: { connector: 'github', credentials: { token: 123456 } } } })).toContain('connections.github.credentials.token holds a value');
  });

  it('names the field of every other mistake', () => {
    expect(failure([])).toContain('(root) must be an object');
    expect(failure({ connections: {} })).toContain('connections must be an object naming at least one connection');
    expect(failure({ connections: { github: { connector: 'github' } }, readonly: true })).toContain('readonly is not a known field');
    expect(failure({ connections: { github: {} } })).toContain('connections.github.connector must name a connector');
    expect(failure({ connections: { github: { connector: 'github', token: 'x' } } })).toContain('connections.github.token is not a known field');
    expect(failure({ connections: { 'bad id': { connector: 'github' } } })).toContain('connections.bad id has an id that is not');
    expect(failure({ connections: { github: { connector: 'github', credentials: { token: 'env:MISSING_VAR' } } } }))
      .toContain('connections.github.credentials.token needs the environment variable MISSING_VAR, which is not set');
    expect(failure({ connections: { github: { connector: 'github' } }, include: 'github.*' })).toContain('include must be an array of patterns');
    expect(failure({ connections: { github: { connector: 'github' } }, readOnly: 'yes' })).toContain('readOnly must be true or false');
    expect(failure({ connections: { github: { connector: 'github' } }, maxPages: 0 })).toContain('maxPages must be a whole number');
  });
});
