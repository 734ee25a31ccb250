import { writeFile } from 'node:fs/promises';
import path from 'node:path';

/** An app as a user writes it: plain ESM, no build step, connectors found through their metadata. */
const appSource = `import { IntegrationManager } from '@patchbay/runtime';

const [githubUrl, githubToken, echoUrl] = process.argv.slice(2);
const manager = await IntegrationManager.create({ cwd: process.cwd() });
const connectors = manager.connectors().map(({ id, package: name, version, operations }) => ({ id, package: name, version, operations }));
await manager.connect({ id: 'gh', connector: 'github', credentials: { token: githubToken }, config: { baseUrl: githubUrl } });
await manager.connect({ id: 'echo', connector: 'echo', config: { baseUrl: echoUrl } });
const github = await manager.execute('gh', 'users.me');
const echo = await manager.execute('echo', 'messages.send', { text: 'hello from an npm consumer' });

// Every other operation of the GitHub connector, the way an app chains them.
const repo = { owner: 'octo-org', repo: 'hello-world' };
const outcome = (result) => ({ ok: result.ok, status: result.meta.status, code: result.ok ? undefined : result.error.code });
const githubOperations = {};
githubOperations['repos.get'] = outcome(await manager.execute('gh', 'repos.get', repo));
githubOperations['issues.list'] = outcome(await manager.execute('gh', 'issues.list', { ...repo, per_page: 5 }));
const created = await manager.execute('gh', 'issues.create', { ...repo, title: 'Filed from an npm consumer' });
githubOperations['issues.create'] = outcome(created);
const issue_number = created.ok ? created.data.number : 1;
githubOperations['issues.get'] = outcome(await manager.execute('gh', 'issues.get', { ...repo, issue_number }));
githubOperations['issues.update'] = outcome(await manager.execute('gh', 'issues.update', { ...repo, issue_number, state: 'closed' }));
githubOperations['issues.createComment'] = outcome(await manager.execute('gh', 'issues.createComment', { ...repo, issue_number, body: 'Closed from an npm consumer.' }));
githubOperations['pulls.list'] = outcome(await manager.execute('gh', 'pulls.list', repo));
await manager.close();
console.log(JSON.stringify({ connectors, problems: manager.problems(), github, githubOperations, echo }));
`;

/** Uses the published types the way an app would; compiled with no emit under two resolutions. */
const typedSource = `import { IntegrationManager, BaseAPIClient, type Logger } from '@patchbay/runtime';
import { PatchbayError, type ConnectorExecuteOutput, type ConnectorModule } from '@patchbay/contract';
import { GithubModule, GithubClient } from '@patchbay/connector-github';

export async function run(logger: Logger): Promise<number> {
  const manager: IntegrationManager = await IntegrationManager.create({ cwd: '.', logger });
  const result: ConnectorExecuteOutput = await manager.execute('gh', 'users.me', {});
  await manager.close();
  const module: ConnectorModule = GithubModule;
  const isClient: boolean = GithubClient.prototype instanceof BaseAPIClient;
  if (!result.ok) throw new PatchbayError({ code: result.error.code, message: result.error.message });
  return result.meta.attempts + module.id.length + Number(isClient);
}
`;

const requireSource = `// A CommonJS consumer: Node >= 20.19 can require() an ES module that has no top-level await.
const { IntegrationManager, VERSION } = require('@patchbay/runtime');
const { GithubModule } = require('@patchbay/connector-github');
console.log(JSON.stringify({ manager: typeof IntegrationManager.create, runtimeVersion: VERSION, connector: GithubModule.id }));
`;

function tsconfig(module: string, moduleResolution: string): string {
  return `${JSON.stringify(
    {
      compilerOptions: { module, moduleResolution, target: 'es2022', strict: true, noEmit: true, types: ['node'], skipLibCheck: false },
      files: ['consumer.ts'],
    },
    null,
    2,
  )}\n`;
}

/** Writes the consumer app outside the workspace; `registryUrl` serves the `@patchbay` scope only. */
export async function writeConsumerProject(directory: string, registryUrl: string): Promise<void> {
  await writeFile(path.join(directory, 'package.json'), `${JSON.stringify({ name: 'patchbay-consumer', private: true, type: 'module' }, null, 2)}\n`);
  await writeFile(path.join(directory, '.npmrc'), `@patchbay:registry=${registryUrl}\n`);
  await writeFile(path.join(directory, 'app.mjs'), appSource);
  await writeFile(path.join(directory, 'consumer.ts'), typedSource);
  await writeFile(path.join(directory, 'require-runtime.cjs'), requireSource);
  await writeFile(path.join(directory, 'tsconfig.node16.json'), tsconfig('node16', 'node16'));
  await writeFile(path.join(directory, 'tsconfig.bundler.json'), tsconfig('esnext', 'bundler'));
}
