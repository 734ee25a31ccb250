import { describe, expect, it } from 'vitest';
import { exampleCalls } from './example-call.js';
import { planFromFlags } from './plan-from-flags.js';

function plan(...operations: string[]) {
  return planFromFlags({
    name: 'acme',
    displayName: 'Acme',
    description: 'Acme',
    auth: { strategy: 'none' },
    baseUrl: 'https://api.acme.test/v2',
    operations,
  });
}

describe('exampleCalls', () => {
  it('checks a read, then a body operation with a field in its body, and refuses a field the read does not name', () => {
    const examples = exampleCalls(plan('contacts.create=POST /contacts', 'contacts.get=GET /contacts/{contact_id}'));
    expect(examples.main).toMatchObject({ operation: { id: 'contacts.get' }, input: { contact_id: 'sample' }, response: { ok: true } });
    expect(examples.requests.map((call) => [call.operation.id, call.input, call.expected])).toEqual([
      ['contacts.get', { contact_id: 'sample' }, { method: 'GET', path: '/v2/contacts/sample', query: {}, headers: {} }],
      [
        'contacts.create',
        { name: 'sample' },
        { method: 'POST', path: '/v2/contacts', query: {}, headers: { 'content-type': 'application/json' }, body: { json: { name: 'sample' } } },
      ],
    ]);
    expect(examples.invalid).toMatchObject({ operation: { id: 'contacts.get' }, input: { contact_id: 'sample', notAField: true }, pointer: '/notAField' });
  });

  it('sends a made-up field beside the path fields of a body operation, and refuses a path field set to null', () => {
    const examples = exampleCalls(plan('contacts.archive=POST /contacts/{contact_id}/archive'));
    expect(examples.requests).toHaveLength(1);
    expect(examples.main.input).toEqual({ contact_id: 'sample', name: 'sample' });
    expect(examples.main.expected.body).toEqual({ json: { name: 'sample' } });
    // The schema takes any other field, so only a wrong value of a named one is refused.
    expect(examples.invalid).toMatchObject({ input: { contact_id: null, name: 'sample' }, pointer: '/contact_id' });
  });

  it('has no invalid call when the only schema takes any object', () => {
    expect(exampleCalls(plan('contacts.create=POST /contacts')).invalid).toBeUndefined();
  });
});
