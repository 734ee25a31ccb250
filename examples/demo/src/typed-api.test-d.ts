import type { GithubOperations } from '@patchbay/connector-github';
import type { SlackOperations } from '@patchbay/connector-slack';
import type { StripeOperations } from '@patchbay/connector-stripe';
import type { ConnectionHandle, IntegrationManager } from '@patchbay/runtime';
import { describe, expectTypeOf, it } from 'vitest';

// Type tests: compiled by `tsc --noEmit` (the typecheck task) and by vitest's typecheck mode, never
// run. Each `@ts-expect-error` fails the check if the line below it ever compiles.
declare const manager: IntegrationManager;
declare const github: ConnectionHandle<GithubOperations>;
declare const stripe: ConnectionHandle<StripeOperations>;
declare const slack: ConnectionHandle<SlackOperations>;
const repository = { owner: 'octo-org', repo: 'hello-world' };

describe('typed connections', () => {
  it('type result.data with the operation output', async () => {
    const created = await github.execute('issues.create', { ...repository, title: 'Found a bug' });
    if (created.ok) {
      expectTypeOf(created.data.number).toEqualTypeOf<number>();
      expectTypeOf(created.data.title).toEqualTypeOf<string>();
    }
    const listed = await github.execute('issues.list', repository);
    if (listed.ok) expectTypeOf(listed.data).toBeArray();
    const customer = await stripe.execute('customers.create', { email: 'ada@example.com' });
    if (customer.ok) expectTypeOf(customer.data.id).toEqualTypeOf<string>();
    const posted = await slack.execute('chat.postMessage', { channel: 'C0GENERAL', text: 'hello' });
    expectTypeOf(posted.ok).toEqualTypeOf<boolean>();
  });

  it('types each item of items() and the connection handle from connect<T>()', async () => {
    for await (const issue of github.items('issues.list', repository)) expectTypeOf(issue.number).toEqualTypeOf<number>();
    const connected = manager.connect<GithubOperations>({ id: 'gh', connector: 'github' });
    expectTypeOf(connected).resolves.toEqualTypeOf<ConnectionHandle<GithubOperations>>();
  });

  it('refuses a misspelt operation, a misspelt field, a wrong type and a missing field', async () => {
    // @ts-expect-error an operation GitHub's connector does not have
    await github.execute('issues.crate', { ...repository, title: 'x' });
    // @ts-expect-error a misspelt input field
    await github.execute('issues.create', { ...repository, titel: 'x' });
    // @ts-expect-error a field of the wrong type
    await github.execute('issues.get', { ...repository, issue_number: 'seven' });
    // @ts-expect-error the required title is missing
    await github.execute('issues.create', repository);
    // @ts-expect-error Stripe's customers.create has no field "mail"
    await stripe.execute('customers.create', { mail: 'ada@example.com' });
    // @ts-expect-error Slack's chat.postMessage needs a channel
    await slack.execute('chat.postMessage', { text: 'hello' });
    const me = await github.execute('users.me');
    if (me.ok) {
      // @ts-expect-error a field the output does not declare is `unknown`, never silently `any`
      const nickname: string = me.data.nickname;
      expectTypeOf(nickname).toBeString();
    }
  });

  it('leaves the untyped execute open to dynamic callers', async () => {
    const result = await manager.execute('gh', 'any.operation', { anything: true });
    expectTypeOf(result.ok).toEqualTypeOf<boolean>();
    if (result.ok) expectTypeOf(result.data).toBeUnknown();
  });
});
