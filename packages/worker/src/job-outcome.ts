import type { ConnectorExecuteFailure, ConnectorExecuteSuccess } from '@patchbay/contract';

/**
 * How an enqueued call ended. `succeeded` and `failed` carry the runtime's result as `execute`
 * returns it. `unknown` means the request may or may not have reached the vendor and was not sent
 * again: an earlier attempt's worker stopped mid-call (killed, crashed, lost its lock) and the
 * operation is not safe to repeat. The app decides what to do (look the record up, ask a human).
 */
export type JobOutcome =
  | { outcome: 'succeeded'; result: ConnectorExecuteSuccess }
  | { outcome: 'failed'; result: ConnectorExecuteFailure }
  | { outcome: 'unknown'; code: UnknownOutcomeCode; message: string };

/**
 * - `OUTCOME_UNKNOWN`: a non-idempotent request may have been sent by an attempt that did not
 *   finish; it was not sent again.
 * - `JOB_FAILED`: the job itself failed outside the call (for example the worker lost Redis while
 *   recording the result), so whether the request was sent is not known either.
 */
export type UnknownOutcomeCode = 'OUTCOME_UNKNOWN' | 'JOB_FAILED';
