import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { IntegrationManager } from './integration-manager.js';
import { pollTrigger, type PollState } from './poll-trigger.js';
import { RecordsModule, startRecordsStandIn, type RecordsStandIn } from './records-connector.test-helper.js';

let standIn: RecordsStandIn;
let manager: IntegrationManager;

beforeAll(async () => {
  standIn = await startRecordsStandIn();
});
afterAll(async () => {
  await standIn.close();
});
beforeEach(async () => {
  standIn.requests.length = 0;
  standIn.events.length = 0;
  manager = await IntegrationManager.create({ modules: [RecordsModule], retry: { retries: 0 } });
  await manager.connect({ id: 'rec', connector: 'records', config: { baseUrl: standIn.url } });
});
afterEach(async () => {
  await manager.close();
});

const ids = (items: unknown[]) => items.map((item) => (item as { id: string }).id);

describe('IntegrationManager.poll', () => {
  it('delivers each item once across polls whose pages overlap, and passes the connector state back', async () => {
    standIn.events.push({ id: 'e1', at: 100 }, { id: 'e2', at: 200 });
    const first = await manager.poll('rec', 'events.new');
    expect(first).toMatchObject({ ok: true, state: { cursor: { since: 200 }, seen: ['e1', 'e2'] } });
    expect(ids(first.items)).toEqual(['e1', 'e2']);

    const quiet = await manager.poll('rec', 'events.new', { state: first.state });
    expect(quiet.items).toEqual([]);
    expect(standIn.requests.at(-1)?.query).toEqual({ since: '200' });

    standIn.events.push({ id: 'e3', at: 200 }, { id: 'e4', at: 300 });
    const third = await manager.poll('rec', 'events.new', { state: JSON.parse(JSON.stringify(quiet.state)) as PollState });
    expect(ids(third.items)).toEqual(['e3', 'e4']);
    expect(third.state).toEqual({ cursor: { since: 300 }, seen: ['e1', 'e2', 'e3', 'e4'] });
  });

  it('keeps a bounded set of seen keys, dropping the oldest', async () => {
    standIn.events.push({ id: 'e1', at: 1 }, { id: 'e2', at: 2 }, { id: 'e3', at: 3 });
    const result = await manager.poll('rec', 'events.new', { maxSeen: 2 });
    expect(ids(result.items)).toEqual(['e1', 'e2', 'e3']);
    expect(result.state.seen).toEqual(['e2', 'e3']);
  });

  it('returns the state it was given when the poll fails, so nothing is skipped', async () => {
    const state: PollState = { cursor: { since: 5 }, seen: ['e0'] };
    standIn.injectFaults({ status: 500, body: { message: 'boom' } });
    const result = await manager.poll('rec', 'events.new', { state });
    expect(result).toMatchObject({ ok: false, items: [], state, error: { code: 'UPSTREAM_ERROR', status: 500 } });
  });

  it('refuses an operation that is not a polling trigger, a malformed state and an unknown connection', async () => {
    expect(await manager.poll('rec', 'records.list')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
    expect(await manager.poll('rec', 'events.new', { state: { seen: 'e1' } as unknown as PollState })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await manager.poll('nope', 'events.new')).toMatchObject({ ok: false, error: { code: 'CONNECTION_NOT_FOUND' } });
    expect(standIn.requests).toHaveLength(0);
  });

  it('passes on the items a trigger skipped as malformed, and moves its state past them', async () => {
    const definition = { kind: 'trigger', displayName: 'New', inputSchema: { type: 'object' }, trigger: { type: 'polling', dedupeKey: 'id' } } as const;
    const execute = async () => ({
      ok: true as const,
      data: { items: [{ id: 'a' }], state: { since: 9 }, skipped: [{ item: { id: 7 }, reason: 'no timestamp' }, 'not a report'] },
      meta: { operation: 'events.new', attempts: 1, durationMs: 1 },
    });
    const result = await pollTrigger(execute, 'events.new', definition, { state: { seen: [] } });
    expect(result).toMatchObject({ ok: true, items: [{ id: 'a' }], skipped: [{ item: { id: 7 }, reason: 'no timestamp' }], state: { cursor: { since: 9 } } });
    expect(result.skipped).toHaveLength(1);
  });
});
