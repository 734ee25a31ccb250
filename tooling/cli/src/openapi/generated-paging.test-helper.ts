import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { IntegrationManager, BaseAPIClient } from '@patchbay/runtime';
import type { ConnectorPlan } from '../scaffold/connector-plan.js';
import { operationMap, sharedDefinitions } from '../scaffold/write-connector.js';
import { planFromOpenApi } from './plan-from-openapi.js';

/** A plan from a document given as an object, through the same loader `patchbay new` uses. */
export async function planFromObject(document: Record<string, unknown>, name = 'inline'): Promise<ConnectorPlan> {
  const directory = await mkdtemp(path.join(tmpdir(), 'patchbay-paging-'));
  try {
    const file = path.join(directory, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    return await planFromOpenApi({ source: file, cwd: directory, name, filters: { include: [], exclude: [] }, environmentPrefix: 'INLINE', auth: 'none', onProgress: () => undefined });
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

/**
 * An IntegrationManager running the plan's operations exactly as the generated package declares
 * them (every one sent from its `http` entry), connected as `generated` to `baseUrl`.
 */
export async function managerForPlan(plan: ConnectorPlan, baseUrl: string, warnings: string[] = [], connectionConfig: Record<string, string> = {}): Promise<IntegrationManager> {
  // Path parameters a vendor convention fills from the connection (Twilio's AccountSid) take the
  // value the generated client would read from the connection's config.
  const filled = Object.fromEntries(Object.entries(plan.connectionParameters ?? {}).map(([name, source]) => [name, source.config ?? source.credential]));
  const Client = BaseAPIClient.define({
    auth: { strategy: 'none' },
    baseUrl: plan.baseUrl,
    connectionParams: (connection) => Object.fromEntries(Object.entries(filled).map(([name, field]) => [name, connection.config[field]])),
  });
  const $defs = sharedDefinitions(plan);
  const module = Client.toConnectorModule({ id: plan.name, displayName: plan.displayName, version: '1.0.0', operations: operationMap(plan), ...($defs ? { $defs } : {}) });
  const manager = await IntegrationManager.create({ modules: [module], retry: { retries: 0 }, logger: { warn: (message) => warnings.push(message) } });
  await manager.connect({ id: 'generated', connector: plan.name, config: { baseUrl, ...connectionConfig } });
  return manager;
}

export async function collect<T>(iterator: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const value of iterator) all.push(value);
  return all;
}
