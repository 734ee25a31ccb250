import type { JSONSchema, OperationMap } from '@patchbay/contract';

const phoneNumber: JSONSchema = { type: 'string', minLength: 2, description: 'E.164 number (`+14155552671`), or a channel address (`whatsapp:+1…`)' };
const url: JSONSchema = { type: 'string', format: 'uri' };
const httpMethod: JSONSchema = { type: 'string', enum: ['GET', 'POST'] };
const dateTime: JSONSchema = { type: 'string', description: 'A date (`YYYY-MM-DD`) or an RFC 2822 / ISO 8601 date-time' };
const paging = {
  PageSize: { type: 'integer', minimum: 1, maximum: 1000, default: 50, description: 'Resources per page' },
  Page: { type: 'integer', minimum: 0, description: 'Page index, for the caller’s own bookkeeping' },
  PageToken: { type: 'string', description: 'The `PageToken` of `next_page_uri` (`meta.nextCursor`)' },
} satisfies Record<string, JSONSchema>;
// Lists name the next page in `next_page_uri`; its `PageToken` is the cursor, so the next request
// is built like the first, on the connection's base URL, never sent to a URI as given.
const pagination = { style: 'cursor', cursorParam: 'PageToken', cursorPath: 'next_page_uri', cursorUrlParam: 'PageToken' } as const;
// Twilio takes form bodies and repeats a key for each value of a list (`MediaUrl=a&MediaUrl=b`).
const form = { bodyType: 'form', arrayFormat: 'repeat' } as const;

const message: JSONSchema = {
  type: 'object',
  required: ['sid', 'status'],
  properties: {
    sid: { type: 'string' },
    status: { type: 'string' },
    to: { type: 'string' },
    from: { type: ['string', 'null'] },
    body: { type: 'string' },
    num_media: { type: 'string' },
    date_created: { type: 'string' },
    error_code: { type: ['integer', 'null'] },
  },
};
const call: JSONSchema = {
  type: 'object',
  required: ['sid', 'status'],
  properties: { sid: { type: 'string' }, status: { type: 'string' }, to: { type: 'string' }, from: { type: 'string' }, duration: { type: ['string', 'null'] } },
};
const page = (key: string, item: JSONSchema): JSONSchema => ({
  type: 'object',
  required: [key],
  properties: { [key]: { type: 'array', items: item }, next_page_uri: { type: ['string', 'null'] }, page: { type: 'integer' }, page_size: { type: 'integer' } },
});

/**
 * Twilio REST operations with Twilio's own PascalCase parameter names. `{AccountSid}` in the paths
 * is filled from the connection, not from input.
 */
export const twilioOperations = {
  'accounts.get': {
    kind: 'action',
    displayName: 'Get the account',
    description: 'The account the connection acts for; a cheap check that the credentials work.',
    http: { method: 'GET', path: '/2010-04-01/Accounts/{AccountSid}.json' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: { type: 'object', required: ['sid', 'status'], properties: { sid: { type: 'string' }, status: { type: 'string' }, friendly_name: { type: 'string' } } },
  },
  'messages.create': {
    kind: 'action',
    displayName: 'Send a message',
    description: 'Sends an SMS, MMS (with `MediaUrl`) or WhatsApp message; Twilio queues it and reports delivery to `StatusCallback`.',
    http: { method: 'POST', path: '/2010-04-01/Accounts/{AccountSid}/Messages.json', ...form },
    inputSchema: {
      type: 'object',
      required: ['To'],
      anyOf: [{ required: ['From'] }, { required: ['MessagingServiceSid'] }],
      additionalProperties: false,
      properties: {
        To: phoneNumber,
        From: phoneNumber,
        MessagingServiceSid: { type: 'string', pattern: '^MG[0-9a-fA-F]{32}$' },
        Body: { type: 'string', maxLength: 1600 },
        MediaUrl: { type: 'array', items: url, maxItems: 10, description: 'Media to send as MMS, one URL each (sent as repeated `MediaUrl`)' },
        ContentSid: { type: 'string', description: 'Content template (`HX…`) to send instead of `Body`' },
        ContentVariables: { type: 'string', description: 'JSON of the template’s variables' },
        StatusCallback: url,
        ValidityPeriod: { type: 'integer', minimum: 1, maximum: 36000 },
        SendAt: { type: 'string', format: 'date-time' },
        ScheduleType: { type: 'string', enum: ['fixed'] },
        ShortenUrls: { type: 'boolean' },
      },
    },
    outputSchema: message,
  },
  'messages.list': {
    kind: 'action',
    displayName: 'List messages',
    description: 'Messages of the account, newest first, optionally only those to or from a number or sent on (or before, after) a date.',
    http: { method: 'GET', path: '/2010-04-01/Accounts/{AccountSid}/Messages.json' },
    idempotent: true,
    pagination: { ...pagination, itemsPath: 'messages' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: { To: phoneNumber, From: phoneNumber, DateSent: dateTime, 'DateSent<': dateTime, 'DateSent>': dateTime, ...paging },
    },
    outputSchema: page('messages', message),
  },
  'messages.get': {
    kind: 'action',
    displayName: 'Get a message',
    description: 'One message by SID, with its delivery status and error code.',
    http: { method: 'GET', path: '/2010-04-01/Accounts/{AccountSid}/Messages/{Sid}.json' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['Sid'],
      additionalProperties: false,
      properties: { Sid: { type: 'string', pattern: '^(SM|MM)[0-9a-fA-F]{32}$', description: 'Message SID (`SM…`)' } },
    },
    outputSchema: message,
  },
  'calls.create': {
    kind: 'action',
    displayName: 'Place a call',
    description: 'Starts an outbound call whose script is TwiML at `Url`, inline `Twiml`, or an `ApplicationSid`.',
    http: { method: 'POST', path: '/2010-04-01/Accounts/{AccountSid}/Calls.json', ...form },
    inputSchema: {
      type: 'object',
      required: ['To', 'From'],
      oneOf: [{ required: ['Url'] }, { required: ['Twiml'] }, { required: ['ApplicationSid'] }],
      additionalProperties: false,
      properties: {
        To: phoneNumber,
        From: phoneNumber,
        Url: url,
        Twiml: { type: 'string', maxLength: 4000 },
        ApplicationSid: { type: 'string', pattern: '^AP[0-9a-fA-F]{32}$' },
        Method: httpMethod,
        StatusCallback: url,
        StatusCallbackEvent: {
          type: 'array',
          items: { type: 'string', enum: ['initiated', 'ringing', 'answered', 'completed'] },
          description: 'Sent as repeated `StatusCallbackEvent`',
        },
        StatusCallbackMethod: httpMethod,
        Timeout: { type: 'integer', minimum: 5, maximum: 600 },
        Record: { type: 'boolean' },
        MachineDetection: { type: 'string', enum: ['Enable', 'DetectMessageEnd'] },
        CallerId: { type: 'string' },
      },
    },
    outputSchema: call,
  },
  'calls.list': {
    kind: 'action',
    displayName: 'List calls',
    description: 'Calls of the account, newest first, optionally filtered by number, status or start time.',
    http: { method: 'GET', path: '/2010-04-01/Accounts/{AccountSid}/Calls.json' },
    idempotent: true,
    pagination: { ...pagination, itemsPath: 'calls' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        To: phoneNumber,
        From: phoneNumber,
        ParentCallSid: { type: 'string' },
        Status: { type: 'string', enum: ['queued', 'ringing', 'in-progress', 'canceled', 'completed', 'failed', 'busy', 'no-answer'] },
        StartTime: dateTime,
        'StartTime<': dateTime,
        'StartTime>': dateTime,
        EndTime: dateTime,
        'EndTime<': dateTime,
        'EndTime>': dateTime,
        ...paging,
      },
    },
    outputSchema: page('calls', call),
  },
  'incomingPhoneNumbers.list': {
    kind: 'action',
    displayName: 'List phone numbers',
    description: 'The account’s own phone numbers with their capabilities and webhook URLs.',
    http: { method: 'GET', path: '/2010-04-01/Accounts/{AccountSid}/IncomingPhoneNumbers.json' },
    idempotent: true,
    pagination: { ...pagination, itemsPath: 'incoming_phone_numbers' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        PhoneNumber: { type: 'string', description: 'All or part of a number' },
        FriendlyName: { type: 'string' },
        Beta: { type: 'boolean' },
        Origin: { type: 'string', enum: ['twilio', 'hosted'] },
        ...paging,
      },
    },
    outputSchema: page('incoming_phone_numbers', {
      type: 'object',
      required: ['sid', 'phone_number'],
      properties: { sid: { type: 'string' }, phone_number: { type: 'string' }, friendly_name: { type: 'string' }, capabilities: { type: 'object' } },
    }),
  },
} satisfies OperationMap;
