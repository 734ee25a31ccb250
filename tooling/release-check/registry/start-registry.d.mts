export interface LocalRegistry {
  /** Base URL with a trailing slash, as npm writes registry URLs. */
  url: string;
  /** Host and port, for `//127.0.0.1:PORT/:_authToken` lines. */
  host: string;
  /** Verdaccio's output so far, for failure messages. */
  log(): string;
  close(): Promise<void>;
}

export function ensureVerdaccio(): Promise<void>;
export function freePort(): Promise<number>;
export function startLocalRegistry(directory: string, options?: { port?: number }): Promise<LocalRegistry>;
