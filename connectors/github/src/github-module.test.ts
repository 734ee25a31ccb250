import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { GithubModule } from './index.js';

describeConnectorPackage(GithubModule, new URL('..', import.meta.url));
