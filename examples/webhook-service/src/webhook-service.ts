import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { verifyGithubWebhook } from '@patchbay/connector-github';
import type { IntegrationManager } from '@patchbay/runtime';
import { isIssuesEvent, onIssueOpened } from './on-issue-opened.js';

export interface WebhookServiceOptions {
  manager: IntegrationManager;
  /** The connection comments are sent through. */
  connectionId: string;
  /** The secret configured on the GitHub webhook. */
  secret: string;
  host?: string;
  /** Hears why a delivery was refused; the sender only ever gets a bare 401. */
  onRejected?: (reason: string) => void;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface WebhookService {
  url: string;
  close(): Promise<void>;
}

/** GitHub caps webhook payloads at 25 MB; this service needs far less and refuses more. */
const MAX_BODY_BYTES = 1024 * 1024;

/**
 * A node:http service with one route, `POST /webhooks/github`. The signature is checked on the raw
 * bytes before anything is parsed; an `issues` `opened` event triggers a comment through the
 * IntegrationManager, other events are acknowledged and ignored.
 */
export async function startWebhookService(options: WebhookServiceOptions): Promise<WebhookService> {
  const server = createServer((request, response) => {
    handle(request, response, options).catch((error: unknown) => {
      if (!response.headersSent) reply(response, 500, { error: error instanceof Error ? error.message : String(error) });
    });
  });
  server.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

async function handle(request: IncomingMessage, response: ServerResponse, options: WebhookServiceOptions): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/webhooks/github') return reply(response, 404, { error: 'not found' });
  const body = await readBody(request);
  if (body === undefined) return reply(response, 413, { error: 'payload too large' });

  // Verified on the raw bytes, before parsing: a re-serialized body would not match the signature.
  const verification = verifyGithubWebhook({ body, headers: request.headers, secret: options.secret });
  if (!verification.ok) {
    options.onRejected?.(verification.reason);
    return reply(response, 401, { error: 'invalid signature' });
  }
  let payload: unknown;
  try {
    payload = JSON.parse(body.toString('utf8'));
  } catch {
    return reply(response, 400, { error: 'body is not JSON' });
  }
  const event = request.headers['x-github-event'];
  if (event !== 'issues' || !isIssuesEvent(payload) || payload.action !== 'opened') {
    return reply(response, 202, { handled: false, event });
  }
  const result = await onIssueOpened(options.manager, options.connectionId, payload);
  if (!result.ok) return reply(response, 502, { handled: false, error: result.error.code, message: result.error.message });
  return reply(response, 200, { handled: true, action: 'issues.createComment', commentId: result.data.id });
}

async function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  response.end(JSON.stringify(body));
}
