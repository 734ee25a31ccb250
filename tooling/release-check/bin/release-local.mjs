#!/usr/bin/env node
// `pnpm release:local`: starts a local npm registry (verdaccio, the release check's setup) on
// 127.0.0.1:4873, publishes every publishable package of the workspace to it at its current
// version, prints how an app installs from it, and serves until Ctrl-C. Nothing in the working
// tree changes (no versioning, no tags); the registry's storage is a temporary folder.
import { spawn } from 'node:child_process';
import { readdir, readFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startLocalRegistry } from '../registry/start-registry.mjs';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const { values } = parseArgs({ options: { port: { type: 'string', default: process.env.PATCHBAY_REGISTRY_PORT ?? '4873' } } });
const port = Number(values.port);
if (!Number.isInteger(port) || port <= 0 || port > 65_535) throw new Error(`--port must be a TCP port, not "${values.port}"`);

/** Every package `changeset publish` would publish: not private, under packages/, connectors/ or tooling/. */
async function publishablePackages() {
  const names = [];
  for (const folder of ['packages', 'connectors', 'tooling']) {
    for (const entry of await readdir(path.join(root, folder), { withFileTypes: true })) {
      const manifest = path.join(root, folder, entry.name, 'package.json');
      if (!entry.isDirectory() || !existsSync(manifest)) continue;
      const { name, version, private: isPrivate } = JSON.parse(await readFile(manifest, 'utf8'));
      if (!isPrivate) names.push({ name, version, directory: path.join(root, folder, entry.name) });
    }
  }
  return names.sort((left, right) => left.name.localeCompare(right.name));
}

function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
  });
}

const packages = await publishablePackages();
const missing = packages.filter((pkg) => !existsSync(path.join(pkg.directory, 'dist')));
if (missing.length > 0) throw new Error(`not built: ${missing.map((pkg) => pkg.name).join(', ')}; run \`pnpm release:local\` (it builds first) or \`pnpm build\``);

const storage = await mkdtemp(path.join(tmpdir(), 'patchbay-local-registry-'));
const registry = await startLocalRegistry(storage, { port });
const stop = async () => {
  await registry.close();
  await rm(storage, { recursive: true, force: true });
};
try {
  // The dummy token satisfies npm's publish; verdaccio here lets anyone publish @patchbay/*.
  const userconfig = path.join(storage, 'publish.npmrc');
  await writeFile(userconfig, `@patchbay:registry=${registry.url}\n//${registry.host}/:_authToken=local\n`);
  const env = { ...process.env, npm_config_userconfig: userconfig };
  for (const key of Object.keys(env)) if (key.startsWith('npm_config_') && key !== 'npm_config_userconfig') delete env[key];
  // pnpm publish rewrites workspace: ranges to the versions being published, as a release does.
  const filters = packages.flatMap((pkg) => ['--filter', pkg.name]);
  await run('pnpm', ['-r', ...filters, 'publish', '--no-git-checks', '--access', 'public', '--registry', registry.url], env);
} catch (error) {
  await stop();
  throw error;
}

const connector = packages.find((pkg) => pkg.name === '@patchbay/connector-github') ?? packages.find((pkg) => pkg.name.startsWith('@patchbay/connector-'));
console.log(`
Published ${packages.length} packages to the local registry ${registry.url}:
${packages.map((pkg) => `  ${pkg.name}@${pkg.version}`).join('\n')}

In your app, point the @patchbay scope at it (everything else still comes from npmjs.org):
  echo '@patchbay:registry=${registry.url}' >> .npmrc
then install as the connector READMEs say, e.g.:
  npm install @patchbay/runtime ${connector?.name ?? '@patchbay/connector-github'}

Serving until Ctrl-C.`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    stop().then(() => process.exit(0), () => process.exit(1));
  });
}
