/** The GraphQL documents the operations send; each selects what most automations read. */

const issueFields = `id identifier number title description priority url createdAt updatedAt dueDate
    state { id name type } team { id key name } assignee { id name } labels { nodes { id name } }`;
const pageInfo = 'pageInfo { hasNextPage endCursor }';

export const VIEWER = `query Viewer { viewer { id name displayName email admin active } }`;

export const ISSUES = `query Issues($first: Int, $after: String, $filter: IssueFilter, $orderBy: PaginationOrderBy, $includeArchived: Boolean) {
  issues(first: $first, after: $after, filter: $filter, orderBy: $orderBy, includeArchived: $includeArchived) {
    nodes { ${issueFields} }
    ${pageInfo}
  }
}`;

export const ISSUE = `query Issue($id: String!) { issue(id: $id) { ${issueFields} } }`;

export const ISSUE_CREATE = `mutation IssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success lastSyncId issue { ${issueFields} } }
}`;

export const ISSUE_UPDATE = `mutation IssueUpdate($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) { success lastSyncId issue { ${issueFields} } }
}`;

export const COMMENT_CREATE = `mutation CommentCreate($input: CommentCreateInput!) {
  commentCreate(input: $input) { success lastSyncId comment { id body url createdAt user { id name } } }
}`;

export const TEAMS = `query Teams($first: Int, $after: String, $includeArchived: Boolean) {
  teams(first: $first, after: $after, includeArchived: $includeArchived) { nodes { id key name } ${pageInfo} }
}`;

export const PROJECTS = `query Projects($first: Int, $after: String, $filter: ProjectFilter, $includeArchived: Boolean) {
  projects(first: $first, after: $after, filter: $filter, includeArchived: $includeArchived) { nodes { id name state url } ${pageInfo} }
}`;
