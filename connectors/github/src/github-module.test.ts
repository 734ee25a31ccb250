import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { GithubModule } from './index.js';

// The operations of 0.1.0, hand-written then and kept in overrides.ts, are recorded from the
// stand-in; the rest of GitHub's API is generated and gains fixtures as they are recorded.
const RECORDED = ['users.me', 'repos.get', 'issues.list', 'issues.get', 'issues.create', 'issues.update', 'issues.createComment', 'pulls.list'];

describeConnectorPackage(GithubModule, new URL('..', import.meta.url), { requireFixtures: RECORDED });
