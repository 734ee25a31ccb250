import { readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectHandlerFree, linkToolchain, npmRun, patchbay, temporaryDirectory } from './cli-binary.test-helper.js';

const require = createRequire(import.meta.url);
// GitHub's official document for api.github.com, pinned through @octokit/openapi 23.0.2.
const githubDocument = require.resolve('@octokit/openapi/generated/api.github.com.json');

let root: string;

beforeAll(async () => {
  root = await temporaryDirectory('github');
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("patchbay new --from-openapi with GitHub's official document", () => {
  it('generates, builds and validates a connector with every operation', async () => {
    const directory = path.join(root, 'github-rest');
    const generated = await patchbay(
      ['new', 'github-rest', '--dir', directory, '--from-openapi', githubDocument, '--auth', 'bearer', '--display-name', 'GitHub REST', '--quiet'],
      { cwd: root, timeoutMs: 300_000 },
    );
    // --quiet silences progress and the note on lists whose paging is unknown; the catalog marks them.
    expect(generated.stderr).toBe('');
    expect(generated.code).toBe(0);
    await linkToolchain(directory);
    const built = await npmRun(directory, 'build', 900_000);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const validated = await patchbay(['validate', directory], { cwd: root, timeoutMs: 900_000 });
    expect(validated.stdout).toBe('github-rest: ok\n');
    await expectHandlerFree(directory, 'GithubRestModule');

    const catalog = JSON.parse(await readFile(path.join(directory, 'dist', 'catalog.json'), 'utf8')) as {
      baseUrl: string;
      operations: Record<string, { http: { method: string; path: string }; inputSchema: { required?: string[] }; paginationUnknown?: boolean }>;
    };
    const ids = Object.keys(catalog.operations);
    expect(ids.length).toBeGreaterThan(1000);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => catalog.operations[id]!.paginationUnknown).length).toBeGreaterThan(0);
    expect(catalog.baseUrl).toBe('https://api.github.com');
    // The same ids connectors/github chose by hand for the same endpoints.
    expect(catalog.operations['issues.create']).toMatchObject({
      http: { method: 'POST', path: '/repos/{owner}/{repo}/issues' },
      inputSchema: { required: ['owner', 'repo', 'title'] },
    });
    expect(catalog.operations['issues.createComment']?.http.path).toBe('/repos/{owner}/{repo}/issues/{issue_number}/comments');

    const report = [
      `GitHub document: ${ids.length} operations`,
      `generate ${(generated.durationMs / 1000).toFixed(1)} s`,
      `build (bundle, catalog, README reference, operation types) ${(built.durationMs / 1000).toFixed(1)} s`,
      `validate ${(validated.durationMs / 1000).toFixed(1)} s`,
    ].join(', ');
    console.log(report);
  }, 1_800_000);
});
