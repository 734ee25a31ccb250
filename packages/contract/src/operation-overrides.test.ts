import { describe, expect, it } from 'vitest';
import type { OperationMap } from './operation.js';
import { applyOperationOverrides } from './operation-overrides.js';
import { PatchbayError } from './patchbay-error.js';

const generated: OperationMap = {
  'issues.list': {
    kind: 'action',
    displayName: 'List issues',
    inputSchema: { type: 'object', properties: { page: { type: 'integer' } } },
    http: { method: 'GET', path: '/issues' },
    pagination: { style: 'link', cursorParam: 'page' },
  },
  'issues.create': { kind: 'action', displayName: 'Create an issue', inputSchema: { type: 'object' }, http: { method: 'POST', path: '/issues' } },
  'issues.lock': { kind: 'action', displayName: 'Lock an issue', inputSchema: { type: 'object' }, http: { method: 'PUT', path: '/issues/{n}/lock' } },
};

describe('applyOperationOverrides', () => {
  it('returns the generated map when there are no overrides', () => {
    expect(applyOperationOverrides(generated, {})).toEqual(generated);
  });

  it('patches an operation shallowly, merging http and pagination one level deep', () => {
    const operations = applyOperationOverrides(generated, {
      'issues.list': { displayName: 'List the issues', http: { headers: { accept: 'application/vnd.github+json' } }, pagination: { itemsPath: 'items' } },
    });
    expect(operations['issues.list']).toEqual({
      kind: 'action',
      displayName: 'List the issues',
      inputSchema: { type: 'object', properties: { page: { type: 'integer' } } },
      http: { method: 'GET', path: '/issues', headers: { accept: 'application/vnd.github+json' } },
      pagination: { style: 'link', cursorParam: 'page', itemsPath: 'items' },
    });
    // The generated map is left as it was.
    expect(generated['issues.list']!.displayName).toBe('List issues');
  });

  it('replaces a schema whole rather than merging it', () => {
    const operations = applyOperationOverrides(generated, { 'issues.create': { inputSchema: { type: 'object', required: ['title'] } } });
    expect(operations['issues.create']!.inputSchema).toEqual({ type: 'object', required: ['title'] });
  });

  it('adds whole new operations after the generated ones, and removes those overridden with null', () => {
    const alias = { ...generated['issues.list']!, displayName: 'Issues (alias)' };
    const operations = applyOperationOverrides(generated, { 'issues.lock': null, 'issues.all': alias, 'issues.gone': null });
    expect(Object.keys(operations)).toEqual(['issues.list', 'issues.create', 'issues.all']);
    expect(operations['issues.all']).toEqual(alias);
  });

  it('refuses a patch of an operation the generated map does not have, naming it', () => {
    let error: unknown;
    try {
      applyOperationOverrides(generated, { 'issues.pin': { displayName: 'Pin' } });
    } catch (caught) {
      error = caught;
    }
    expect(PatchbayError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringContaining('override "issues.pin" patches an operation') });
  });
});
