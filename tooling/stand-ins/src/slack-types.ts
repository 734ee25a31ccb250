/** A Slack conversation as `conversations.*` methods return it (the fields apps read). */
export interface SlackChannel {
  id: string;
  name: string;
  is_channel: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  created: number;
  creator: string;
  topic: { value: string; creator: string; last_set: number };
  purpose: { value: string; creator: string; last_set: number };
  num_members: number;
}

/** A message in a conversation's history. `ts` is the message id within its channel. */
export interface SlackMessage {
  type: 'message';
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  thread_ts?: string;
  blocks?: unknown[];
  edited?: { user: string; ts: string };
  reactions?: { name: string; users: string[]; count: number }[];
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  tz: string;
  profile: { email?: string; real_name: string; display_name: string };
}

/** Everything the Slack stand-in answers from; tests may read and change it freely. */
export interface SlackState {
  teamId: string;
  teamName: string;
  /** The bot user the token belongs to. */
  botUserId: string;
  botId: string;
  channels: SlackChannel[];
  users: SlackUser[];
  /** History per channel id, oldest first (the API answers newest first). */
  messages: Map<string, SlackMessage[]>;
}
