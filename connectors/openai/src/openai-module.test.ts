import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { OpenaiModule } from './index.js';

describeConnectorPackage(OpenaiModule, new URL('..', import.meta.url));
