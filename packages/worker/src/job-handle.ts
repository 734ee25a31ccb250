import type { Job, QueueEvents } from 'bullmq';
import type { JobOutcome } from './job-outcome.js';

/** An enqueued call. Enqueuing again with the same idempotency key answers the same job. */
export class JobHandle {
  constructor(
    private readonly job: Job,
    private readonly events: () => Promise<QueueEvents>,
  ) {}

  get id(): string {
    return this.job.id!;
  }

  /**
   * Waits until a worker has run the call and answers how it ended. Never rejects for the call's
   * own failure (that is `outcome: 'failed'`); a job that failed outside the call is `unknown`.
   */
  async result(): Promise<JobOutcome> {
    try {
      return (await this.job.waitUntilFinished(await this.events())) as JobOutcome;
    } catch (error) {
      return { outcome: 'unknown', code: 'JOB_FAILED', message: `Job ${this.id} failed: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
