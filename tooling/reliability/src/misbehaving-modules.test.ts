import { ERROR_CODES, SPECIFICATION_VERSION, buildModuleInputSchema, type ConnectorModule, type OperationMap } from '@patchbay/contract';
import { IntegrationManager } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';

const SECRET = 'misbehaving-secret-4411';
const OPERATIONS: OperationMap = { 'things.get': { kind: 'action', displayName: 'Get a thing', inputSchema: { type: 'object' } } };

/** A module that satisfies the contract's shape at load time and misbehaves when called. */
function moduleWhose(id: string, execute: () => unknown): ConnectorModule {
  return {
    specificationVersion: SPECIFICATION_VERSION,
    id,
    displayName: id,
    version: '1.0.0',
    auth: { strategy: 'bearer' },
    operations: OPERATIONS,
    inputSchema: buildModuleInputSchema(OPERATIONS, id),
    execute: execute as ConnectorModule['execute'],
  };
}

const MISBEHAVIOURS: [string, () => unknown][] = [
  ['returns undefined', async () => undefined],
  ['returns a string', async () => 'done'],
  ['returns ok without data or meta', async () => ({ ok: true })],
  ['returns a failure with an unknown code', async () => ({ ok: false, error: { code: 'TEAPOT', message: 'x', retryable: false }, meta: { operation: 'things.get', attempts: 1, durationMs: 1 } })],
  ['returns a failure without an error', async () => ({ ok: false })],
  ['throws null', async () => { throw null; }],
  ['throws a string with the credential', async () => { throw `token ${SECRET} refused`; }],
  ['throws synchronously', () => { throw new TypeError(`cannot read ${SECRET}`); }],
  ['returns a rejected thenable', () => ({ then: (_resolve: unknown, reject: (reason: unknown) => void) => reject(new Error('thenable')) })],
];

describe('modules that break the contract at call time', () => {
  it.each(MISBEHAVIOURS)('a module that %s yields a classified result, never a rejection', async (label, execute) => {
    const module = moduleWhose('bad', execute);
    const manager = await IntegrationManager.create({ modules: [module] });
    try {
      await manager.connect({ id: 'bad-conn', connector: 'bad', credentials: { token: SECRET } });
      const result = await manager.execute('bad-conn', 'things.get', {});
      expect(typeof result, label).toBe('object');
      expect(typeof result.ok).toBe('boolean');
      expect(result.meta?.operation).toBe('things.get');
      if (!result.ok) {
        expect(ERROR_CODES).toContain(result.error.code);
        expect(typeof result.error.message).toBe('string');
      }
      expect(JSON.stringify(result)).not.toContain(SECRET);
    } finally {
      await manager.close();
    }
  });

  it('keeps serving the good connector beside a broken one', async () => {
    const good = moduleWhose('good', async () => ({ ok: true, data: { fine: true }, meta: { operation: 'things.get', attempts: 0, durationMs: 0 } }));
    const bad = moduleWhose('bad', async () => undefined);
    const manager = await IntegrationManager.create({ modules: [bad, good] });
    try {
      await manager.connect({ id: 'g', connector: 'good' });
      await manager.connect({ id: 'b', connector: 'bad' });
      const [badResult, goodResult] = await Promise.all([manager.execute('b', 'things.get', {}), manager.execute('g', 'things.get', {})]);
      expect(badResult.ok).toBe(false);
      expect(goodResult).toMatchObject({ ok: true, data: { fine: true } });
    } finally {
      await manager.close();
    }
  });
});
