import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { IntegrationManager } from '@patchbay/runtime';
import { startGithubStandIn, type GithubStandIn } from '@patchbay/stand-ins';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startWebhookService, type WebhookService } from './webhook-service.js';

const secret = 'webhook-secret-for-tests';
const appDirectory = fileURLToPath(new URL('..', import.meta.url));

const openedEvent = {
  action: 'opened',
  issue: { number: 7, title: 'Export stalls at 99%', user: { login: 'mona' } },
  repository: { name: 'hello-world', owner: { login: 'octo-org' } },
  sender: { login: 'mona' },
};

function sign(body: string, key = secret): string {
  return `sha256=${createHmac('sha256', key).update(body).digest('hex')}`;
}

describe('the webhook service', () => {
  let github: GithubStandIn;
  let manager: IntegrationManager;
  let service: WebhookService;
  let rejections: string[];

  beforeEach(async () => {
    github = await startGithubStandIn();
    manager = await IntegrationManager.create({ cwd: appDirectory });
    await manager.connect({ id: 'github', connector: 'github', credentials: { token: github.token }, config: { baseUrl: github.url } });
    rejections = [];
    service = await startWebhookService({ manager, connectionId: 'github', secret, onRejected: (reason) => rejections.push(reason) });
  });

  afterEach(async () => {
    await service.close();
    await manager.close();
    await github.close();
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    fetch(`${service.url}/webhooks/github`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'issues', ...headers },
      body,
    });

  it('discovers the GitHub connector from its own package.json', () => {
    expect(manager.connectors().map((connector) => connector.package)).toEqual(['@patchbay/connector-github']);
  });

  it('comments on a newly opened issue when the signature is valid', async () => {
    const body = JSON.stringify(openedEvent);
    const response = await deliver(body, { 'x-hub-signature-256': sign(body) });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ handled: true, action: 'issues.createComment', commentId: expect.any(Number) });
    expect(github.requests).toHaveLength(1);
    const [sent] = github.requests;
    expect(sent).toMatchObject({ method: 'POST', path: '/repos/octo-org/hello-world/issues/7/comments' });
    expect(sent!.headers.authorization).toBe(`Bearer ${github.token}`);
    expect(sent!.json).toEqual({ body: 'Thanks for the report, @mona! A maintainer will triage "Export stalls at 99%" soon.' });
    expect(github.state.comments.filter((comment) => comment.body.startsWith('Thanks for the report'))).toHaveLength(1);
  });

  it('answers 401 and sends nothing when the signature is wrong, missing or for other bytes', async () => {
    const body = JSON.stringify(openedEvent);
    const forged: Record<string, string>[] = [
      { 'x-hub-signature-256': sign(body, 'not-the-secret') },
      { 'x-hub-signature-256': sign(`${body} `) },
      { 'x-hub-signature-256': 'sha256=abc' },
      { 'x-hub-signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}` },
      {},
    ];
    for (const headers of forged) {
      const response = await deliver(body, headers);
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: 'invalid signature' });
    }
    expect(rejections).toEqual([
      'signature does not match the body',
      'signature does not match the body',
      'X-Hub-Signature-256 is not sha256=<64 hex digits>',
      'missing X-Hub-Signature-256 header',
      'missing X-Hub-Signature-256 header',
    ]);
    expect(github.requests).toEqual([]);
  });

  it('acknowledges other events without acting on them', async () => {
    const body = JSON.stringify({ ...openedEvent, action: 'closed' });
    const response = await deliver(body, { 'x-hub-signature-256': sign(body) });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ handled: false, event: 'issues' });
    expect(github.requests).toEqual([]);
  });
});
