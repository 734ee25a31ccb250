import type { ConnectorExecuteOutput, OperationTypes } from '@patchbay/contract';
import type { PageOptions } from '../pagination/paginate.js';
import type { ExecuteOptions, IntegrationManager } from './integration-manager.js';
import type { PollOptions, PollResult } from './poll-trigger.js';

/** The operation types of a connection whose connector's types were not given: any id, any input. */
export type UntypedOperations = { [operation: string]: { input: Record<string, unknown>; output: unknown; item: unknown } };

type OperationId<T> = Extract<keyof T, string>;
type InputOf<T, K extends keyof T> = T[K] extends { input: infer Input } ? Input : never;
type OutputOf<T, K extends keyof T> = T[K] extends { output: infer Output } ? Output : unknown;
type ItemOf<T, K extends keyof T> = T[K] extends { item: infer Item } ? Item : unknown;
/** The input may be left out when every field of it is optional. */
type InputArguments<T, K extends keyof T, TOptions> =
  Record<string, never> extends InputOf<T, K> ? [input?: InputOf<T, K>, options?: TOptions] : [input: InputOf<T, K>, options?: TOptions];

/**
 * A connection as an app holds it, typed by its connector's operation types (the `…Operations`
 * type each connector package exports): a misspelt operation or input field, or a wrong input
 * type, fails to compile, and `result.data` has the operation's output type. Every method runs
 * through the manager exactly as `manager.execute(id, operation, input)` does.
 */
export interface ConnectionHandle<T extends OperationTypes = UntypedOperations> {
  readonly id: string;
  readonly connector: string;
  execute<K extends OperationId<T>>(operation: K, ...args: InputArguments<T, K, ExecuteOptions>): Promise<ConnectorExecuteOutput<OutputOf<T, K>>>;
  /** Every page of a list operation; see `IntegrationManager.pages`. */
  pages<K extends OperationId<T>>(operation: K, ...args: InputArguments<T, K, PageOptions>): AsyncGenerator<ConnectorExecuteOutput<OutputOf<T, K>>, void, undefined>;
  /** Every item of every page; see `IntegrationManager.items`. */
  items<K extends OperationId<T>>(operation: K, ...args: InputArguments<T, K, PageOptions>): AsyncGenerator<ItemOf<T, K>, void, undefined>;
  /** One poll of a polling trigger; see `IntegrationManager.poll`. */
  poll<K extends OperationId<T>>(operation: K, options?: Omit<PollOptions, 'input'> & { input?: Omit<InputOf<T, K>, 'state'> }): Promise<PollResult<ItemOf<T, K>>>;
}

export function connectionHandle<T extends OperationTypes>(manager: IntegrationManager, id: string, connector: string): ConnectionHandle<T> {
  // The typing lives in ConnectionHandle; at run time these are the manager's untyped methods.
  const untyped = {
    id,
    connector,
    execute: (operation: string, input?: Record<string, unknown>, options?: ExecuteOptions) => manager.execute(id, operation, input ?? {}, options),
    pages: (operation: string, input?: Record<string, unknown>, options?: PageOptions) => manager.pages(id, operation, input ?? {}, options),
    items: (operation: string, input?: Record<string, unknown>, options?: PageOptions) => manager.items(id, operation, input ?? {}, options),
    poll: (operation: string, options?: PollOptions) => manager.poll(id, operation, options),
  };
  return untyped as unknown as ConnectionHandle<T>;
}
