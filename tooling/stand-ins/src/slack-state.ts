import type { SlackChannel, SlackMessage, SlackState, SlackUser } from './slack-types.js';

const SEED_EPOCH = 1_700_000_000;

export function slackChannel(id: string, name: string, creator: string, isPrivate = false): SlackChannel {
  return {
    id,
    name,
    is_channel: true,
    is_private: isPrivate,
    is_archived: false,
    is_member: true,
    created: SEED_EPOCH,
    creator,
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    num_members: 3,
  };
}

function slackUser(id: string, name: string, realName: string, email: string | undefined, isBot = false): SlackUser {
  return {
    id,
    team_id: 'T0STANDIN',
    name,
    real_name: realName,
    deleted: false,
    is_bot: isBot,
    tz: 'Europe/Amsterdam',
    profile: { ...(email ? { email } : {}), real_name: realName, display_name: name },
  };
}

/**
 * The seed: channels #general (C0GENERAL, 25 messages from alice, oldest `1700000000.000100`),
 * #random and #announcements plus `extraChannels` more (`#project-1` …), users alice
 * (`alice@example.com`), bob (`bob@example.com`) and the bot.
 */
export function seedSlackState(extraChannels: number): SlackState {
  const users = [
    slackUser('U0ALICE', 'alice', 'Alice Adams', 'alice@example.com'),
    slackUser('U0BOB', 'bob', 'Bob Brown', 'bob@example.com'),
    slackUser('U0BOT', 'patchbay', 'Patchbay', undefined, true),
  ];
  const channels = [
    slackChannel('C0GENERAL', 'general', 'U0ALICE'),
    slackChannel('C0RANDOM', 'random', 'U0ALICE'),
    slackChannel('C0ANNOUNCE', 'announcements', 'U0BOB'),
  ];
  for (let index = 1; index <= extraChannels; index++) channels.push(slackChannel(`C0PROJECT${index}`, `project-${index}`, 'U0BOB'));
  const general: SlackMessage[] = Array.from({ length: 25 }, (_, index) => ({
    type: 'message',
    ts: `${SEED_EPOCH + index}.000100`,
    user: 'U0ALICE',
    text: `Message ${index + 1}`,
  }));
  return {
    teamId: 'T0STANDIN',
    teamName: 'Stand-in Workspace',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    channels,
    users,
    messages: new Map(channels.map((channel) => [channel.id, channel.id === 'C0GENERAL' ? general : []])),
  };
}

/** A `ts` later than every message in the channel: Slack's ids are unique and increasing per channel. */
export function nextTimestamp(history: SlackMessage[]): string {
  const now = Date.now() / 1000;
  const last = history.length > 0 ? Number(history[history.length - 1]!.ts) : 0;
  return Math.max(now, last + 0.000001).toFixed(6);
}

/** Slack's cursors are opaque base64 strings; this one carries an offset. */
export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64');
}

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return match ? Number(match[1]) : undefined;
}
