import { fork } from 'node:child_process';
import { once } from 'node:events';

export interface JsonServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  url: string;
  /** Stops the server and tells how many requests it answered. */
  close(): Promise<number>;
}

/** Starts the loopback JSON server of `json-server-process.ts` in a child process. */
export async function startJsonServer(): Promise<JsonServer> {
  const child = fork(new URL('./json-server-process.js', import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = (await once(child, 'message')) as [{ port: number }];
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      child.send('close');
      const [{ served }] = (await once(child, 'message')) as [{ served: number }];
      await once(child, 'exit');
      return served;
    },
  };
}
