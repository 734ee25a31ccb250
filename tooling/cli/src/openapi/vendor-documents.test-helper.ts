// Test-only: small documents with the vendors' hosts and security schemes, so the conventions are
// proven without the vendors' own documents (which live outside the repository).

const accountSid = { name: 'AccountSid', in: 'path', required: true, schema: { type: 'string', pattern: '^AC[0-9a-fA-F]{32}$' } };
const form = (properties: Record<string, unknown>, required: string[]) => ({
  required: true,
  content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties, required } } },
});

/** Twilio's 2010 API in miniature: basic auth, and the account SID in the paths. */
export function twilioLikeDocument(host = 'api.twilio.com') {
  return {
    openapi: '3.0.1',
    info: { title: 'Twilio - Api', version: '1.0.0' },
    servers: [{ url: `https://${host}` }],
    components: { securitySchemes: { accountSid_authToken: { type: 'http', scheme: 'basic' } } },
    security: [{ accountSid_authToken: [] }],
    paths: {
      '/2010-04-01/Accounts/{AccountSid}/Messages.json': {
        servers: [{ url: `https://${host}` }],
        get: { operationId: 'ListMessage', parameters: [accountSid, { name: 'To', in: 'query', schema: { type: 'string' } }] },
        post: { operationId: 'CreateMessage', parameters: [accountSid], requestBody: form({ To: { type: 'string' }, Body: { type: 'string' } }, ['To']) },
      },
      '/2010-04-01/Accounts/{Sid}.json': {
        get: { operationId: 'FetchAccount', parameters: [{ name: 'Sid', in: 'path', required: true, schema: { type: 'string' } }] },
      },
    },
  };
}

/** Stripe's API in miniature: `basic` listed before `bearer`, form bodies. */
export const stripeLikeDocument = {
  openapi: '3.0.0',
  info: { title: 'Stripe API', version: '2020-08-27' },
  servers: [{ url: 'https://api.stripe.com/' }],
  components: {
    securitySchemes: {
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'auth-scheme' },
    },
  },
  security: [{ basicAuth: [] }, { bearerAuth: [] }],
  paths: {
    '/v1/customers/{customer}': {
      get: { operationId: 'GetCustomersCustomer', parameters: [{ name: 'customer', in: 'path', required: true, schema: { type: 'string', maxLength: 5000 } }] },
    },
    '/v1/customers': { post: { operationId: 'PostCustomers', requestBody: form({ email: { type: 'string' }, name: { type: 'string' } }, []) } },
  },
};

/** An API (OpenAPI 3.1) that takes its key as a cookie. */
export const cookieKeyDocument = {
  openapi: '3.1.0',
  info: { title: 'Cookie Shop', version: '2.0.0' },
  servers: [{ url: 'https://api.cookie-shop.test/v2' }],
  components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'shop_session' } } },
  security: [{ session: [] }],
  paths: {
    '/orders/{orderId}': { get: { operationId: 'orders/get', parameters: [{ name: 'orderId', in: 'path', required: true, schema: { type: 'string' } }] } },
    '/orders': {
      post: {
        operationId: 'orders/create',
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['item'], properties: { item: { type: 'string' }, quantity: { type: 'integer' } } } } } },
      },
    },
  },
};

/** A machine-to-machine API (OpenAPI 3.1): OAuth2 client credentials with a relative token URL. */
export const clientCredentialsDocument = {
  openapi: '3.1.0',
  info: { title: 'Fleet', version: '1.0.0' },
  servers: [{ url: 'https://api.fleet.test/v1' }],
  components: {
    securitySchemes: {
      machine: { type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/oauth/token', scopes: { 'vehicles:read': 'Read vehicles' } } } },
    },
  },
  security: [{ machine: ['vehicles:read'] }],
  paths: { '/vehicles/{vehicleId}': { get: { operationId: 'vehicles/get', parameters: [{ name: 'vehicleId', in: 'path', required: true, schema: { type: 'string' } }] } } },
};
