import { SPECIFICATION_VERSION, type ConnectorCatalog } from '@patchbay/contract';
import { describe, expect, it } from 'vitest';
import { renderReference } from './readme-reference.js';

const catalog: ConnectorCatalog = {
  catalogVersion: 1,
  specificationVersion: SPECIFICATION_VERSION,
  id: 'things',
  displayName: 'Things',
  version: '1.0.0',
  auth: { strategy: 'none' },
  operations: {
    'things.list': {
      kind: 'action',
      displayName: 'List things',
      http: { method: 'GET', path: '/things' },
      idempotent: true,
      pagination: { style: 'link', cursorParam: 'page' },
      inputSchema: { type: 'object', properties: { page: { type: 'integer' } } },
    },
    'things.search': {
      kind: 'action',
      displayName: 'Search things',
      http: { method: 'GET', path: '/things/search' },
      paginationUnknown: true,
      inputSchema: { type: 'object', required: ['q'], properties: { q: { type: 'string' } } },
    },
  },
};

describe('renderReference', () => {
  it('says how each list pages, and which lists page in no known way', () => {
    const reference = renderReference(catalog);
    expect(reference).toContain('| `things.list` | action | `GET /things` | — | idempotent; paginated (link, `page`) |');
    expect(reference).toContain('| `things.search` | action | `GET /things/search` | `q` | a list; paging unknown |');
  });
});
