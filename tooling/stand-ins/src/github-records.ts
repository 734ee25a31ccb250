import type {
  GithubComment,
  GithubIssue,
  GithubLabel,
  GithubPull,
  GithubRepository,
  GithubState,
  GithubUser,
} from './github-types.js';

/** The state plus the stand-in's own base URL, which every record's API `url` points at. */
export interface GithubStore {
  state: GithubState;
  apiUrl: string;
}

const htmlUrl = 'https://github.com';

/** GitHub's legacy global node id: base64 of `0<type length>:<Type><id>`, e.g. `MDQ6VXNlcjE=`. */
export function nodeId(type: string, id: number): string {
  return Buffer.from(`0${type.length}:${type}${id}`).toString('base64');
}

/** GitHub timestamps are ISO 8601 in UTC without milliseconds. */
export function timestamp(date: Date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function nextId(records: { id: number }[], start: number): number {
  return records.reduce((highest, record) => Math.max(highest, record.id), start) + 1;
}

/** Builds a user record without storing it, for the viewer that has to exist before the state does. */
export function buildUser(
  apiUrl: string,
  login: string,
  id: number,
  type: GithubUser['type'] = 'User',
): GithubUser {
  return {
    login,
    id,
    node_id: nodeId(type === 'Organization' ? 'Organization' : 'User', id),
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: '',
    url: `${apiUrl}/users/${login}`,
    html_url: `${htmlUrl}/${login}`,
    type,
    site_admin: false,
  };
}

export function findOrCreateUser(
  store: GithubStore,
  login: string,
  type: GithubUser['type'] = 'User',
): GithubUser {
  const known = store.state.users.find((user) => user.login.toLowerCase() === login.toLowerCase());
  if (known) return known;
  const user = buildUser(store.apiUrl, login, nextId(store.state.users, 0), type);
  store.state.users.push(user);
  return user;
}

export function createRepository(
  store: GithubStore,
  owner: GithubUser,
  name: string,
  created: Date,
): GithubRepository {
  const id = nextId(store.state.repositories, 1295000);
  const fullName = `${owner.login}/${name}`;
  const url = `${store.apiUrl}/repos/${fullName}`;
  const repository: GithubRepository = {
    id,
    node_id: nodeId('Repository', id),
    name,
    full_name: fullName,
    private: false,
    owner,
    html_url: `${htmlUrl}/${fullName}`,
    description: `Stand-in repository ${fullName}`,
    fork: false,
    url,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    default_branch: 'main',
    visibility: 'public',
    has_issues: true,
    open_issues_count: 0,
    open_issues: 0,
    created_at: timestamp(created),
    updated_at: timestamp(created),
    pushed_at: timestamp(created),
    permissions: { admin: true, maintain: true, push: true, triage: true, pull: true },
  };
  store.state.repositories.push(repository);
  return repository;
}

/** Finds a repository by owner and name, case-insensitively as GitHub does. */
export function findRepository(
  store: GithubStore,
  owner: string,
  name: string,
): GithubRepository | undefined {
  const fullName = `${owner}/${name}`.toLowerCase();
  return store.state.repositories.find((repository) => repository.full_name.toLowerCase() === fullName);
}

/** GitHub creates a label on first use when an issue names one the repository lacks. */
export function findOrCreateLabel(
  store: GithubStore,
  repository: GithubRepository,
  name: string,
): GithubLabel {
  const prefix = `${repository.url}/labels/`;
  const known = store.state.labels.find(
    (label) => label.url.startsWith(prefix) && label.name.toLowerCase() === name.toLowerCase(),
  );
  if (known) return known;
  const id = nextId(store.state.labels, 208045000);
  const label: GithubLabel = {
    id,
    node_id: nodeId('Label', id),
    url: `${prefix}${encodeURIComponent(name)}`,
    name,
    color: 'ededed',
    default: ['bug', 'documentation', 'enhancement'].includes(name),
    description: null,
  };
  store.state.labels.push(label);
  return label;
}

export function issuesOf(store: GithubStore, repository: GithubRepository): GithubIssue[] {
  return store.state.issues.filter((issue) => issue.repository_url === repository.url);
}

export function pullsOf(store: GithubStore, repository: GithubRepository): GithubPull[] {
  return store.state.pulls.filter((pull) => pull.base.repo.url === repository.url);
}

export interface NewIssueFields {
  title: string;
  body?: string | null;
  author: GithubUser;
  labels?: GithubLabel[];
  assignees?: GithubUser[];
  created?: Date;
}

/** Adds an issue with the next number in its repository (issues and pulls share one sequence). */
export function createIssue(
  store: GithubStore,
  repository: GithubRepository,
  fields: NewIssueFields,
): GithubIssue {
  const id = nextId(store.state.issues, 1000000);
  const number = issuesOf(store, repository).reduce((highest, issue) => Math.max(highest, issue.number), 0) + 1;
  const url = `${repository.url}/issues/${number}`;
  const created = timestamp(fields.created);
  const assignees = fields.assignees ?? [];
  const issue: GithubIssue = {
    id,
    node_id: nodeId('Issue', id),
    url,
    repository_url: repository.url,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${repository.html_url}/issues/${number}`,
    number,
    state: 'open',
    state_reason: null,
    title: fields.title,
    body: fields.body ?? null,
    user: fields.author,
    labels: fields.labels ?? [],
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: null,
    closed_by: null,
    created_at: created,
    updated_at: created,
    author_association: fields.author.login === repository.owner.login ? 'OWNER' : 'MEMBER',
  };
  store.state.issues.push(issue);
  refreshOpenIssueCount(store, repository);
  return issue;
}

export function createComment(
  store: GithubStore,
  issue: GithubIssue,
  body: string,
  author: GithubUser, created?: Date,
): GithubComment {
  const id = nextId(store.state.comments, 1100000000);
  const comment: GithubComment = {
    id,
    node_id: nodeId('IssueComment', id),
    url: `${issue.repository_url}/issues/comments/${id}`,
    html_url: `${issue.html_url}#issuecomment-${id}`,
    issue_url: issue.url,
    body,
    user: author,
    created_at: timestamp(created),
    updated_at: timestamp(created),
    author_association: issue.author_association,
  };
  store.state.comments.push(comment);
  issue.comments += 1;
  issue.updated_at = comment.created_at;
  return comment;
}

/** The count GitHub reports on a repository includes open pull requests. */
export function refreshOpenIssueCount(store: GithubStore, repository: GithubRepository): void {
  const open = issuesOf(store, repository).filter((issue) => issue.state === 'open').length;
  repository.open_issues_count = open;
  repository.open_issues = open;
}
