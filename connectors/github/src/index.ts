export { GithubClient, GithubModule } from './github-module.js';
export { githubOperations } from './operations.js';
export { githubAuth } from './auth.js';
export { VERSION } from './version.js';
export { verifyGithubWebhook } from './github-webhook.js';
export type { GithubWebhookRequest } from './github-webhook.js';
export type * from './operation-types.js';
