import { applyOperationOverrides, type OperationMap } from '@patchbay/contract';
import { githubGeneratedOperations } from './generated/operations.js';
import { githubOperationOverrides } from './overrides.js';

export { githubDefinitions } from './generated/operations.js';

/**
 * Every operation of GitHub's REST API: those generated from `@octokit/openapi`'s description of
 * api.github.com, with ./overrides.ts applied.
 */
export const githubOperations: OperationMap = applyOperationOverrides(githubGeneratedOperations, githubOperationOverrides);
