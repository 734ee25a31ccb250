import type { HandlerResult, OperationHandler, OperationHandlers } from '@patchbay/runtime';
import * as documents from './linear-documents.js';
import { graphqlHttp } from './operations.js';

type Input = Record<string, unknown>;

interface GraphQLBody {
  data?: Record<string, unknown> | null;
}

/**
 * An operation that sends one GraphQL document: the input, shaped by `variables`, becomes the
 * document's variables, and `data` is the root field the document reads. The next page's cursor
 * is where the operation's `pagination` says, read by the runtime from the whole response.
 */
function graphql(query: string, field: string, variables: (input: Input) => Input = (input) => input): OperationHandler {
  return async (input, call) => {
    const response = await call.request<GraphQLBody>({ ...graphqlHttp, body: { query, variables: variables(input) } });
    const result: HandlerResult = { data: response.data.data?.[field] ?? null };
    if (response.nextCursor !== undefined) result.nextCursor = response.nextCursor;
    return result;
  };
}

/** Every Linear operation is a document, so every one has a handler. */
export const linearHandlers = {
  viewer: graphql(documents.VIEWER, 'viewer'),
  'issues.list': graphql(documents.ISSUES, 'issues'),
  'issues.get': graphql(documents.ISSUE, 'issue'),
  'issues.create': graphql(documents.ISSUE_CREATE, 'issueCreate', (input) => ({ input })),
  'issues.update': graphql(documents.ISSUE_UPDATE, 'issueUpdate', ({ id, ...input }) => ({ id, input })),
  'comments.create': graphql(documents.COMMENT_CREATE, 'commentCreate', (input) => ({ input })),
  'teams.list': graphql(documents.TEAMS, 'teams'),
  'projects.list': graphql(documents.PROJECTS, 'projects'),
} satisfies OperationHandlers;
