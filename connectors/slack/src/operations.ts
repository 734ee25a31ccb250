import type { JSONSchema, OperationMap } from '@patchbay/contract';
import { SLACK_TIERS } from './slack-tiers.js';

const channel: JSONSchema = { type: 'string', minLength: 1, description: 'Conversation id (C…, G…, D…) or, for posting, a #name' };
const ts: JSONSchema = { type: 'string', pattern: '^\\d+\\.\\d+$', description: 'Message timestamp, the message id within its channel' };
const cursor: JSONSchema = { type: 'string', description: 'next_cursor of the previous page' };
// Said outright, so the generated input type is a record of any fields rather than `{}`.
const openObject: JSONSchema = { type: 'object', additionalProperties: true };
const blocks: JSONSchema = { type: 'array', items: openObject, maxItems: 50, description: 'Block Kit blocks' };
const text: JSONSchema = { type: 'string', maxLength: 40_000, description: 'Message text (mrkdwn); the fallback when blocks are sent' };
const ok: JSONSchema = { type: 'boolean', const: true };

const message: JSONSchema = {
  type: 'object',
  required: ['ts'],
  properties: { type: { type: 'string' }, ts, user: { type: 'string' }, bot_id: { type: 'string' }, text: { type: 'string' }, thread_ts: ts },
};
const conversation: JSONSchema = {
  type: 'object',
  required: ['id', 'name'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, is_private: { type: 'boolean' }, is_archived: { type: 'boolean' } },
};
const user: JSONSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, real_name: { type: 'string' }, profile: { type: 'object' } },
};
const responseMetadata: JSONSchema = { type: 'object', properties: { next_cursor: { type: 'string' } } };

// Slack reads a JSON body only on the methods that document one, and warns `missing_charset`
// unless the content type names UTF-8; every other method takes form arguments and ignores JSON.
const jsonBody = { 'Content-Type': 'application/json; charset=utf-8' };

/** Needs text or blocks, as Slack does (`no_text` otherwise). */
const textOrBlocks: JSONSchema[] = [{ required: ['text'] }, { required: ['blocks'] }];

/** Slack Web API methods, with Slack's own argument names. */
export const slackOperations = {
  'auth.test': {
    kind: 'action',
    displayName: 'Test authentication',
    description: 'The workspace, user and bot the token belongs to; a cheap way to check a connection.',
    http: { method: 'POST', path: '/auth.test', bodyType: 'form' },
    idempotent: true,
    inputSchema: { type: 'object', additionalProperties: false, properties: {} },
    outputSchema: {
      type: 'object',
      required: ['ok', 'team_id', 'user_id'],
      properties: { ok, url: { type: 'string' }, team: { type: 'string' }, user: { type: 'string' }, team_id: { type: 'string' }, user_id: { type: 'string' }, bot_id: { type: 'string' } },
    },
  },
  'chat.postMessage': {
    kind: 'action',
    displayName: 'Send a message',
    description: 'Posts a message to a channel, or as a thread reply with `thread_ts`.',
    http: { method: 'POST', path: '/chat.postMessage', headers: jsonBody },
    rateLimit: SLACK_TIERS.postMessage,
    inputSchema: {
      type: 'object',
      required: ['channel'],
      anyOf: textOrBlocks,
      additionalProperties: false,
      properties: {
        channel,
        text,
        blocks,
        thread_ts: ts,
        reply_broadcast: { type: 'boolean' },
        mrkdwn: { type: 'boolean' },
        unfurl_links: { type: 'boolean' },
        unfurl_media: { type: 'boolean' },
        username: { type: 'string' },
        icon_emoji: { type: 'string' },
        icon_url: { type: 'string', format: 'uri' },
        metadata: { type: 'object', required: ['event_type', 'event_payload'], properties: { event_type: { type: 'string' }, event_payload: openObject } },
      },
    },
    outputSchema: { type: 'object', required: ['ok', 'channel', 'ts'], properties: { ok, channel: { type: 'string' }, ts, message } },
  },
  'chat.update': {
    kind: 'action',
    displayName: 'Update a message',
    description: 'Replaces the text or blocks of a message the app posted; sending the same update twice leaves the same message.',
    http: { method: 'POST', path: '/chat.update', headers: jsonBody },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier3,
    inputSchema: {
      type: 'object',
      required: ['channel', 'ts'],
      anyOf: textOrBlocks,
      additionalProperties: false,
      properties: { channel, ts, text, blocks, reply_broadcast: { type: 'boolean' } },
    },
    outputSchema: { type: 'object', required: ['ok', 'channel', 'ts'], properties: { ok, channel: { type: 'string' }, ts, text: { type: 'string' }, message } },
  },
  'conversations.list': {
    kind: 'action',
    displayName: 'List channels',
    description: 'Channels in the workspace, a page at a time (`response_metadata.next_cursor`).',
    http: { method: 'POST', path: '/conversations.list', bodyType: 'form' },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier2,
    pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'channels', cursorPath: 'response_metadata.next_cursor' },
    inputSchema: {
      type: 'object',
      additionalProperties: false,
      properties: {
        cursor,
        limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100, description: 'Results per page; Slack recommends 200 or fewer' },
        types: { type: 'string', default: 'public_channel', description: 'Comma-separated: public_channel, private_channel, mpim, im' },
        exclude_archived: { type: 'boolean' },
        team_id: { type: 'string' },
      },
    },
    outputSchema: { type: 'object', required: ['ok', 'channels'], properties: { ok, channels: { type: 'array', items: conversation }, response_metadata: responseMetadata } },
  },
  'conversations.history': {
    kind: 'action',
    displayName: 'Read channel history',
    description: 'Messages of a conversation, newest first, optionally between `oldest` and `latest`.',
    http: { method: 'POST', path: '/conversations.history', bodyType: 'form' },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier3,
    pagination: { style: 'cursor', cursorParam: 'cursor', itemsPath: 'messages', cursorPath: 'response_metadata.next_cursor' },
    inputSchema: {
      type: 'object',
      required: ['channel'],
      additionalProperties: false,
      properties: {
        channel,
        cursor,
        limit: { type: 'integer', minimum: 1, maximum: 999, default: 100 },
        oldest: ts,
        latest: ts,
        inclusive: { type: 'boolean', description: 'Include messages at exactly oldest or latest' },
        include_all_metadata: { type: 'boolean' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['ok', 'messages'],
      properties: { ok, messages: { type: 'array', items: message }, has_more: { type: 'boolean' }, response_metadata: responseMetadata },
    },
  },
  'conversations.create': {
    kind: 'action',
    displayName: 'Create a channel',
    http: { method: 'POST', path: '/conversations.create', headers: jsonBody },
    rateLimit: SLACK_TIERS.tier2,
    inputSchema: {
      type: 'object',
      required: ['name'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', pattern: '^[a-z0-9_-]{1,80}$', description: 'Lowercase letters, digits, hyphens and underscores, at most 80' },
        is_private: { type: 'boolean' },
        team_id: { type: 'string' },
      },
    },
    outputSchema: { type: 'object', required: ['ok', 'channel'], properties: { ok, channel: conversation } },
  },
  'users.lookupByEmail': {
    kind: 'action',
    displayName: 'Find a user by email',
    description: 'Needs the users:read.email scope; an unknown address is NOT_FOUND (`users_not_found`).',
    http: { method: 'POST', path: '/users.lookupByEmail', bodyType: 'form' },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier3,
    inputSchema: { type: 'object', required: ['email'], additionalProperties: false, properties: { email: { type: 'string', format: 'email' } } },
    outputSchema: { type: 'object', required: ['ok', 'user'], properties: { ok, user } },
  },
  'users.info': {
    kind: 'action',
    displayName: 'Get a user',
    http: { method: 'POST', path: '/users.info', bodyType: 'form' },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier4,
    inputSchema: {
      type: 'object',
      required: ['user'],
      additionalProperties: false,
      properties: { user: { type: 'string', minLength: 1, description: 'User id (U…)' }, include_locale: { type: 'boolean' } },
    },
    outputSchema: { type: 'object', required: ['ok', 'user'], properties: { ok, user } },
  },
  'reactions.add': {
    kind: 'action',
    displayName: 'Add a reaction',
    description: 'Adds an emoji reaction to a message; adding it twice answers `already_reacted`.',
    http: { method: 'POST', path: '/reactions.add', headers: jsonBody },
    rateLimit: SLACK_TIERS.tier3,
    inputSchema: {
      type: 'object',
      required: ['channel', 'timestamp', 'name'],
      additionalProperties: false,
      properties: { channel, timestamp: ts, name: { type: 'string', minLength: 1, description: 'Emoji name without colons, e.g. thumbsup' } },
    },
    outputSchema: { type: 'object', required: ['ok'], properties: { ok } },
  },
  'messages.new': {
    kind: 'trigger',
    displayName: 'New message in a channel',
    description: 'Polls conversations.history; each message is delivered once (deduplicated by `ts`), oldest first.',
    http: { method: 'POST', path: '/conversations.history', bodyType: 'form' },
    idempotent: true,
    rateLimit: SLACK_TIERS.tier3,
    trigger: { type: 'polling', dedupeKey: 'ts' },
    inputSchema: {
      type: 'object',
      required: ['channel'],
      additionalProperties: false,
      properties: {
        channel,
        limit: { type: 'integer', minimum: 1, maximum: 999, default: 100, description: 'Messages per history page' },
        state: { type: 'object', properties: { oldest: ts }, description: 'Set by the runtime from the previous poll' },
      },
    },
    outputSchema: {
      type: 'object',
      required: ['items', 'state'],
      properties: { items: { type: 'array', items: message }, state: { type: 'object', properties: { oldest: ts } } },
    },
  },
} satisfies OperationMap;
