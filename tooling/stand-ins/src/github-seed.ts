import { createPull, mergePull } from './github-pull-record.js';
import {
  createComment,
  createIssue,
  createRepository,
  findOrCreateLabel,
  findOrCreateUser,
  refreshOpenIssueCount,
  timestamp,
  type GithubStore,
} from './github-records.js';

/** Issues in the seeded repository: more than one page at the default `per_page` of 30. */
export const SEEDED_ISSUE_COUNT = 45;
/** Pull requests in the seeded repository, numbered after the issues. */
export const SEEDED_PULL_COUNT = 3;

const labelCycle = ['bug', 'enhancement', 'documentation'];
const topics = ['login redirect', 'webhook retries', 'rate limit banner', 'search filters', 'export to CSV'];

/** Fixed dates keep seeded payloads (and any snapshot of them) identical from run to run. */
function hoursAfterEpochOfSeed(hours: number): Date {
  return new Date(Date.UTC(2024, 0, 1) + hours * 3_600_000);
}

/**
 * Seeds `octo-org/hello-world`: issues #1–#45 (every fifth closed, labels cycling through bug,
 * enhancement and documentation, two comments on #1) and pull requests #46–#48 (the last merged).
 */
export function seedGithubState(store: GithubStore): void {
  const viewer = store.state.viewer;
  const organization = findOrCreateUser(store, 'octo-org', 'Organization');
  const hubot = findOrCreateUser(store, 'hubot');
  const repository = createRepository(store, organization, 'hello-world', hoursAfterEpochOfSeed(0));

  for (let number = 1; number <= SEEDED_ISSUE_COUNT; number += 1) {
    const created = hoursAfterEpochOfSeed(number);
    const issue = createIssue(store, repository, {
      title: `Seeded issue ${number}: ${topics[number % topics.length]}`,
      body: `Steps to reproduce issue ${number} are in the attached log.`,
      author: number % 3 === 0 ? hubot : viewer,
      labels: [findOrCreateLabel(store, repository, labelCycle[number % labelCycle.length] ?? 'bug')],
      assignees: number % 4 === 0 ? [viewer] : [],
      created,
    });
    if (number % 5 === 0) {
      issue.state = 'closed';
      issue.state_reason = 'completed';
      issue.closed_at = timestamp(hoursAfterEpochOfSeed(number + 0.5));
      issue.closed_by = viewer;
      issue.updated_at = issue.closed_at;
    }
  }
  const first = store.state.issues.find((issue) => issue.repository_url === repository.url && issue.number === 1);
  if (first) {
    createComment(store, first, 'I can reproduce this on main.', hubot, hoursAfterEpochOfSeed(100));
    createComment(store, first, 'Fix is on the way.', viewer, hoursAfterEpochOfSeed(101));
  }

  const branches = ['fix-login-redirect', 'docs-webhooks', 'feature-csv-export'];
  branches.forEach((head, index) => {
    const created = hoursAfterEpochOfSeed(SEEDED_ISSUE_COUNT + 10 + index);
    const pull = createPull(store, repository, {
      title: `Pull request from ${head}`,
      body: `Changes from the \`${head}\` branch.`,
      author: index === 1 ? hubot : viewer,
      head,
      draft: index === 1,
      created,
    });
    if (index === SEEDED_PULL_COUNT - 1) mergePull(store, pull, timestamp(hoursAfterEpochOfSeed(200)));
  });
  refreshOpenIssueCount(store, repository);
}
