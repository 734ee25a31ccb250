import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { NotionModule } from './index.js';

describeConnectorPackage(NotionModule, new URL('..', import.meta.url));
