import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { StripeModule } from './index.js';

describeConnectorPackage(StripeModule, new URL('..', import.meta.url));
