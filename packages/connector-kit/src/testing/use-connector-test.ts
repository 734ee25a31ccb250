import { tmpdir } from 'node:os';
import type { ConnectorExecuteOutput, ConnectorModule } from '@patchbay/contract';
import { IntegrationManager, type IntegrationManagerOptions } from '@patchbay/runtime';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { outputChecker } from './output-check.js';

/** What the harness needs of a stand-in: the requests it received, and a way to stop it. */
export interface TestServer {
  readonly requests: unknown[];
  close(): Promise<void>;
}

export interface ConnectorTestOptions<TStandIn> {
  module: ConnectorModule;
  /** Starts the vendor's stand-in once for the file. */
  start: () => Promise<TStandIn>;
  /** The connection every test gets: credentials and config (its base URL) for the stand-in. */
  connect: (standIn: TStandIn) => { credentials: Record<string, unknown>; config?: Record<string, unknown> };
  /** Id of that connection; the connector's id by default. */
  connectionId?: string;
  /** Manager options; fast retries by default. */
  manager?: Omit<IntegrationManagerOptions, 'modules' | 'cwd'>;
}

export interface ConnectorTestContext<TStandIn extends TestServer> {
  readonly standIn: TStandIn;
  /** A fresh manager per test, with the connection made, closed after the test. */
  readonly manager: IntegrationManager;
  /** The last request the stand-in received; fails the test when there was none. */
  lastRequest(): TStandIn['requests'][number];
}

/**
 * The test harness every connector package shares: one stand-in per file, a fresh manager and
 * connection per test, and every successful result, whether from `execute`, `pages`, `items` or
 * `poll`, checked against its operation's `outputSchema`.
 */
export function useConnectorTest<TStandIn extends TestServer>(options: ConnectorTestOptions<TStandIn>): ConnectorTestContext<TStandIn> {
  const state: { standIn?: TStandIn; manager?: IntegrationManager } = {};
  const check = outputChecker(options.module);

  beforeAll(async () => {
    state.standIn = await options.start();
  });
  afterAll(async () => {
    await state.standIn?.close();
  });
  beforeEach(async () => {
    const standIn = required(state.standIn, 'stand-in');
    standIn.requests.length = 0;
    const manager = await IntegrationManager.create({
      cwd: tmpdir(),
      modules: [options.module],
      retry: { minDelayMs: 1, maxDelayMs: 5, retries: 2 },
      ...options.manager,
    });
    // pages, items and poll all run through execute, so checking here checks them too.
    const execute = manager.execute.bind(manager);
    manager.execute = async (...args: Parameters<IntegrationManager['execute']>): Promise<ConnectorExecuteOutput> => {
      const result = await execute(...args);
      const problem = check(result);
      expect(problem, problem).toBeUndefined();
      return result;
    };
    const { credentials, config } = options.connect(standIn);
    await manager.connect({ id: options.connectionId ?? options.module.id, connector: options.module.id, credentials, config: config ?? {} });
    state.manager = manager;
  });
  afterEach(async () => {
    await state.manager?.close();
    state.manager = undefined;
  });

  return {
    get standIn() {
      return required(state.standIn, 'stand-in');
    },
    get manager() {
      return required(state.manager, 'manager');
    },
    lastRequest() {
      const request = required(state.standIn, 'stand-in').requests.at(-1);
      if (request === undefined) throw new Error('the stand-in received no request');
      return request;
    },
  };
}

function required<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`The ${what} is only available inside a test`);
  return value;
}
