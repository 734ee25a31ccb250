import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from './free-port.js';

/** A throwaway `redis-server` on a free loopback port, without persistence. */
export interface TestRedis {
  url: string;
  port: number;
  /**
   * Freezes the server with SIGSTOP: its socket stays open and the kernel still accepts bytes, but
   * no command is answered, as with a Redis host that hangs. `stop` ends a frozen server too.
   */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT). */
  thaw(): void;
  stop(): Promise<void>;
}

/** Starts `redis-server`; fails with a clear message when it is not installed (CI installs it). */
export async function startTestRedis(port?: number): Promise<TestRedis> {
  if (spawnSync('redis-server', ['--version']).error) {
    throw new Error('redis-server is not installed: run `apt-get install -y redis-server` (the shared rate-limit tests need it)');
  }
  const chosen = port ?? (await freePort());
  const child: ChildProcess = spawn('redis-server', ['--port', String(chosen), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'ignore',
  });
  // A test that fails before its cleanup must not leave a server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  for (let attempt = 0; ; attempt++) {
    if (spawnSync('redis-cli', ['-p', String(chosen), 'ping']).stdout?.toString().trim() === 'PONG') break;
    if (attempt > 100 || child.exitCode !== null) throw new Error(`redis-server did not start on port ${chosen}`);
    await sleep(50);
  }
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    freeze() {
      if (child.exitCode === null) child.kill('SIGSTOP');
    },
    thaw() {
      if (child.exitCode === null) child.kill('SIGCONT');
    },
    async stop() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null) return;
      child.kill('SIGKILL');
      await once(child, 'exit');
    },
  };
}
