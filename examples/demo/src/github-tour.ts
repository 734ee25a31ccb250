import type { GithubOperations } from '@patchbay/connector-github';
import type { IntegrationManager } from '@patchbay/runtime';
import type { GithubStandIn } from '@patchbay/stand-ins';
import type { DemoOutput } from './demo-output.js';

const repository = { owner: 'octo-org', repo: 'hello-world' };
/** Bounds the pagination loop even if a server kept sending `Link: rel="next"`. */
const maxPages = 20;

type Issue = GithubOperations['issues.get']['output'];

/**
 * Runs the GitHub part of the demo against the stand-in: a plain call, a retried 503, a
 * secondary rate limit that the runtime waits out, a call refused before sending, and a list read
 * page by page. Every call goes through a typed connection: operation names, inputs and `data`
 * are checked at compile time, with no casts.
 */
export async function githubTour(manager: IntegrationManager, github: GithubStandIn, output: DemoOutput): Promise<void> {
  const gh = await manager.connect<GithubOperations>({
    id: 'gh-demo',
    connector: 'github',
    credentials: { token: github.token },
    config: { baseUrl: github.url },
  });

  output.beginStep('github users.me', 'who the token belongs to');
  output.result(await gh.execute('users.me'), (user) => `${user.login} (user ${user.id})`);

  output.beginStep('github repos.get', 'the stand-in answers 503 once: the runtime retries the GET');
  github.injectFaults({ status: 503, match: '/repos/octo-org/hello-world', body: { message: 'Service Unavailable' } });
  output.result(await gh.execute('repos.get', repository), (repo) => repo.full_name);

  output.beginStep('github issues.create', "GitHub's secondary rate limit (403 + Retry-After: 1): the runtime waits, then sends again");
  github.rateLimitNext('secondary', { match: '/repos/octo-org/hello-world/issues' });
  const created = await gh.execute('issues.create', {
    ...repository,
    title: 'Demo: the nightly export stalls',
    body: 'Opened by the Patchbay demo.',
    labels: ['bug'],
  });
  output.result(created, describeIssue);

  output.beginStep('github issues.create', 'an input that breaks the schema: refused before any request');
  const seenBefore = github.requests.length;
  // The typed handle would not compile this input (no title, labels not an array), so it goes
  // through the untyped execute, as input from a form or an agent would.
  output.result(await manager.execute('gh-demo', 'issues.create', { ...repository, labels: 'bug' }), () => '');
  output.detail(output.style.dim(`nothing sent: the stand-in saw ${github.requests.length - seenBefore} new requests`));

  output.beginStep('github issues.list', 'every page, feeding meta.nextCursor back in as the page');
  const items: Issue[] = [];
  let page: string | undefined = '1';
  for (let pages = 0; page !== undefined && pages < maxPages; pages += 1) {
    const input: GithubOperations['issues.list']['input'] = { ...repository, state: 'all', per_page: 20, page };
    const listed = await gh.execute('issues.list', input);
    const shown = page;
    output.result(listed, (issues) => `page ${shown}: ${issues.length} items${listed.meta.nextCursor ? `, next page ${listed.meta.nextCursor}` : ', last page'}`);
    if (!listed.ok) break;
    items.push(...listed.data);
    page = listed.meta.nextCursor;
  }
  const pulls = items.filter((item) => item.pull_request !== undefined).length;
  output.detail(`${output.style.cyan('Σ')} ${items.length} items: ${items.length - pulls} issues and ${pulls} pull requests`);

  if (created.ok) {
    const issue = created.data;
    output.beginStep('github issues.createComment', `answer on issue #${issue.number}`);
    const comment = await gh.execute('issues.createComment', { ...repository, issue_number: issue.number, body: 'Thanks! Looking into it.' });
    output.result(comment, (posted) => `comment ${posted.id} on #${issue.number}`);
  }
}

function describeIssue(issue: Issue): string {
  return `issue #${issue.number} "${issue.title}"`;
}
