import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runAgentSession } from './agent-session.js';

describe('the agent session example', () => {
  it('lists the tools, reads every page of issues, and corrects a refused create from its pointers', async () => {
    const lines: string[] = [];
    const session = await runAgentSession({ appDirectory: fileURLToPath(new URL('..', import.meta.url)), write: (line) => lines.push(line) });
    expect(session.steps.map((step) => step.step)).toEqual(['list', 'pick', 'call', 'refused', 'fixed']);
    const [list, pick, call, refused, fixed] = session.steps.map((step) => step.detail);
    expect(list).toMatch(/^6 tools: github_issues_create, github_issues_createComment, github_issues_get, github_issues_list, github_issues_update, github_repos_get$/);
    expect(pick).toBe('github_issues_list (read-only: true, takes allPages: true)');
    expect(call).toMatch(/^github issues\.list: ok, \d+ items from 1 page → \d+ open issues$/);
    expect(refused).toMatch(/^VALIDATION_FAILED: .* \| Nothing was sent\. .* \| - \/title: is required$/);
    expect(fixed).toMatch(/^github issues\.create: ok, HTTP 201 → issue #\d+ "Triage the open issues"$/);
    // The refused call never reached GitHub: one list page, then exactly one create.
    expect(session.vendorRequests).toEqual(['GET /repos/octo-org/hello-world/issues', 'POST /repos/octo-org/hello-world/issues']);
    expect(lines).toHaveLength(5);
  });
});
