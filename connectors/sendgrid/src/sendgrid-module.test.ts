import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { SendgridModule } from './index.js';

describeConnectorPackage(SendgridModule, new URL('..', import.meta.url));
