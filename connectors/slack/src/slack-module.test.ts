import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { SlackModule } from './index.js';

describeConnectorPackage(SlackModule, new URL('..', import.meta.url));
