import type { IntegrationManager } from '@patchbay/runtime';
import type { GithubStandIn } from '@patchbay/stand-ins';
import type { DemoOutput } from './demo-output.js';

const repository = { owner: 'octo-org', repo: 'hello-world' };
/** Bounds the pagination loop even if a server kept sending `Link: rel="next"`. */
const maxPages = 20;

interface Issue {
  number: number;
  title: string;
  pull_request?: unknown;
}

/**
 * Runs the GitHub part of the demo against the stand-in: a plain call, a retried 503, a
 * secondary rate limit that the runtime waits out, a call refused before sending, and a list read
 * page by page.
 */
export async function githubTour(manager: IntegrationManager, github: GithubStandIn, output: DemoOutput): Promise<void> {
  await manager.connect({ id: 'gh-demo', connector: 'github', credentials: { token: github.token }, config: { baseUrl: github.url } });

  output.beginStep('github users.me', 'who the token belongs to');
  output.result(await manager.execute('gh-demo', 'users.me'), (data) => {
    const user = data as { login: string; id: number };
    return `${user.login} (user ${user.id})`;
  });

  output.beginStep('github repos.get', 'the stand-in answers 503 once: the runtime retries the GET');
  github.injectFaults({ status: 503, match: '/repos/octo-org/hello-world', body: { message: 'Service Unavailable' } });
  output.result(await manager.execute('gh-demo', 'repos.get', repository), (data) => (data as { full_name: string }).full_name);

  output.beginStep('github issues.create', "GitHub's secondary rate limit (403 + Retry-After: 1): the runtime waits, then sends again");
  github.rateLimitNext('secondary', { match: '/repos/octo-org/hello-world/issues' });
  const created = await manager.execute('gh-demo', 'issues.create', {
    ...repository,
    title: 'Demo: the nightly export stalls',
    body: 'Opened by the Patchbay demo.',
    labels: ['bug'],
  });
  output.result(created, (data) => describeIssue(data as Issue));

  output.beginStep('github issues.create', 'an input that breaks the schema: refused before any request');
  const seenBefore = github.requests.length;
  output.result(await manager.execute('gh-demo', 'issues.create', { ...repository, labels: 'bug' }), () => '');
  output.detail(output.style.dim(`nothing sent: the stand-in saw ${github.requests.length - seenBefore} new requests`));

  output.beginStep('github issues.list', 'every page, following meta.nextCursor from the Link header');
  const items: Issue[] = [];
  let page: string | undefined = '1';
  for (let pages = 0; page !== undefined && pages < maxPages; pages += 1) {
    const listed = await manager.execute('gh-demo', 'issues.list', { ...repository, state: 'all', per_page: 20, page: Number(page) });
    output.result(listed, (data) => `page ${page}: ${(data as Issue[]).length} items${listed.meta.nextCursor ? `, next page ${listed.meta.nextCursor}` : ', last page'}`);
    if (!listed.ok) break;
    items.push(...(listed.data as Issue[]));
    page = listed.meta.nextCursor;
  }
  const pulls = items.filter((item) => item.pull_request !== undefined).length;
  output.detail(`${output.style.cyan('Σ')} ${items.length} items: ${items.length - pulls} issues and ${pulls} pull requests`);

  if (created.ok) {
    const issue = created.data as Issue;
    output.beginStep('github issues.createComment', `answer on issue #${issue.number}`);
    const comment = await manager.execute('gh-demo', 'issues.createComment', {
      ...repository,
      issue_number: issue.number,
      body: 'Thanks! Looking into it.',
    });
    output.result(comment, (data) => `comment ${(data as { id: number }).id} on #${issue.number}`);
  }
}

function describeIssue(issue: Issue): string {
  return `issue #${issue.number} "${issue.title}"`;
}
