import type { IntegrationManager } from '@patchbay/runtime';
import type { SlackStandIn } from '@patchbay/stand-ins';
import type { DemoOutput } from './demo-output.js';

/** The Slack part of the demo: who the bot is, then a message to #general. */
export async function slackTour(manager: IntegrationManager, slack: SlackStandIn, output: DemoOutput): Promise<void> {
  await manager.connect({ id: 'slack-demo', connector: 'slack', credentials: { token: slack.token }, config: { baseUrl: slack.apiUrl } });

  output.beginStep('slack auth.test', 'the workspace and bot the token belongs to');
  output.result(await manager.execute('slack-demo', 'auth.test'), (data) => {
    const identity = data as { team?: string; user?: string };
    return `${identity.user ?? 'bot'} in ${identity.team ?? 'the workspace'}`;
  });

  output.beginStep('slack chat.postMessage', 'post to #general');
  output.result(
    await manager.execute('slack-demo', 'chat.postMessage', { channel: 'C0GENERAL', text: 'Deploy finished: all checks green.' }),
    (data) => `message ${(data as { ts?: string }).ts ?? ''} in ${(data as { channel?: string }).channel ?? 'C0GENERAL'}`,
  );
}
