import { decodeCursor, encodeCursor, nextTimestamp, slackChannel } from './slack-state.js';
import type { SlackMessage, SlackState } from './slack-types.js';

/** A Web API method's arguments, as strings from a form or query, or JSON values. */
export type SlackArguments = Record<string, unknown>;

/** What a method answers: the body without `ok`, or a Slack error code (`ok: false, error`). */
export type SlackMethodResult = { ok: true; body: Record<string, unknown> } | { ok: false; error: string; extra?: Record<string, unknown> };

export type SlackMethod = (state: SlackState, args: SlackArguments) => SlackMethodResult;

const success = (body: Record<string, unknown>): SlackMethodResult => ({ ok: true, body });
const failure = (error: string, extra?: Record<string, unknown>): SlackMethodResult => ({ ok: false, error, extra });

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const flag = (value: unknown): boolean => value === true || value === 'true' || value === '1' || value === 1;

function limitOf(value: unknown, fallback: number, maximum: number): number {
  const parsed = Number(value);
  return Number.isInteger(parsed) && parsed > 0 ? Math.min(parsed, maximum) : fallback;
}

function findChannel(state: SlackState, reference: unknown) {
  const name = text(reference);
  if (name === undefined) return undefined;
  return state.channels.find((channel) => channel.id === name || `#${channel.name}` === name || channel.name === name);
}

function findMessage(state: SlackState, channelId: string, ts: unknown): SlackMessage | undefined {
  return state.messages.get(channelId)?.find((message) => message.ts === ts);
}

/** One page of `items` from a Slack cursor, with `response_metadata.next_cursor` (`''` on the last page). */
function page<T>(items: T[], args: SlackArguments, fallback: number, maximum: number) {
  const offset = decodeCursor(text(args.cursor));
  if (offset === undefined) return undefined;
  const limit = limitOf(args.limit, fallback, maximum);
  const slice = items.slice(offset, offset + limit);
  const more = offset + limit < items.length;
  return { slice, more, response_metadata: { next_cursor: more ? encodeCursor(offset + limit) : '' } };
}

/** The Web API methods the stand-in serves, with Slack's argument names, answers and error codes. */
export const slackMethods: Record<string, SlackMethod> = {
  'auth.test': (state) =>
    success({
      url: 'https://standin.slack.com/',
      team: state.teamName,
      user: 'patchbay',
      team_id: state.teamId,
      user_id: state.botUserId,
      bot_id: state.botId,
    }),

  'chat.postMessage': (state, args) => {
    const channel = findChannel(state, args.channel);
    if (!channel) return failure('channel_not_found');
    if (channel.is_archived) return failure('is_archived');
    const body = text(args.text);
    if (body === undefined && !Array.isArray(args.blocks) && !Array.isArray(args.attachments)) return failure('no_text');
    const history = state.messages.get(channel.id) ?? [];
    const message: SlackMessage = { type: 'message', ts: nextTimestamp(history), bot_id: state.botId, user: state.botUserId, text: body ?? '' };
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    const threadTs = text(args.thread_ts);
    if (threadTs !== undefined) {
      if (!findMessage(state, channel.id, threadTs)) return failure('thread_not_found');
      message.thread_ts = threadTs;
    }
    state.messages.set(channel.id, [...history, message]);
    return success({ channel: channel.id, ts: message.ts, message });
  },

  'chat.update': (state, args) => {
    const channel = findChannel(state, args.channel);
    if (!channel) return failure('channel_not_found');
    const message = findMessage(state, channel.id, args.ts);
    if (!message) return failure('message_not_found');
    if (message.user !== state.botUserId) return failure('cant_update_message');
    const body = text(args.text);
    if (body === undefined && !Array.isArray(args.blocks)) return failure('no_text');
    message.text = body ?? '';
    if (Array.isArray(args.blocks)) message.blocks = args.blocks;
    message.edited = { user: state.botUserId, ts: nextTimestamp(state.messages.get(channel.id) ?? []) };
    return success({ channel: channel.id, ts: message.ts, text: message.text, message });
  },

  'conversations.list': (state, args) => {
    const types = (text(args.types) ?? 'public_channel').split(',');
    const listed = state.channels.filter(
      (channel) =>
        (channel.is_private ? types.includes('private_channel') : types.includes('public_channel')) &&
        !(flag(args.exclude_archived) && channel.is_archived),
    );
    const result = page(listed, args, 100, 1000);
    if (!result) return failure('invalid_cursor');
    return success({ channels: result.slice, response_metadata: result.response_metadata });
  },

  'conversations.history': (state, args) => {
    const channel = findChannel(state, args.channel);
    if (!channel || !/^[CGD]/.test(String(args.channel))) return failure('channel_not_found');
    const oldest = Number(text(args.oldest) ?? 0);
    const latest = Number(text(args.latest) ?? Infinity);
    const inclusive = flag(args.inclusive);
    const inRange = (state.messages.get(channel.id) ?? [])
      .filter((message) => {
        const ts = Number(message.ts);
        return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
      })
      .reverse();
    const result = page(inRange, args, 100, 999);
    if (!result) return failure('invalid_cursor');
    return success({ messages: result.slice, has_more: result.more, pin_count: 0, response_metadata: result.response_metadata });
  },

  'conversations.create': (state, args) => {
    const name = text(args.name);
    if (name === undefined) return failure('invalid_name_required');
    if (!/^[a-z0-9_-]{1,80}$/.test(name)) return failure('invalid_name_specials');
    if (state.channels.some((channel) => channel.name === name)) return failure('name_taken');
    const channel = slackChannel(`C0NEW${state.channels.length + 1}`, name, state.botUserId, flag(args.is_private));
    channel.created = Math.floor(Date.now() / 1000);
    channel.num_members = 1;
    state.channels.push(channel);
    state.messages.set(channel.id, []);
    return success({ channel });
  },

  'users.lookupByEmail': (state, args) => {
    const email = text(args.email);
    if (email === undefined) return failure('invalid_arguments');
    const user = state.users.find((candidate) => candidate.profile.email?.toLowerCase() === email.toLowerCase());
    return user ? success({ user }) : failure('users_not_found');
  },

  'users.info': (state, args) => {
    const user = state.users.find((candidate) => candidate.id === args.user);
    return user ? success({ user }) : failure('user_not_found');
  },

  'reactions.add': (state, args) => {
    const channel = findChannel(state, args.channel);
    if (!channel) return failure('channel_not_found');
    const message = findMessage(state, channel.id, args.timestamp);
    if (!message) return failure('message_not_found');
    const name = text(args.name);
    if (name === undefined || !/^[a-z0-9_+-]+$/.test(name)) return failure('invalid_name');
    message.reactions ??= [];
    let reaction = message.reactions.find((existing) => existing.name === name);
    if (reaction?.users.includes(state.botUserId)) return failure('already_reacted');
    if (!reaction) message.reactions.push((reaction = { name, users: [], count: 0 }));
    reaction.users.push(state.botUserId);
    reaction.count = reaction.users.length;
    return success({});
  },
};

/** Methods that read a JSON body; the others take form or query arguments only, as on Slack. */
export const SLACK_JSON_METHODS = new Set(['chat.postMessage', 'chat.update', 'conversations.create', 'reactions.add']);

/** The scope each method needs (bot tokens). */
export const SLACK_METHOD_SCOPES: Record<string, string | undefined> = {
  'auth.test': undefined,
  'chat.postMessage': 'chat:write',
  'chat.update': 'chat:write',
  'conversations.list': 'channels:read',
  'conversations.history': 'channels:history',
  'conversations.create': 'channels:manage',
  'users.lookupByEmail': 'users:read.email',
  'users.info': 'users:read',
  'reactions.add': 'reactions:write',
};
