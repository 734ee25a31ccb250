import { open, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { PatchbayError } from '@patchbay/contract';

/** A lock older than this was left by a process that died holding it. */
const STALE_LOCK_MS = 10_000;
const GIVE_UP_MS = 30_000;

/**
 * Runs `action` holding an exclusive lock on `path` across processes: a `<path>.lock` file
 * created with O_EXCL, removed afterwards. A lock left behind by a crashed process is taken over
 * once it is older than 10 s; `action`s are short file writes, far below that.
 */
export async function withFileLock<T>(path: string, action: () => Promise<T>): Promise<T> {
  const lockPath = `${path}.lock`;
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      const handle = await open(lockPath, 'wx', 0o600);
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockPath).then((info) => Date.now() - info.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) await unlink(lockPath).catch(() => undefined);
      else if (Date.now() - started > GIVE_UP_MS) {
        throw new PatchbayError({ code: 'CONNECTOR_ERROR', retryable: true, message: `The connection store's lock ${lockPath} stayed taken for ${GIVE_UP_MS} ms` });
      } else await sleep(Math.min(50, 2 + attempt * 2));
    }
  }
  try {
    return await action();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}
