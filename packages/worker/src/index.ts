export { PatchbayQueue } from './patchbay-queue.js';
export type { ConsumeOptions, EnqueueOptions, Subscription } from './patchbay-queue.js';
export { PatchbayWorker } from './patchbay-worker.js';
export type { ConnectionResolver, PatchbayWorkerOptions } from './patchbay-worker.js';
export { JobHandle } from './job-handle.js';
export type { JobOutcome, UnknownOutcomeCode } from './job-outcome.js';
export type { Delivery } from './delivery.js';
export type { PollOutcome } from './run-poll-job.js';
export type { WorkerRedisOptions } from './redis-options.js';
