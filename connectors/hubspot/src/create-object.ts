import type { OperationHandler } from '@patchbay/runtime';
import { hubspotOperations } from './operations.js';

type CreateOperation = 'contacts.create' | 'companies.create' | 'deals.create';

/**
 * A CRM create, sent as its definition says but always with `associations`: HubSpot's OpenAPI
 * description requires the field on SimplePublicObjectInputForCreate, while callers written before
 * the connector sent it leave it out, so an absent list is sent as the empty one.
 */
export function createObject(operation: CreateOperation): OperationHandler {
  const { method, path } = hubspotOperations[operation].http;
  return (input, call) => call.request({ method, path, params: { ...input, associations: input.associations ?? [] } });
}
