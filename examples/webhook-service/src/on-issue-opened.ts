import type { GithubOperations } from '@patchbay/connector-github';
import type { ConnectorExecuteOutput } from '@patchbay/contract';
import type { IntegrationManager } from '@patchbay/runtime';

/** The parts of GitHub's `issues` event payload this action reads. */
export interface IssuesEvent {
  action: string;
  issue: { number: number; title: string; user?: { login: string } };
  repository: { name: string; owner: { login: string } };
}

export function isIssuesEvent(payload: unknown): payload is IssuesEvent {
  const event = payload as Partial<IssuesEvent> | null;
  return (
    typeof event?.action === 'string' &&
    typeof event.issue?.number === 'number' &&
    typeof event.repository?.name === 'string' &&
    typeof event.repository.owner?.login === 'string'
  );
}

/** Thanks the author of a newly opened issue with a comment, through the app's GitHub connection. */
export function onIssueOpened(
  manager: IntegrationManager,
  connectionId: string,
  event: IssuesEvent,
): Promise<ConnectorExecuteOutput<GithubOperations['issues.createComment']['output']>> {
  const author = event.issue.user ? `@${event.issue.user.login}` : 'there';
  return manager.connection<GithubOperations>(connectionId).execute('issues.createComment', {
    owner: event.repository.owner.login,
    repo: event.repository.name,
    issue_number: event.issue.number,
    body: `Thanks for the report, ${author}! A maintainer will triage "${event.issue.title}" soon.`,
  });
}
