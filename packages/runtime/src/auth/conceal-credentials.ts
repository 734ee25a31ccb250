import { inspect, type InspectOptions } from 'node:util';

type Inspect = (value: unknown, options?: InspectOptions) => string;

/**
 * Makes `util.inspect` and `console.log` print `target` as `summary()` instead of its fields, so
 * logging a manager, a client or a connection never prints a credential. The hook is a
 * non-enumerable symbol property: spreads, `JSON.stringify` and property reads are unchanged.
 */
export function concealFromInspect<T extends object>(target: T, name: string, summary: () => Record<string, unknown>): T {
  Object.defineProperty(target, inspect.custom, {
    value: (_depth: number, options: InspectOptions, inspectValue: Inspect = inspect) => `${name} ${inspectValue(summary(), options)}`,
    enumerable: false,
    configurable: true,
    writable: true,
  });
  return target;
}

/** A connection context whose credentials print as their field names only. */
export function concealCredentials<T extends { id: string; credentials: Record<string, unknown>; config?: Record<string, unknown> }>(context: T): T {
  return concealFromInspect(context, 'Connection', () => ({
    id: context.id,
    credentials: `[${Object.keys(context.credentials ?? {}).join(', ')}: hidden]`,
    config: context.config,
  }));
}
