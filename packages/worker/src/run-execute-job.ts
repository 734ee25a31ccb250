import type { IntegrationManager } from '@patchbay/runtime';
import type { Redis } from 'ioredis';
import type { ExecuteJobData } from './job-data.js';
import type { JobOutcome } from './job-outcome.js';
import { resendIsSafe } from './resend-safety.js';

/** How long the "an attempt was sent" marker outlives its job. */
const SENT_MARKER_TTL_SECONDS = 7 * 24 * 3600;

/**
 * Runs one enqueued call. Before the request can leave, the job is marked as sent in Redis (SET
 * NX): an attempt that finds the mark was preceded by one that may have reached the vendor and then
 * stopped without recording a result (its worker was killed, or lost its lock). Such an attempt
 * sends again only when the operation is safe to repeat; otherwise it ends as `unknown` and the
 * request is never sent twice.
 */
export async function runExecuteJob(
  manager: IntegrationManager,
  redis: Redis,
  sentKey: string,
  data: ExecuteJobData,
): Promise<JobOutcome> {
  const first = (await redis.set(sentKey, '1', 'EX', SENT_MARKER_TTL_SECONDS, 'NX')) === 'OK';
  if (!first && !resendIsSafe(manager, data.connectionId, data.operation)) {
    return {
      outcome: 'unknown',
      code: 'OUTCOME_UNKNOWN',
      message: `An earlier attempt of ${data.operation} on "${data.connectionId}" stopped after it may have sent the request; the operation is not idempotent, so it was not sent again`,
    };
  }
  const result = await manager.execute(data.connectionId, data.operation, data.input, { context: { idempotencyKey: data.idempotencyKey } });
  return result.ok ? { outcome: 'succeeded', result } : { outcome: 'failed', result };
}
