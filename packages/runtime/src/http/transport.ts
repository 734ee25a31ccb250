import { Agent } from 'undici';

export interface TransportOptions {
  /** Sockets kept per origin. */
  connectionsPerOrigin?: number;
  keepAliveTimeoutMs?: number;
}

/**
 * The one HTTP transport a manager shares across all its connections: an undici Agent that pools
 * keep-alive sockets per origin, so ten thousand connections to one API share a handful of sockets.
 */
export function createTransport(options: TransportOptions = {}): HttpTransport {
  return new Agent({
    connections: options.connectionsPerOrigin ?? 64,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 10_000,
    keepAliveMaxTimeout: 60_000,
  });
}

/**
 * The transport as the public API sees it: any undici Dispatcher (an Agent, a Pool, a MockAgent in
 * a unit test) satisfies it, without undici's types becoming part of Patchbay's API.
 */
export interface HttpTransport {
  close(): Promise<void>;
}
