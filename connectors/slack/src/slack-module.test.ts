import { readFile } from 'node:fs/promises';
import { checkConnectorModule, toCatalog } from '@patchbay/contract';
import { renderReference } from '@patchbay/cli';
import { normalizeRateLimits } from '@patchbay/runtime';
import { describe, expect, it } from 'vitest';
import { SlackModule } from './index.js';
import { SLACK_TIERS } from './slack-tiers.js';

describe('SlackModule', () => {
  it('satisfies the connector contract', () => {
    const result = checkConnectorModule(SlackModule);
    expect(result.violations).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has a handler for every operation and metadata for every handler', () => {
    expect(Object.keys(SlackModule.operations).sort()).toEqual([
      'auth.test',
      'chat.postMessage',
      'chat.update',
      'conversations.create',
      'conversations.history',
      'conversations.list',
      'messages.new',
      'reactions.add',
      'users.info',
      'users.lookupByEmail',
    ]);
    for (const operation of Object.values(SlackModule.operations)) expect(operation.http).toMatchObject({ method: 'POST', path: expect.stringMatching(/^\/[a-z]+\.[a-zA-Z]+$/) });
  });

  it('declares Slack’s method tiers, merged per operation with a connection’s rule', () => {
    const rules = normalizeRateLimits(SlackModule.rateLimit, { maxConcurrent: 4 }, SlackModule.operations);
    expect(rules.connection).toEqual({ maxConcurrent: 4 });
    expect(rules.operations).toEqual({
      'chat.postMessage': { limit: 1, intervalMs: 1000 },
      'chat.update': SLACK_TIERS.tier3,
      'conversations.list': SLACK_TIERS.tier2,
      'conversations.history': SLACK_TIERS.tier3,
      'conversations.create': SLACK_TIERS.tier2,
      'users.lookupByEmail': SLACK_TIERS.tier3,
      'users.info': SLACK_TIERS.tier4,
      'reactions.add': SLACK_TIERS.tier3,
      'messages.new': SLACK_TIERS.tier3,
    });
    expect(SLACK_TIERS.tier1).toEqual({ limit: 1, intervalMs: 60_000 });
  });

  it('ships a catalog and a README reference written from the module', async () => {
    const catalog = JSON.parse(await readFile(new URL('../dist/catalog.json', import.meta.url), 'utf8')) as unknown;
    expect(catalog).toEqual(toCatalog(SlackModule));
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(renderReference(toCatalog(SlackModule)));
  });
});
