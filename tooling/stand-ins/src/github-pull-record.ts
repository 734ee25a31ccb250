import { createHash } from 'node:crypto';
import { createIssue, nodeId, type GithubStore } from './github-records.js';
import type { GithubIssue, GithubPull, GithubRepository, GithubUser } from './github-types.js';

export interface NewPullFields {
  title: string;
  body?: string | null;
  author: GithubUser;
  head: string;
  draft?: boolean;
  created?: Date;
}

/** Stable fake commit ids, so seeded payloads are the same on every run. */
function sha(seed: string): string {
  return createHash('sha1').update(seed).digest('hex');
}

/**
 * Adds a pull request and its issue side: on GitHub every pull request is also an issue that shares
 * its number and shows up in issue listings with a `pull_request` field.
 */
export function createPull(store: GithubStore, repository: GithubRepository, fields: NewPullFields): GithubPull {
  const issue = createIssue(store, repository, fields);
  const id = store.state.pulls.reduce((highest, pull) => Math.max(highest, pull.id), 1700000000) + 1;
  const url = `${repository.url}/pulls/${issue.number}`;
  const html = `${repository.html_url}/pull/${issue.number}`;
  issue.pull_request = { url, html_url: html, diff_url: `${html}.diff`, patch_url: `${html}.patch`, merged_at: null };

  const pull: GithubPull = {
    id,
    node_id: nodeId('PullRequest', id),
    url,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue.url,
    number: issue.number,
    state: 'open',
    locked: false,
    title: issue.title,
    body: issue.body,
    user: issue.user,
    labels: issue.labels,
    assignee: issue.assignee,
    assignees: issue.assignees,
    draft: fields.draft ?? false,
    head: {
      label: `${repository.owner.login}:${fields.head}`,
      ref: fields.head,
      sha: sha(`${repository.full_name}:${fields.head}`),
      user: repository.owner,
      repo: repository,
    },
    base: {
      label: `${repository.owner.login}:${repository.default_branch}`,
      ref: repository.default_branch,
      sha: sha(`${repository.full_name}:${repository.default_branch}`),
      user: repository.owner,
      repo: repository,
    },
    merged_at: null,
    merge_commit_sha: null,
    closed_at: null,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    author_association: issue.author_association,
  };
  store.state.pulls.push(pull);
  return pull;
}

/** Marks a pull request merged (and closed) on both its pull and issue sides. */
export function mergePull(store: GithubStore, pull: GithubPull, at: string): void {
  pull.merged_at = at;
  pull.merge_commit_sha = sha(`${pull.url}:merge`);
  const issue = store.state.issues.find((candidate) => candidate.url === pull.issue_url);
  if (issue?.pull_request) issue.pull_request.merged_at = at;
  if (issue) {
    issue.state = 'closed';
    issue.state_reason = 'completed';
    issue.closed_at = at;
    issue.updated_at = at;
  }
  syncPullFromIssue(store, issue);
}

/** Editing a pull request through the issues API changes the pull request too, as on GitHub. */
export function syncPullFromIssue(store: GithubStore, issue: GithubIssue | undefined): void {
  if (!issue?.pull_request) return;
  const pull = store.state.pulls.find((candidate) => candidate.issue_url === issue.url);
  if (!pull) return;
  pull.title = issue.title;
  pull.body = issue.body;
  pull.state = issue.state;
  pull.labels = issue.labels;
  pull.assignee = issue.assignee;
  pull.assignees = issue.assignees;
  pull.closed_at = issue.closed_at;
  pull.updated_at = issue.updated_at;
}
