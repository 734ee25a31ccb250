import type { JSONSchema, OperationMap, OperationPagination } from '@patchbay/contract';

// Objects whose keys are the caller's say so, so that their generated input type is a record of
// any keys rather than `{}`.
const openObject: JSONSchema = { type: 'object', additionalProperties: true };
const emailAddress: JSONSchema = {
  type: 'object',
  required: ['email'],
  properties: { email: { type: 'string', format: 'email' }, name: { type: 'string' } },
};
const emailList: JSONSchema = { type: 'array', items: emailAddress, minItems: 1, maxItems: 1000 };
const personalization: JSONSchema = {
  type: 'object',
  required: ['to'],
  properties: {
    to: emailList,
    cc: emailList,
    bcc: emailList,
    from: emailAddress,
    subject: { type: 'string' },
    headers: { type: 'object', additionalProperties: { type: 'string' } },
    substitutions: { type: 'object', additionalProperties: { type: 'string' } },
    dynamic_template_data: { ...openObject, description: 'Values for a dynamic template’s Handlebars fields' },
    custom_args: { type: 'object', additionalProperties: { type: 'string' } },
    send_at: { type: 'integer', description: 'Unix time to send at, up to 72 hours ahead' },
  },
};
const pageSize = (maximum: number): JSONSchema => ({ type: 'integer', minimum: 1, maximum });
// `meta.nextCursor` carries the next offset as text, so the number is taken in either form.
const listOffset: JSONSchema = { anyOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^[0-9]+$' }] };
const pageToken: JSONSchema = { type: 'string', description: 'The `page_token` of `_metadata.next` (`meta.nextCursor`)' };
// SendGrid finds a contact by any one of its identifiers; `phone_number_id` is the phone one (a
// `phone_number` field does not exist and SendGrid would drop it), so unknown fields are refused.
const contact: JSONSchema = {
  type: 'object',
  anyOf: [{ required: ['email'] }, { required: ['phone_number_id'] }, { required: ['external_id'] }, { required: ['anonymous_id'] }],
  additionalProperties: false,
  properties: {
    email: { type: 'string', format: 'email', maxLength: 254 },
    phone_number_id: { type: 'string', description: 'Phone number in E.164 form, as an identifier' },
    external_id: { type: 'string', description: 'Your own id for the contact, as an identifier' },
    anonymous_id: { type: 'string', description: 'An anonymous id, as an identifier' },
    alternate_emails: { type: 'array', items: { type: 'string', format: 'email' }, maxItems: 5 },
    first_name: { type: 'string', maxLength: 50 },
    last_name: { type: 'string', maxLength: 50 },
    address_line_1: { type: 'string' },
    address_line_2: { type: 'string' },
    city: { type: 'string' },
    state_province_region: { type: 'string' },
    postal_code: { type: 'string' },
    country: { type: 'string' },
    custom_fields: { ...openObject, description: 'Custom field values by field id (`e1_T`)' },
  },
};
const date: JSONSchema = { type: 'string', format: 'date', description: '`YYYY-MM-DD`' };
// Marketing and template lists name the next page as a URL in `_metadata.next`; its `page_token` is the cursor.
const tokenPagination: OperationPagination = {
  style: 'cursor',
  cursorParam: 'page_token',
  itemsPath: 'result',
  cursorPath: '_metadata.next',
  cursorUrlParam: 'page_token',
};
const tokenPage = (item: JSONSchema): JSONSchema => ({
  type: 'object',
  required: ['result'],
  properties: { result: { type: 'array', items: item }, _metadata: { type: 'object', properties: { next: { type: 'string' }, count: { type: 'integer' } } } },
});

/** SendGrid v3 operations, with SendGrid's own field names. */
export const sendgridOperations = {
  'mail.send': {
    kind: 'action',
    displayName: 'Send email',
    description: 'Queues an email (or one per personalization) for delivery. SendGrid answers 202 with no body: `data.messageId` is its `X-Message-Id` header (null if absent), `meta.status` 202.',
    http: { method: 'POST', path: '/v3/mail/send' },
    inputSchema: {
      type: 'object',
      required: ['personalizations', 'from'],
      anyOf: [{ required: ['template_id'] }, { required: ['content'] }],
      additionalProperties: false,
      properties: {
        personalizations: { type: 'array', items: personalization, minItems: 1, maxItems: 1000 },
        from: emailAddress,
        reply_to: emailAddress,
        reply_to_list: { type: 'array', items: emailAddress },
        subject: { type: 'string', minLength: 1 },
        content: {
          type: 'array',
          minItems: 1,
          items: { type: 'object', required: ['type', 'value'], properties: { type: { type: 'string' }, value: { type: 'string', minLength: 1 } } },
          description: '`text/plain` first, then `text/html`',
        },
        attachments: {
          type: 'array',
          items: {
            type: 'object',
            required: ['content', 'filename'],
            properties: { content: { type: 'string', description: 'Base64' }, filename: { type: 'string' }, type: { type: 'string' }, disposition: { enum: ['inline', 'attachment'] }, content_id: { type: 'string' } },
          },
        },
        template_id: { type: 'string', description: 'Dynamic template id (`d-…`)' },
        headers: { type: 'object', additionalProperties: { type: 'string' } },
        categories: { type: 'array', items: { type: 'string', maxLength: 255 }, maxItems: 10 },
        custom_args: { type: 'object', additionalProperties: { type: 'string' } },
        send_at: { type: 'integer' },
        batch_id: { type: 'string' },
        asm: { type: 'object', required: ['group_id'], properties: { group_id: { type: 'integer' }, groups_to_display: { type: 'array', items: { type: 'integer' } } } },
        ip_pool_name: { type: 'string' },
        mail_settings: openObject,
        tracking_settings: openObject,
      },
    },
    outputSchema: {
      type: 'object',
      required: ['messageId'],
      properties: { messageId: { type: ['string', 'null'], description: 'X-Message-Id; prefixes the `sg_message_id` of event webhooks' } },
    },
  },
  'contacts.upsert': {
    kind: 'action',
    displayName: 'Add or update contacts',
    description: 'Adds Marketing contacts or updates them by an identifier (`email`, `phone_number_id`, `external_id` or `anonymous_id`), optionally to lists; SendGrid processes them in the background and answers a `job_id`.',
    http: { method: 'PUT', path: '/v3/marketing/contacts' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['contacts'],
      additionalProperties: false,
      properties: {
        list_ids: { type: 'array', items: { type: 'string' } },
        contacts: { type: 'array', items: contact, minItems: 1, maxItems: 30_000 },
      },
    },
    outputSchema: { type: 'object', required: ['job_id'], properties: { job_id: { type: 'string' } } },
  },
  'contacts.search': {
    kind: 'action',
    displayName: 'Search contacts',
    description: 'Marketing contacts matching an SGQL query, e.g. `email LIKE \'ada%\' AND CONTAINS(list_ids, \'…\')`.',
    http: { method: 'POST', path: '/v3/marketing/contacts/search' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['query'],
      additionalProperties: false,
      properties: { query: { type: 'string', minLength: 1, description: 'SGQL query' } },
    },
    outputSchema: {
      type: 'object',
      required: ['result'],
      properties: { result: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, email: { type: 'string' } } } }, contact_count: { type: 'integer' } },
    },
  },
  'lists.list': {
    kind: 'action',
    displayName: 'List contact lists',
    http: { method: 'GET', path: '/v3/marketing/lists' },
    idempotent: true,
    pagination: tokenPagination,
    inputSchema: { type: 'object', additionalProperties: false, properties: { page_size: pageSize(1000), page_token: pageToken } },
    outputSchema: tokenPage({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, contact_count: { type: 'integer' } } }),
  },
  'templates.list': {
    kind: 'action',
    displayName: 'List templates',
    description: 'Transactional templates; `generations: "dynamic"` for the Handlebars ones `mail.send` takes as `template_id`.',
    http: { method: 'GET', path: '/v3/templates' },
    idempotent: true,
    pagination: tokenPagination,
    inputSchema: {
      type: 'object',
      required: ['page_size'],
      additionalProperties: false,
      properties: {
        generations: { type: 'string', enum: ['legacy', 'dynamic', 'legacy,dynamic'], default: 'legacy' },
        page_size: pageSize(200),
        page_token: pageToken,
      },
    },
    outputSchema: tokenPage({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'string' }, name: { type: 'string' }, generation: { type: 'string' } } }),
  },
  'bounces.list': {
    kind: 'action',
    displayName: 'List bounces',
    description: 'Addresses on the bounce suppression list, optionally between two Unix times.',
    http: { method: 'GET', path: '/v3/suppression/bounces' },
    idempotent: true,
    pagination: { style: 'offset', cursorParam: 'offset', limitParam: 'limit' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        start_time: { type: 'integer', description: 'Unix time (seconds)' },
        end_time: { type: 'integer', description: 'Unix time (seconds)' },
        email: { type: 'string' },
        limit: { type: 'integer', minimum: 1, maximum: 500 },
        offset: listOffset,
      },
    },
    outputSchema: {
      type: 'array',
      items: { type: 'object', required: ['email'], properties: { email: { type: 'string' }, created: { type: 'integer' }, reason: { type: 'string' }, status: { type: 'string' } } },
    },
  },
  'stats.get': {
    kind: 'action',
    displayName: 'Get email statistics',
    description: 'Global delivery, open, click, bounce and spam-report counts per day, week or month.',
    http: { method: 'GET', path: '/v3/stats' },
    idempotent: true,
    inputSchema: {
      type: 'object',
      required: ['start_date'],
      additionalProperties: false,
      properties: {
        start_date: date,
        end_date: date,
        aggregated_by: { type: 'string', enum: ['day', 'week', 'month'] },
        limit: { type: 'integer', minimum: 1 },
        offset: { type: 'integer', minimum: 0 },
      },
    },
    outputSchema: {
      type: 'array',
      items: { type: 'object', required: ['date', 'stats'], properties: { date: { type: 'string' }, stats: { type: 'array' } } },
    },
  },
} satisfies OperationMap;
