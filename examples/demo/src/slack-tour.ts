import type { SlackOperations } from '@patchbay/connector-slack';
import type { IntegrationManager } from '@patchbay/runtime';
import type { SlackStandIn } from '@patchbay/stand-ins';
import type { DemoOutput } from './demo-output.js';

/** The Slack part of the demo: who the bot is, then a message to #general. */
export async function slackTour(manager: IntegrationManager, slack: SlackStandIn, output: DemoOutput): Promise<void> {
  const workspace = await manager.connect<SlackOperations>({
    id: 'slack-demo',
    connector: 'slack',
    credentials: { token: slack.token },
    config: { baseUrl: slack.apiUrl },
  });

  output.beginStep('slack auth.test', 'the workspace and bot the token belongs to');
  output.result(await workspace.execute('auth.test'), (identity) => `${identity.user ?? 'bot'} in ${identity.team ?? 'the workspace'}`);

  output.beginStep('slack chat.postMessage', 'post to #general');
  output.result(
    await workspace.execute('chat.postMessage', { channel: 'C0GENERAL', text: 'Deploy finished: all checks green.' }),
    (posted) => `message ${posted.ts} in ${posted.channel}`,
  );
}
