/**
 * The subset of GitHub REST shapes the stand-in serves. Field names and nullability follow
 * https://docs.github.com/rest so a connector parsing these parses the real API too.
 */

export interface GithubUser {
  login: string;
  id: number;
  node_id: string;
  avatar_url: string;
  gravatar_id: string;
  url: string;
  html_url: string;
  type: 'User' | 'Organization' | 'Bot';
  site_admin: boolean;
}

export interface GithubRepository {
  id: number;
  node_id: string;
  name: string;
  full_name: string;
  private: boolean;
  owner: GithubUser;
  html_url: string;
  description: string | null;
  fork: boolean;
  url: string;
  issues_url: string;
  pulls_url: string;
  default_branch: string;
  visibility: 'public' | 'private' | 'internal';
  has_issues: boolean;
  open_issues_count: number;
  open_issues: number;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  permissions: { admin: boolean; maintain: boolean; push: boolean; triage: boolean; pull: boolean };
}

export interface GithubLabel {
  id: number;
  node_id: string;
  url: string;
  name: string;
  color: string;
  default: boolean;
  description: string | null;
}

export type GithubAuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'NONE';

export interface GithubIssue {
  id: number;
  node_id: string;
  url: string;
  repository_url: string;
  labels_url: string;
  comments_url: string;
  events_url: string;
  html_url: string;
  number: number;
  state: 'open' | 'closed';
  state_reason: 'completed' | 'not_planned' | 'reopened' | null;
  title: string;
  body: string | null;
  user: GithubUser;
  labels: GithubLabel[];
  assignee: GithubUser | null;
  assignees: GithubUser[];
  milestone: null;
  locked: boolean;
  active_lock_reason: string | null;
  comments: number;
  /** Present only when the issue is a pull request, as in GitHub's issue listings. */
  pull_request?: { url: string; html_url: string; diff_url: string; patch_url: string; merged_at: string | null };
  closed_at: string | null;
  closed_by: GithubUser | null;
  created_at: string;
  updated_at: string;
  author_association: GithubAuthorAssociation;
}

export interface GithubComment {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  issue_url: string;
  body: string;
  user: GithubUser;
  created_at: string;
  updated_at: string;
  author_association: GithubAuthorAssociation;
}

export interface GithubBranchReference {
  label: string;
  ref: string;
  sha: string;
  user: GithubUser;
  repo: GithubRepository;
}

export interface GithubPull {
  id: number;
  node_id: string;
  url: string;
  html_url: string;
  diff_url: string;
  patch_url: string;
  issue_url: string;
  number: number;
  state: 'open' | 'closed';
  locked: boolean;
  title: string;
  body: string | null;
  user: GithubUser;
  labels: GithubLabel[];
  assignee: GithubUser | null;
  assignees: GithubUser[];
  draft: boolean;
  head: GithubBranchReference;
  base: GithubBranchReference;
  merged_at: string | null;
  merge_commit_sha: string | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
  author_association: GithubAuthorAssociation;
}

/**
 * Everything the GitHub stand-in knows, held in memory and open to tests: mutate it to arrange a
 * scenario, read it to assert on what a client changed. Records link to each other by their URLs
 * (`repository_url`, `issue_url`, `base.repo`), as GitHub's own payloads do.
 */
export interface GithubState {
  /** The user every valid token authenticates as. */
  viewer: GithubUser;
  users: GithubUser[];
  repositories: GithubRepository[];
  labels: GithubLabel[];
  /** Issues, and the issue side of every pull request (with `pull_request` set). */
  issues: GithubIssue[];
  comments: GithubComment[];
  pulls: GithubPull[];
}
