import { describeConnectorPackage } from '@patchbay/connector-kit/testing';
import { AirtableModule } from './index.js';

describeConnectorPackage(AirtableModule, new URL('..', import.meta.url));
