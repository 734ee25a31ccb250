import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { JiraModule } from './index.js';

describeConnectorPackage(JiraModule, new URL('..', import.meta.url));
