import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { GoogleSheetsModule } from './index.js';

describeConnectorPackage(GoogleSheetsModule, new URL('..', import.meta.url));
