export { GithubModule } from './github-module.js';
export { GithubClient } from './github-client.js';
export { githubOperations } from './operations.js';
export { githubAuth } from './auth.js';
export { VERSION } from './version.js';
