import type { ConnectionContext } from '@patchbay/contract';
import { BaseAPIClient, type ClientOptions, type HttpResponse, type VendorErrorInfo } from '@patchbay/runtime';
import { githubAuth } from './auth.js';
import { githubVendorError } from './github-error.js';
import { VERSION } from './version.js';

type Input = Record<string, unknown>;

/** GitHub REST API client, one per connection. `config.baseUrl` points at GitHub Enterprise. */
export class GithubClient extends BaseAPIClient {
  constructor(connection: ConnectionContext, options?: ClientOptions) {
    super(connection, options, {
      auth: githubAuth,
      baseUrl: 'https://api.github.com',
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': `patchbay-connector-github/${VERSION}`,
      },
    });
    this.register<Input>('users.me', (_input, call) => call.request({ method: 'GET', path: '/user' }));
    this.register<Input>('repos.get', (input, call) => call.request({ method: 'GET', path: '/repos/{owner}/{repo}', params: input }));
    this.register<Input>('issues.list', (input, call) =>
      call.request({ method: 'GET', path: '/repos/{owner}/{repo}/issues', params: input }),
    );
    this.register<Input>('issues.get', (input, call) =>
      call.request({ method: 'GET', path: '/repos/{owner}/{repo}/issues/{issue_number}', params: input }),
    );
    this.register<Input>('issues.create', (input, call) =>
      call.request({ method: 'POST', path: '/repos/{owner}/{repo}/issues', params: input }),
    );
    this.register<Input>('issues.update', (input, call) =>
      call.request({ method: 'PATCH', path: '/repos/{owner}/{repo}/issues/{issue_number}', params: input, idempotent: true }),
    );
    this.register<Input>('issues.createComment', (input, call) =>
      call.request({ method: 'POST', path: '/repos/{owner}/{repo}/issues/{issue_number}/comments', params: input }),
    );
    this.register<Input>('pulls.list', (input, call) =>
      call.request({ method: 'GET', path: '/repos/{owner}/{repo}/pulls', params: input }),
    );
  }

  protected override vendorError(response: HttpResponse): VendorErrorInfo | undefined {
    return githubVendorError(response);
  }
}
