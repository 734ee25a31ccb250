import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { TwilioModule } from './index.js';

describeConnectorPackage(TwilioModule, new URL('..', import.meta.url));
