import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { startStandIn, type RecordedRequest, type StandIn, type StandInResponse } from '@patchbay/stand-ins';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorPlan } from '../scaffold/connector-plan.js';
import { collect, managerForPlan } from './generated-paging.test-helper.js';
import { planFromOpenApi } from './plan-from-openapi.js';

const require = createRequire(import.meta.url);
const githubDocument = require.resolve('@octokit/openapi/generated/api.github.com.json');
// Stripe's and Twilio's own documents, gzipped in test-documents/; PATCHBAY_SPECS names another folder.
const SPECS = process.env.PATCHBAY_SPECS ?? path.resolve(import.meta.dirname, '..', '..', 'test-documents');
const STRIPE = path.join(SPECS, 'stripe-2020-08-27.openapi.json.gz');
const TWILIO = path.join(SPECS, 'twilio-api-v2010.openapi.json.gz');

const ITEMS = Array.from({ length: 7 }, (_, index) => ({ id: `i${index + 1}`, sid: `CA${index + 1}`, number: index + 1 }));
const PAGE_SIZE = 3;

let directory: string;
let standIn: StandIn;
let answer: (request: RecordedRequest) => StandInResponse = () => ({ status: 404, body: {} });

beforeAll(async () => {
  directory = await mkdtemp(path.join(tmpdir(), 'patchbay-vendor-paging-'));
  standIn = await startStandIn((request) => answer(request));
});

afterAll(async () => {
  await standIn.close();
  await rm(directory, { recursive: true, force: true });
});

async function plan(source: string, name: string): Promise<ConnectorPlan> {
  let file = source;
  if (source.endsWith('.gz')) {
    file = path.join(directory, path.basename(source, '.gz'));
    await writeFile(file, gunzipSync(await readFile(source)));
  }
  return planFromOpenApi({ source: file, cwd: directory, name, filters: { include: [], exclude: [] }, environmentPrefix: name.toUpperCase(), auth: 'none', onProgress: () => undefined });
}

/** Pages the generated list operation through the loopback stand-in and expects every item in three requests. */
async function pagesThree(generated: ConnectorPlan, operation: string, input: Record<string, unknown>, respond: typeof answer, connectionConfig: Record<string, string> = {}): Promise<RecordedRequest[]> {
  answer = respond;
  standIn.requests.length = 0;
  const manager = await managerForPlan(generated, standIn.url, [], connectionConfig);
  try {
    expect(await collect(manager.items('generated', operation, input))).toEqual(ITEMS);
  } finally {
    await manager.close();
  }
  expect(standIn.requests).toHaveLength(3);
  return [...standIn.requests];
}

function counts(generated: ConnectorPlan): Record<string, number> {
  const styles: Record<string, number> = {};
  for (const operation of generated.operations) {
    const key = operation.pagination?.style ?? (operation.paginationUnknown ? 'unknown' : 'none');
    styles[key] = (styles[key] ?? 0) + 1;
  }
  return styles;
}

describe("pagination of GitHub's whole document", () => {
  let github: ConnectorPlan;
  beforeAll(async () => {
    github = await plan(githubDocument, 'github');
  });

  it('pages its lists by the Link header, items at the array the list wraps', () => {
    const byId = new Map(github.operations.map((operation) => [operation.id, operation]));
    expect(byId.get('issues.listForRepo')?.pagination).toEqual({ style: 'link', cursorParam: 'page' });
    expect(byId.get('actions.listWorkflowRunsForRepo')?.pagination).toEqual({ style: 'link', cursorParam: 'page', itemsPath: 'workflow_runs' });
    // Search declares no Link header; its page and per_page parameters page it.
    expect(byId.get('search.repos')?.pagination).toEqual({ style: 'page', cursorParam: 'page', limitParam: 'per_page', itemsPath: 'items' });
    expect(byId.get('users.list')?.pagination).toEqual({ style: 'link', cursorParam: 'since' });
    expect(byId.get('repos.get')).not.toHaveProperty('pagination');
    const styles = counts(github);
    console.log(`GitHub: ${github.operations.length} operations, paging ${JSON.stringify(styles)}`);
    expect(styles.link).toBeGreaterThan(150);
  });

  it('a generated list pages across three pages of Link headers', async () => {
    const requests = await pagesThree(github, 'issues.listForRepo', { owner: 'octo', repo: 'hello', per_page: 3 }, (request) => {
      const number = Number(request.query.page ?? 1);
      const more = number * PAGE_SIZE < ITEMS.length;
      const link: Record<string, string> = more ? { link: `<${standIn.url}${request.path}?per_page=3&page=${number + 1}>; rel="next"` } : {};
      return { status: 200, headers: link, body: ITEMS.slice((number - 1) * PAGE_SIZE, number * PAGE_SIZE) };
    });
    expect(requests.map((request) => request.query.page)).toEqual([undefined, '2', '3']);
    expect(requests[0]!.path).toBe('/repos/octo/hello/issues');
  });
});

describe("pagination of Stripe's document", () => {
  let stripe: ConnectorPlan;
  beforeAll(async () => {
    stripe = await plan(STRIPE, 'stripe');
  });

  it('pages lists by starting_after and has_more, and searches by next_page', () => {
    const byId = new Map(stripe.operations.map((operation) => [operation.id, operation]));
    expect(byId.get('getCustomers')?.pagination).toEqual({ style: 'cursor', cursorParam: 'starting_after', cursorPath: 'data.-1.id', hasMorePath: 'has_more', itemsPath: 'data' });
    expect(byId.get('getCustomersSearch')?.pagination).toEqual({ style: 'cursor', cursorParam: 'page', cursorPath: 'next_page', hasMorePath: 'has_more', itemsPath: 'data' });
    const styles = counts(stripe);
    console.log(`Stripe: ${stripe.operations.length} operations, paging ${JSON.stringify(styles)}`);
    expect(styles.cursor).toBeGreaterThan(80);
  });

  it('a generated list pages across three pages', async () => {
    const requests = await pagesThree(stripe, 'getCustomers', { limit: 3 }, (request) => {
      const after = request.query.starting_after;
      const start = after === undefined ? 0 : ITEMS.findIndex((item) => item.id === after) + 1;
      return { status: 200, body: { object: 'list', url: '/v1/customers', data: ITEMS.slice(start, start + PAGE_SIZE), has_more: start + PAGE_SIZE < ITEMS.length } };
    });
    expect(requests.map((request) => request.query.starting_after)).toEqual([undefined, 'i3', 'i6']);
  });
});

describe("pagination of Twilio's document", () => {
  let twilio: ConnectorPlan;
  beforeAll(async () => {
    twilio = await plan(TWILIO, 'twilio');
  });

  it('pages lists by next_page_uri, items under the list key', () => {
    const listCall = twilio.operations.find((operation) => operation.id === 'listCall');
    expect(listCall?.pagination).toEqual({ style: 'cursor', cursorParam: 'PageToken', cursorPath: 'next_page_uri', cursorUrlParam: 'PageToken', itemsPath: 'calls' });
    const styles = counts(twilio);
    console.log(`Twilio: ${twilio.operations.length} operations, paging ${JSON.stringify(styles)}`);
    expect(styles.cursor).toBeGreaterThan(40);
  });

  it('a generated list pages across three pages', async () => {
    // The account SID comes from the connection, never from the input.
    const requests = await pagesThree(
      twilio,
      'listCall',
      { PageSize: 3 },
      (request) => {
        const start = request.query.PageToken === undefined ? 0 : Number(request.query.PageToken.slice(2));
        const next = start + PAGE_SIZE < ITEMS.length ? `${request.path}?PageSize=3&Page=${start / PAGE_SIZE + 1}&PageToken=PA${start + PAGE_SIZE}` : null;
        return { status: 200, body: { calls: ITEMS.slice(start, start + PAGE_SIZE), next_page_uri: next, page: start / PAGE_SIZE, page_size: PAGE_SIZE } };
      },
      { accountSid: `AC${'0'.repeat(32)}` },
    );
    expect(requests.map((request) => request.query.PageToken)).toEqual([undefined, 'PA3', 'PA6']);
    expect(requests[0]!.path).toBe(`/2010-04-01/Accounts/AC${'0'.repeat(32)}/Calls.json`);
  });
});
