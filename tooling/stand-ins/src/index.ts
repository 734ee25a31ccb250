export { startStandIn } from './stand-in-server.js';
export type { StandIn, StandInHandler, StandInOptions } from './stand-in-server.js';
export type { RecordedRequest, StandInRequest } from './recorded-request.js';
export type { StandInResponse } from './stand-in-response.js';
export type {
  Fault,
  FaultFilter,
  InvalidJsonFault,
  ResetFault,
  StallFault,
  StatusFault,
  TruncatedFault,
} from './fault.js';
export { startGithubStandIn } from './github-stand-in.js';
export type { GithubStandIn, GithubStandInOptions, RateLimitNextOptions } from './github-stand-in.js';
export type {
  GithubAuthorAssociation,
  GithubBranchReference,
  GithubComment,
  GithubIssue,
  GithubLabel,
  GithubPull,
  GithubRepository,
  GithubState,
  GithubUser,
} from './github-types.js';
