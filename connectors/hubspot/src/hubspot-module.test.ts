import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { HubspotModule } from './index.js';

describeConnectorPackage(HubspotModule, new URL('..', import.meta.url));
