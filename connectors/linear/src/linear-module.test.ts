import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { LinearModule } from './index.js';

describeConnectorPackage(LinearModule, new URL('..', import.meta.url));
