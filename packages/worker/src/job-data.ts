/** What an enqueued call carries in its BullMQ job. */
export interface ExecuteJobData {
  connectionId: string;
  operation: string;
  input: unknown;
  /** Also passed to the runtime as `context.idempotencyKey`, so a connector that sends one sends this. */
  idempotencyKey: string;
}

/** What each scheduled poll of a subscription carries. */
export interface PollJobData {
  subscriptionId: string;
  connectionId: string;
  operation: string;
  input: Record<string, unknown>;
}

export const EXECUTE_JOB = 'execute';
export const POLL_JOB = 'poll';
