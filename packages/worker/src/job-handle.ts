import type { JobOutcome } from './job-outcome.js';

/** An enqueued call. Enqueuing again with the same idempotency key answers the same job. */
export class JobHandle {
  constructor(
    readonly id: string,
    private readonly waitFor: (jobId: string) => Promise<JobOutcome>,
  ) {}

  /**
   * Waits until a worker has run the call and answers how it ended. Never rejects for the call's
   * own failure (that is `outcome: 'failed'`); a job that failed outside the call is `unknown`.
   */
  result(): Promise<JobOutcome> {
    return this.waitFor(this.id);
  }
}
