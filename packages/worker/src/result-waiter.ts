import type { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobOutcome } from './job-outcome.js';

/** How often results still awaited are read from the jobs themselves. */
const SWEEP_MS = 500;

/**
 * Answers `result()` for every job handle of a queue. One listener on BullMQ's event stream
 * resolves most waits as soon as a job finishes; a sweep reads the jobs still awaited (one
 * pipelined round trip) for the rest: a job that finished before anyone waited, or whose events a
 * busy event stream dropped before they were read. Either way, a wait ends once the job has.
 */
export class ResultWaiter {
  private readonly waiting = new Map<string, ((outcome: JobOutcome) => void)[]>();
  private sweep: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly client: Redis,
    private readonly jobKey: (jobId: string) => string,
    events: QueueEvents,
  ) {
    events.on('completed', ({ jobId, returnvalue }: { jobId: string; returnvalue: unknown }) => {
      this.finish(jobId, (typeof returnvalue === 'string' ? JSON.parse(returnvalue) : returnvalue) as JobOutcome);
    });
    events.on('failed', ({ jobId, failedReason }: { jobId: string; failedReason: string }) => this.finish(jobId, failedOutcome(jobId, failedReason)));
  }

  wait(jobId: string): Promise<JobOutcome> {
    return new Promise((resolve) => {
      const waiters = this.waiting.get(jobId) ?? [];
      waiters.push(resolve);
      this.waiting.set(jobId, waiters);
      this.sweep ??= setInterval(() => void this.readFinished(), SWEEP_MS);
      if (waiters.length === 1) void this.readFinished([jobId]);
    });
  }

  close(): void {
    clearInterval(this.sweep);
    this.sweep = undefined;
  }

  private finish(jobId: string, outcome: JobOutcome): void {
    const waiters = this.waiting.get(jobId);
    if (!waiters) return;
    this.waiting.delete(jobId);
    for (const resolve of waiters) resolve(outcome);
    if (this.waiting.size === 0) this.close();
  }

  private async readFinished(ids?: string[]): Promise<void> {
    if (!ids) {
      if (this.sweeping) return;
      this.sweeping = true;
    }
    const jobIds = ids ?? [...this.waiting.keys()];
    try {
      const pipeline = this.client.pipeline();
      for (const jobId of jobIds) pipeline.hmget(this.jobKey(jobId), 'finishedOn', 'returnvalue', 'failedReason');
      const answers = (await pipeline.exec()) ?? [];
      answers.forEach(([error, fields], index) => {
        const [finishedOn, returnvalue, failedReason] = (fields ?? []) as (string | null)[];
        if (error || !finishedOn) return;
        const jobId = jobIds[index]!;
        this.finish(jobId, returnvalue ? (JSON.parse(returnvalue) as JobOutcome) : failedOutcome(jobId, failedReason ?? 'no result'));
      });
    } catch {
      // Redis unreachable for now: the next sweep tries again.
    } finally {
      if (!ids) this.sweeping = false;
    }
  }
}

export function failedOutcome(jobId: string, reason: string): JobOutcome {
  return { outcome: 'unknown', code: 'JOB_FAILED', message: `Job ${jobId} failed: ${reason}` };
}
