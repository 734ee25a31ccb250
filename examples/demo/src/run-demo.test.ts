import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runDemo } from './run-demo.js';
import { terminalStyle } from './terminal-style.js';

const appDirectory = fileURLToPath(new URL('..', import.meta.url));

describe('the README demo', () => {
  it('discovers the GitHub connector and shows a retry, a wait, a refused input and every page', async () => {
    const lines: string[] = [];
    const { output, requests } = await runDemo({ appDirectory, write: (line) => lines.push(line), style: terminalStyle({ isTTY: false }, {}) });
    const text = lines.join('\n');

    expect(text).toMatch(/github\s+@patchbay\/connector-github\s+\d+\.\d+\.\d+\s+1225\b/);
    expect(text).toMatch(/↻ retry GET \/repos\/\{owner\}\/\{repo\} failed \(UPSTREAM_ERROR, status 503\); attempt 2 in \d+ ms/);
    expect(text).toMatch(/⏳ wait {2}Rate limit reached; holding requests for \d+ ms/);
    expect(text).toMatch(/↻ retry POST \/repos\/\{owner\}\/\{repo\}\/issues failed \(RATE_LIMITED, status 403\); attempt 2 in 1000 ms/);
    expect(text).toMatch(/✗ ---\s+0 ms {2}0 attempts {2}VALIDATION_FAILED .*\/title is required/);
    expect(text).toContain('nothing sent: the stand-in saw 0 new requests');
    expect(text).toContain('Σ 49 items: 46 issues and 3 pull requests');
    expect(output.tally).toEqual({ calls: 11, retries: 2, waits: 1, rejectedBeforeSending: 1 });
    const githubRequests = requests.github!;

    const sent = githubRequests.map((request) => `${request.method} ${request.path}`);
    expect(sent).toEqual([
      'GET /user',
      'GET /repos/octo-org/hello-world',
      'GET /repos/octo-org/hello-world',
      'POST /repos/octo-org/hello-world/issues',
      'POST /repos/octo-org/hello-world/issues',
      'GET /repos/octo-org/hello-world/issues',
      'GET /repos/octo-org/hello-world/issues',
      'GET /repos/octo-org/hello-world/issues',
      'POST /repos/octo-org/hello-world/issues/49/comments',
    ]);
    const [firstCreate, retriedCreate] = githubRequests.filter((request) => request.method === 'POST' && request.path.endsWith('/issues'));
    expect(retriedCreate!.receivedAt - firstCreate!.receivedAt).toBeGreaterThanOrEqual(950);
    expect(retriedCreate!.json).toEqual({ title: 'Demo: the nightly export stalls', body: 'Opened by the Patchbay demo.', labels: ['bug'] });
    expect(retriedCreate!.headers.authorization).toBe('Bearer ghp_standin_token');
    expect(githubRequests.filter((request) => request.path.endsWith('/issues') && request.method === 'GET').map((request) => request.query.page)).toEqual(['1', '2', '3']);
  });

  it('composes every connector the app depends on, each against its own stand-in', async () => {
    const lines: string[] = [];
    const { requests } = await runDemo({ appDirectory, write: (line) => lines.push(line), style: terminalStyle({ isTTY: false }, {}) });
    const text = lines.join('\n');

    for (const id of ['github', 'slack', 'stripe']) expect(text).toMatch(new RegExp(`^ {3}${id} +@patchbay/connector-${id} `, 'm'));
    expect(text).toMatch(/slack chat\.postMessage.*\n.*✓ 200 .* in C0GENERAL/);
    expect(text).toMatch(/stripe customers\.create.*\n.*✓ 200 .* customer cus_\w+ <ada@example\.com>/);
    const slackPost = requests.slack!.find((request) => request.path.endsWith('/chat.postMessage'));
    expect(slackPost?.method).toBe('POST');
    expect(JSON.stringify(slackPost?.json ?? slackPost?.form)).toContain('Deploy finished: all checks green.');
    const stripeCreate = requests.stripe!.find((request) => request.path === '/v1/customers');
    expect(stripeCreate).toMatchObject({ method: 'POST', form: { email: 'ada@example.com', name: 'Ada Lovelace' } });
    expect(stripeCreate!.headers.authorization).toBe('Bearer sk_test_standin_key');
  });

  it('runs as `pnpm demo` does: exits 0, closes everything, prints no colors into a pipe', async () => {
    const main = fileURLToPath(new URL('../dist/main.js', import.meta.url));
    const { NO_COLOR: _noColor, FORCE_COLOR: _forceColor, ...environment } = process.env;
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [main], { cwd: appDirectory, env: environment, timeout: 20_000 });
    expect(stderr).toBe('');
    expect(stdout).toContain('Done: all connections, stand-ins and sockets closed.');
    expect(stdout).not.toContain('\u001B[');
  });
});
