import { describe, expect, it } from 'vitest';
import { MAX_TOOL_NAME_LENGTH, toolName } from './tool-name.js';

const valid = /^[A-Za-z0-9_-]{1,64}$/;

describe('toolName', () => {
  it('reads as the connection and the operation when both are plain', () => {
    expect(toolName('gh-main', 'issues.list')).toBe('gh-main_issues_list');
    expect(toolName('slack', 'users.lookupByEmail')).toBe('slack_users_lookupByEmail');
  });

  it('keeps long GitHub ids within 64 characters, unique and stable', () => {
    const connection = 'github-enterprise-production';
    const operations = [
      'actions.list-self-hosted-runners-for-organization-with-labels-a',
      'actions.list-self-hosted-runners-for-organization-with-labels-b',
      'code-scanning.list-alerts-for-enterprise-and-organization-and-repository',
    ];
    const names = operations.map((operation) => toolName(connection, operation));
    for (const name of names) {
      expect(name).toMatch(valid);
      expect(name.length).toBeLessThanOrEqual(MAX_TOOL_NAME_LENGTH);
      expect(name.startsWith('github-enterprise-production_actions_') || name.startsWith('github-enterprise-production_code-scanning_')).toBe(true);
    }
    expect(new Set(names).size).toBe(names.length);
    expect(operations.map((operation) => toolName(connection, operation))).toEqual(names);
  });

  it('never lets two pairs collide after sanitizing', () => {
    const pairs: [string, string][] = [
      ['gh', 'main.issues.list'],
      ['gh_main', 'issues.list'],
      ['gh.main', 'issues.list'],
      ['gh', 'main_issues.list'],
      ['gh-main', 'issues/list'],
      ['gh-main', 'issues_list'],
    ];
    const names = pairs.map(([connection, operation]) => toolName(connection, operation));
    for (const name of names) expect(name).toMatch(valid);
    expect(new Set([...names, toolName('gh-main', 'issues.list')]).size).toBe(pairs.length + 1);
  });
});
